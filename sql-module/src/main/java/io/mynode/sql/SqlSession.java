package io.mynode.sql;

import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.ReadOnlyException;
import io.mynode.kernel.error.SerializationFailure;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.txn.Transaction;
import io.mynode.kernel.txn.TransactionEngine;
import io.mynode.sql.exec.Executor;
import io.mynode.sql.exec.SchemaChanges;
import io.mynode.sql.parse.Ast;
import io.mynode.sql.parse.Parser;
import io.mynode.sql.plan.Explain;
import io.mynode.sql.plan.Optimizer;
import io.mynode.sql.plan.Plan;
import io.mynode.sql.plan.Planner;
import io.mynode.sql.store.Catalog;
import io.mynode.sql.store.StatementBuffer;
import io.mynode.sql.store.TableData;
import java.util.List;
import java.util.Optional;

/**
 * One client's session: parses each statement, runs it in the open explicit transaction or in
 * an implicit one of its own, and returns its result.
 *
 * <p>Implicit transactions: a query reads in a read-only transaction (a linearizable snapshot
 * that never conflicts) which ends when its rows are drained or closed; a write or DDL statement
 * runs in a read-write transaction that commits right after it, and is retried from scratch on
 * a serialization failure, since nothing of it was visible to anyone.
 *
 * <p>Each statement writes through a {@link StatementBuffer} that reaches the transaction only
 * if the statement succeeds, so a failed statement inside {@code BEGIN ... COMMIT} changes
 * nothing and the transaction stays usable.
 *
 * <p>One thread at a time; a new statement closes the rows of the previous one.
 */
final class SqlSession implements Session {
    private final TransactionEngine transactions;
    private final int retries;
    private Transaction explicit;
    private RowStream open;

