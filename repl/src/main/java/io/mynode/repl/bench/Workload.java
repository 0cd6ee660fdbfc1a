package io.mynode.repl.bench;

import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bench workload: a table it prepares, one operation a client repeats, and a check of the data
 * at the end. Operations may throw any {@link MynodeException}; the runner retries the retryable
 * ones. An operation must be safe to repeat after a retryable failure (it took no effect).
 */
sealed interface Workload permits Workload.Read, Workload.Write, Workload.Bank {

    String name();

    /** Drops and recreates the workload's table and loads its initial rows. */
    void setup(Session session);

    /** One operation; {@code ticket} is unique across clients (0, 1, 2, ...). */
    void operation(Session session, SplittableRandom random, long ticket);

    /** Checks the data after the run; returns a line for the summary or throws if it is wrong. */
    String check(Session session, long acknowledged);

    /** Point selects by primary key over {@code rows} preloaded rows. */
    record Read(int rows) implements Workload {
        @Override
        public String name() {
            return "read";
        }

        @Override
        public void setup(Session session) {
            recreate(session, "bench_read", "id INTEGER PRIMARY KEY, value STRING NOT NULL");
            insertInBatches(session, "bench_read", rows, i -> i + ", 'value " + i + "'");
        }

        @Override
        public void operation(Session session, SplittableRandom random, long ticket) {
            long id = random.nextInt(rows);
            List<List<Value>> found = Workload.rows(session.execute("SELECT id, value FROM bench_read WHERE id = " + id));
            if (found.size() != 1 || !found.get(0).get(1).equals(Value.of("value " + id))) {
                throw new InternalFailure("read of id " + id + " returned " + found, null);
            }
        }

        @Override
        public String check(Session session, long acknowledged) {
            long count = count(session, "SELECT COUNT(*) FROM bench_read");
            if (count != rows) {
                throw new InternalFailure("bench_read has " + count + " rows, expected " + rows, null);
            }
            return rows + " rows unchanged";
        }
    }

    /** Single-row inserts with unique keys; at the end every acknowledged insert must be there. */
    record Write() implements Workload {
        @Override
        public String name() {
            return "write";
        }

        @Override
        public void setup(Session session) {
            recreate(session, "bench_write", "id INTEGER PRIMARY KEY, value STRING NOT NULL");
        }

        @Override
        public void operation(Session session, SplittableRandom random, long ticket) {
            session.execute("INSERT INTO bench_write VALUES (" + ticket + ", 'value " + ticket + "')");
        }

        @Override
        public String check(Session session, long acknowledged) {
            long count = count(session, "SELECT COUNT(*) FROM bench_write");
            if (count < acknowledged) {
                throw new InternalFailure("lost writes: " + acknowledged + " inserts acknowledged, "
                        + count + " rows present", null);
            }
            return count + " rows present, " + acknowledged + " inserts acknowledged";
        }
    }

    /**
     * Transfers between {@code accounts} accounts in explicit transactions (read both balances,
     * write both); serializable isolation keeps the total constant and no balance negative.
     */
    record Bank(int accounts, long initialBalance) implements Workload {
        @Override
        public String name() {
            return "bank";
        }

        @Override
        public void setup(Session session) {
            recreate(session, "bench_bank", "id INTEGER PRIMARY KEY, balance INTEGER NOT NULL");
            insertInBatches(session, "bench_bank", accounts, i -> i + ", " + initialBalance);
        }

        @Override
        public void operation(Session session, SplittableRandom random, long ticket) {
            int from = random.nextInt(accounts);
            int to = random.nextInt(accounts - 1);
            to = to >= from ? to + 1 : to;
            long amount = 1 + random.nextInt(100);
            try {
                session.execute("BEGIN");
                long a = balance(session, from);
                long b = balance(session, to);
                if (a >= amount) {
                    session.execute("UPDATE bench_bank SET balance = " + (a - amount) + " WHERE id = " + from);
                    session.execute("UPDATE bench_bank SET balance = " + (b + amount) + " WHERE id = " + to);
                }
                session.execute("COMMIT");
            } catch (MynodeException e) {
                rollback(session);
                throw e;
            }
        }

        @Override
        public String check(Session session, long acknowledged) {
            long total = count(session, "SELECT SUM(balance) FROM bench_bank");
            long negative = count(session, "SELECT COUNT(*) FROM bench_bank WHERE balance < 0");
            long expected = accounts * initialBalance;
            if (total != expected || negative != 0) {
                throw new InternalFailure("bank invariant broken: total " + total + " (expected " + expected
                        + "), " + negative + " negative balances", null);
            }
            return "total balance " + total + " over " + accounts + " accounts, none negative";
        }

        private static long balance(Session session, int id) {
            List<List<Value>> rows = Workload.rows(session.execute("SELECT balance FROM bench_bank WHERE id = " + id));
            if (rows.size() != 1) {
                throw new InternalFailure("account " + id + " not found", null);
            }
            return ((Value.Int) rows.get(0).get(0)).value();
        }

        private static void rollback(Session session) {
            try {
                if (session.transaction().isPresent()) {
                    session.execute("ROLLBACK");
                }
            } catch (MynodeException ignored) {
                // The transaction is gone already (ended by the failure, or the node is away).
            }
        }
    }

    /** Drains a result into memory; bench results are a row or two. */
    static List<List<Value>> rows(StatementResult result) {
        if (!(result instanceof StatementResult.Rows r)) {
            throw new InternalFailure("expected rows, got: " + result.message(), null);
        }
        List<List<Value>> all = new ArrayList<>();
        try (RowStream stream = r.rows()) {
            stream.forEachRemaining(all::add);
        }
        return all;
    }

    static long count(Session session, String sql) {
        List<List<Value>> rows = rows(session.execute(sql));
        if (rows.size() != 1 || !(rows.get(0).get(0) instanceof Value.Int n)) {
            throw new InternalFailure(sql + " returned " + rows, null);
        }
        return n.value();
    }

    private static void recreate(Session session, String table, String columns) {
        session.execute("DROP TABLE IF EXISTS " + table); // a failure here is the run's error, not hidden
        session.execute("CREATE TABLE " + table + " (" + columns + ")");
    }

    private static void insertInBatches(Session session, String table, int rows,
            java.util.function.IntFunction<String> values) {
        AtomicLong done = new AtomicLong();
        while (done.get() < rows) {
            StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
            int end = (int) Math.min(rows, done.get() + 500);
            for (int i = (int) done.get(); i < end; i++) {
                sql.append(i == done.get() ? "" : ", ").append('(').append(values.apply(i)).append(')');
            }
            session.execute(sql.toString());
            done.set(end);
        }
    }
}
