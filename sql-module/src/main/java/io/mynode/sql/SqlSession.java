package io.mynode.sql;

import io.mynode.kernel.error.AbortedException;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.ReadOnlyException;
import io.mynode.kernel.error.SerializationFailure;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.BatchResult;
import io.mynode.kernel.sql.Fetch;
import io.mynode.kernel.sql.Prepared;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlType;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.txn.Transaction;
import io.mynode.kernel.txn.TransactionEngine;
import io.mynode.sql.exec.Executor;
import io.mynode.sql.exec.SchemaChanges;
import io.mynode.sql.parse.Ast;
import io.mynode.sql.plan.Explain;
import io.mynode.sql.plan.Plan;
import io.mynode.sql.store.Catalog;
import io.mynode.sql.store.StatementBuffer;
import io.mynode.sql.store.TableData;
import io.mynode.sql.store.UniqueIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One client's session: runs each statement in the open explicit transaction or in an implicit
 * one of its own, and returns its result.
 *
 * <p>Implicit transactions: a query reads in a read-only transaction (a linearizable snapshot
 * that never conflicts) which ends when its rows are drained or closed; a write or DDL statement
 * (or a whole batch) runs in a read-write transaction that commits right after it, and is
 * retried from scratch on a serialization failure, since nothing of it was visible to anyone.
 *
 * <p>Each statement writes through a {@link StatementBuffer} that reaches the transaction only
 * if the statement succeeds, so a failed statement inside {@code BEGIN ... COMMIT} changes
 * nothing and the transaction stays usable.
 *
 * <p>Plans: the session keeps the {@link PlannedStatement}s of the last {@value #CACHE_SIZE}
 * statement texts it ran (of up to {@value #CACHE_MAX_LENGTH} characters), so a repeated statement is neither parsed nor planned again (and one
 * without parameters not even optimized again); prepared statements hold their own. Either is
 * checked against the schema before each use (see {@link PlannedStatement}).
 *
 * <p>One thread at a time; a new statement closes the rows of the previous one.
 */
final class SqlSession implements Session {
    /** How many statement texts the plan cache keeps, least recently used dropped first. */
    static final int CACHE_SIZE = 128;

    /** Longer statements (a bulk INSERT, say) are not cached: they rarely repeat, and are large. */
    static final int CACHE_MAX_LENGTH = 2048;

    private final TransactionEngine transactions;
    private final int retries;
    private final Map<String, PlannedStatement> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PlannedStatement> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private Transaction explicit;
    /** The unique ids the explicit transaction's statements take (hidden row ids, new tables). */
    private UniqueIds explicitIds;
    /** The database unqualified names refer to. */
    private String database = Catalog.DEFAULT_DATABASE;
    private RowStream open;
    private boolean closed;

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
        return guarded(() -> {
            PlannedStatement s = cached(sql);
            if (s.parameterCount > 0) {
                throw new InvalidInputException(SqlState.UNDEFINED_PARAMETER, "the statement has parameters ($1"
                        + (s.parameterCount > 1 ? "..$" + s.parameterCount : "") + "); prepare it and give their values");
            }
            return run(s, List.of(), false);
        });
    }

    @Override
    public Prepared prepare(String sql, Map<Integer, SqlType> declaredTypes) {
        return guarded(() -> {
            PlannedStatement s = PlannedStatement.parse(sql, declaredTypes);
            if (s.planned()) {
                Transaction txn = explicit != null ? explicit : transactions.beginReadOnly();
                try {
                    s.prepare(new StatementBuffer(txn), true, database);
                } finally {
                    if (txn != explicit) {
                        txn.close();
                    }
                }
            }
            return new PreparedStatement(this, s);
        });
    }

    @Override
    public BatchResult executeBatch(List<String> statements) {
        return guarded(() -> {
            List<PlannedStatement> parsed = new ArrayList<>(statements.size());
            for (String sql : statements) {
                PlannedStatement s = cached(sql);
                if (s.parameterCount > 0) {
                    throw new InvalidInputException(SqlState.UNDEFINED_PARAMETER,
                            "a batched statement has parameters; prepare it and batch its values");
                }
                parsed.add(s);
            }
            return batch(parsed, parsed.stream().map(s -> List.<Value>of()).toList());
        });
    }

    /** Runs a prepared statement (see {@link PreparedStatement}). */
    StatementResult execute(PlannedStatement s, List<Value> values, Fetch fetch) {
        return guarded(() -> {
            StatementResult r = run(s, values, true);
            return r instanceof StatementResult.Rows rows ? new StatementResult.Rows(rows.columns(), fetch.limit(rows.rows())) : r;
        });
    }

    /** Runs a prepared statement once per set of values, as one batch. */
    BatchResult executeBatch(PlannedStatement s, List<List<Value>> valueSets) {
        return guarded(() -> batch(java.util.Collections.nCopies(valueSets.size(), s), valueSets));
    }

    private <T> T guarded(java.util.function.Supplier<T> action) {
        if (closed) {
            throw new InvalidInputException(SqlState.CONNECTION_DOES_NOT_EXIST, "the session is closed");
        }
        try {
            return action.get();
        } catch (MynodeException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new InternalFailure("internal error running a statement (" + e + "); please report it", e);
        }
    }

    private PlannedStatement cached(String sql) {
        PlannedStatement s = cache.get(sql);
        if (s == null) {
            s = PlannedStatement.parse(sql, Map.of());
            if (sql.length() <= CACHE_MAX_LENGTH) {
                cache.put(sql, s);
            }
        }
        return s;
    }

    private StatementResult run(PlannedStatement s, List<Value> values, boolean fixed) {
        closeOpen();
        return switch (s.kind) {
            case TRANSACTION -> transaction(s.statement);
            case QUERY -> query(s, values, fixed);
            case EXPLAIN -> explain(s, values, fixed);
            case WRITE, SCHEMA -> write(t -> run(s, values, fixed, t));
        };
    }

    private StatementResult transaction(Ast.Statement statement) {
        return switch (statement) {
            case Ast.Begin b -> begin(b);
            case Ast.Commit c -> {
                Transaction txn = requireExplicit("COMMIT");
                explicit = null;
                explicitIds = null;
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
                explicitIds = null;
                txn.rollback();
                yield new StatementResult.TransactionChanged(StatementResult.TransactionChanged.Action.ROLLED_BACK,
                        txn.id(), txn.version(), txn.readOnly());
            }
            default -> throw new InternalFailure("not a transaction statement: " + statement);
        };
    }

    private StatementResult begin(Ast.Begin b) {
        if (explicit != null) {
            throw new InvalidInputException(SqlState.ACTIVE_SQL_TRANSACTION, "already in transaction " + explicit.id());
        }
        Transaction txn = b.asOf().isPresent() ? transactions.beginAsOf(b.asOf().getAsLong())
                : b.readOnly() ? transactions.beginReadOnly() : transactions.begin();
        explicit = txn;
        explicitIds = new UniqueIds(txn.id());
        return new StatementResult.TransactionChanged(StatementResult.TransactionChanged.Action.BEGAN,
                txn.id(), txn.version(), txn.readOnly());
    }

    private Transaction requireExplicit(String what) {
        if (explicit == null) {
            throw new InvalidInputException(SqlState.NO_ACTIVE_SQL_TRANSACTION, what + " outside a transaction; BEGIN one first");
        }
        return explicit;
    }

    private StatementResult explain(PlannedStatement s, List<Value> values, boolean fixed) {
        Transaction txn = explicit != null ? explicit : transactions.beginReadOnly();
        try {
            s.prepare(new StatementBuffer(txn), fixed, database);
            return new StatementResult.Explain(Explain.render(s.plan(values)));
        } finally {
            if (txn != explicit) {
                txn.close();
            }
        }
    }

    private StatementResult query(PlannedStatement s, List<Value> values, boolean fixed) {
        boolean implicit = explicit == null;
        Transaction txn = implicit ? transactions.beginReadOnly() : explicit;
        try {
            StatementBuffer buffer = new StatementBuffer(txn);
            s.prepare(buffer, fixed, database);
            Plan plan = s.plan(values);
            RowStream rows = new Executor(new TableData(new Catalog(buffer))).rows(plan);
            open = implicit ? new Ending(rows, txn) : rows;
            return new StatementResult.Rows(s.columns(), open);
        } catch (RuntimeException e) {
            if (implicit) {
                txn.close();
            }
            throw e;
        }
    }

    /** A read-write transaction and the unique ids its statements share. */
    private record Work(Transaction txn, UniqueIds ids) {}

    /**
     * Runs {@code work} in the explicit transaction, or in an implicit read-write one that
     * commits after it and is retried from scratch on a serialization failure.
     */
    private <T> T write(Function<Work, T> work) {
        if (explicit != null) {
            if (explicit.readOnly()) {
                throw new ReadOnlyException("transaction " + explicit.id() + " is read-only");
            }
            return work.apply(new Work(explicit, explicitIds));
        }
        for (int attempt = 0; ; attempt++) {
            Transaction txn = transactions.begin();
            try {
                T result = work.apply(new Work(txn, new UniqueIds(txn.id())));
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
     * Runs statements as one batch: in the explicit transaction each on its own (stopping at the
     * first failure, the earlier ones kept), or all in one implicit transaction (all or none).
     */
    private BatchResult batch(List<PlannedStatement> statements, List<List<Value>> values) {
        closeOpen();
        for (PlannedStatement s : statements) {
            if (s.kind == PlannedStatement.Kind.QUERY || s.kind == PlannedStatement.Kind.EXPLAIN) {
                throw new InvalidInputException(SqlState.FEATURE_NOT_SUPPORTED, "a batch cannot hold a query: " + s.sql);
            }
            if (s.kind == PlannedStatement.Kind.TRANSACTION) {
                throw new InvalidInputException(SqlState.FEATURE_NOT_SUPPORTED,
                        "a batch cannot hold BEGIN, COMMIT or ROLLBACK: " + s.sql);
            }
        }
        if (explicit != null) {
            List<StatementResult> done = new ArrayList<>();
            for (int i = 0; i < statements.size(); i++) {
                int at = i;
                try {
                    done.add(write(t -> run(statements.get(at), values.get(at), true, t)));
                } catch (MynodeException e) {
                    return new BatchResult(done, Optional.of(e));
                }
            }
            return new BatchResult(done, Optional.empty());
        }
        try {
            return new BatchResult(write(t -> {
                List<StatementResult> done = new ArrayList<>();
                for (int i = 0; i < statements.size(); i++) {
                    done.add(run(statements.get(i), values.get(i), true, t));
                }
                return done;
            }), Optional.empty());
        } catch (MynodeException e) {
            return new BatchResult(List.of(), Optional.of(e));
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
            throw new AbortedException(SqlState.QUERY_CANCELED, "interrupted while retrying a statement", e);
        }
    }

    /** Runs a write or DDL statement through a statement buffer, flushed only on success. */
    private StatementResult run(PlannedStatement s, List<Value> values, boolean fixed, Work work) {
        StatementBuffer buffer = new StatementBuffer(work.txn(), work.ids());
        TableData data = new TableData(new Catalog(buffer));
        StatementResult result = switch (s.statement) {
            case Ast.CreateTable c -> new StatementResult.SchemaChanged(new SchemaChanges(data, database).run(c));
            case Ast.DropTable d -> new StatementResult.SchemaChanged(new SchemaChanges(data, database).run(d));
            case Ast.CreateIndex c -> new StatementResult.SchemaChanged(new SchemaChanges(data, database).run(c));
            case Ast.DropIndex d -> new StatementResult.SchemaChanged(new SchemaChanges(data, database).run(d));
            default -> {
                s.prepare(buffer, fixed, database);
                Plan plan = s.plan(values);
                Executor.Written written = new Executor(data).execute(plan);
                if (!s.columns().isEmpty()) {
                    // RETURNING: the rows are all computed, so they can be handed out after commit.
                    yield new StatementResult.Rows(s.columns(), RowStream.of(written.returned().iterator()));
                }
                StatementResult.RowsAffected.Verb verb = switch (plan) {
                    case Plan.Insert i -> StatementResult.RowsAffected.Verb.CREATED;
                    case Plan.Update u -> StatementResult.RowsAffected.Verb.UPDATED;
                    default -> StatementResult.RowsAffected.Verb.DELETED;
                };
                yield new StatementResult.RowsAffected(verb, written.count());
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
        closed = true;
        closeOpen();
        cache.clear();
        if (explicit != null) {
            Transaction txn = explicit;
            explicit = null;
            txn.close();
        }
    }

    boolean closed() {
        return closed;
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