    SqlSession(TransactionEngine transactions, int retries) {
        this.transactions = transactions;
        this.retries = retries;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only members of the kernel error family escape: anything else is a bug in this module,
     * reported as an {@link InternalFailure} so that a server answers the client and carries on.
     */
    @Override
    public StatementResult execute(String sql) {
        try {
            return dispatch(sql);
        } catch (MynodeException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new InternalFailure("internal error running a statement (" + e + "); please report it", e);
        }
    }

    private StatementResult dispatch(String sql) {
        closeOpen();
        Ast.Statement statement = Parser.parse(sql);
        return switch (statement) {
            case Ast.Begin b -> begin(b);
            case Ast.Commit c -> {
                Transaction txn = requireExplicit("COMMIT");
                explicit = null;
                try {
                    txn.commit();
                } finally {
                    txn.close();
                }
                yield new StatementResult.TransactionChanged(StatementResult.TransactionChanged.Action.COMMITTED,
                        txn.id(), txn.version(), txn.readOnly());
            }
            case Ast.Rollback r -> {
                Transaction txn = requireExplicit("ROLLBACK");
                explicit = null;
                txn.rollback();
                yield new StatementResult.TransactionChanged(StatementResult.TransactionChanged.Action.ROLLED_BACK,
                        txn.id(), txn.version(), txn.readOnly());
            }
            case Ast.Select s -> query(s);
            case Ast.Explain e -> explain(e);
            default -> write(statement);
        };
    }

    private StatementResult begin(Ast.Begin b) {
        if (explicit != null) {
            throw new InvalidInputException("already in transaction " + explicit.id());
        }
        Transaction txn = b.asOf().isPresent() ? transactions.beginAsOf(b.asOf().getAsLong())
                : b.readOnly() ? transactions.beginReadOnly() : transactions.begin();
        explicit = txn;
        return new StatementResult.TransactionChanged(StatementResult.TransactionChanged.Action.BEGAN,
                txn.id(), txn.version(), txn.readOnly());
    }

    private Transaction requireExplicit(String what) {
        if (explicit == null) {
            throw new InvalidInputException(what + " outside a transaction; BEGIN one first");
        }
        return explicit;
    }

    private StatementResult explain(Ast.Explain e) {
        Transaction txn = explicit != null ? explicit : transactions.beginReadOnly();
        try {
            Planner.Planned planned = new Planner(new Catalog(new StatementBuffer(txn))).plan(e.statement());
            return new StatementResult.Explain(Explain.render(Optimizer.optimize(planned.plan())));
        } finally {
            if (txn != explicit) {
                txn.close();
            }
        }
    }

    private StatementResult query(Ast.Select select) {
        boolean implicit = explicit == null;
        Transaction txn = implicit ? transactions.beginReadOnly() : explicit;
        try {
            TableData data = new TableData(new Catalog(new StatementBuffer(txn)));
            Planner.Planned planned = new Planner(data.catalog()).plan(select);
            RowStream rows = new Executor(data).rows(Optimizer.optimize(planned.plan()));
            open = implicit ? new Ending(rows, txn) : rows;
            return new StatementResult.Rows(planned.columns(), open);
        } catch (RuntimeException e) {
            if (implicit) {
                txn.close();
            }
            throw e;
        }
    }

    private StatementResult write(Ast.Statement statement) {
        if (explicit != null) {
            if (explicit.readOnly()) {
                throw new ReadOnlyException("transaction " + explicit.id() + " is read-only");
            }
            return run(statement, explicit);
        }
        for (int attempt = 0; ; attempt++) {
            Transaction txn = transactions.begin();
            try {
                StatementResult result = run(statement, txn);
                txn.commit();
                return result;
            } catch (SerializationFailure e) {
                if (attempt >= retries) {
                    throw e;
                }
            } finally {
                txn.close();
            }
            backOff(attempt);
        }
    }

    /**
     * Waits a little before retrying, up to about 2^attempt ms (at most 64), jittered so that
     * sessions that conflicted do not collide again in lockstep.
     */
    private static void backOff(int attempt) {
        long max = 1L << Math.min(attempt, 6);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(max + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.mynode.kernel.error.AbortedException("interrupted while retrying a statement", e);
        }
    }

    /** Runs a write or DDL statement through a statement buffer, flushed only on success. */
    private static StatementResult run(Ast.Statement statement, Transaction txn) {
        StatementBuffer buffer = new StatementBuffer(txn);
        TableData data = new TableData(new Catalog(buffer));
        StatementResult result = switch (statement) {
            case Ast.CreateTable c -> new StatementResult.SchemaChanged(new SchemaChanges(data).run(c));
            case Ast.DropTable d -> new StatementResult.SchemaChanged(new SchemaChanges(data).run(d));
            case Ast.CreateIndex c -> new StatementResult.SchemaChanged(new SchemaChanges(data).run(c));
            case Ast.DropIndex d -> new StatementResult.SchemaChanged(new SchemaChanges(data).run(d));
            default -> {
                Plan plan = Optimizer.optimize(new Planner(data.catalog()).plan(statement).plan());
                long n = new Executor(data).write(plan);
                StatementResult.RowsAffected.Verb verb = switch (plan) {
                    case Plan.Insert i -> StatementResult.RowsAffected.Verb.CREATED;
                    case Plan.Update u -> StatementResult.RowsAffected.Verb.UPDATED;
                    default -> StatementResult.RowsAffected.Verb.DELETED;
                };
                yield new StatementResult.RowsAffected(verb, n);
            }
        };
        buffer.flush();
        return result;
    }

    @Override
    public Optional<TransactionInfo> transaction() {
        return Optional.ofNullable(explicit).map(t -> new TransactionInfo(t.id(), t.version(), t.readOnly()));
    }

    @Override
    public void close() {
        closeOpen();
        if (explicit != null) {
            Transaction txn = explicit;
            explicit = null;
            txn.close();
        }
    }

    private void closeOpen() {
        if (open != null) {
            RowStream s = open;
            open = null;
            s.close();
        }
    }

    /** Rows of an implicit read-only transaction, which ends when they are drained, closed or fail. */
    private static final class Ending implements RowStream {
        private final RowStream rows;
        private final Transaction txn;
        private boolean closed;

        Ending(RowStream rows, Transaction txn) {
            this.rows = rows;
            this.txn = txn;
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            try {
                boolean more = rows.hasNext();
                if (!more) {
                    close();
                }
                return more;
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public List<Value> next() {
            if (closed) {
                throw new java.util.NoSuchElementException();
            }
            try {
                return rows.next();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    rows.close();
                } finally {
                    txn.close();
                }
            }
        }
    }
}
