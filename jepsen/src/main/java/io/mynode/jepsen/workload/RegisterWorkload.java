package io.mynode.jepsen.workload;

import io.mynode.jepsen.checker.Checker;
import io.mynode.jepsen.checker.RegisterChecker;
import io.mynode.jepsen.history.Keyword;
import io.mynode.kernel.error.ConstraintViolation;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compare-and-set registers, one row per key, checked for linearizability (Jepsen's
 * {@code linearizable-register} test over {@code independent} keys).
 *
 * <pre>
 *   register(id INTEGER PRIMARY KEY, val INTEGER)
 *   :read  [k nil]     SELECT val FROM register WHERE id = k            (no row: nil)
 *                      (every other read inside BEGIN READ ONLY ... COMMIT)
 *   :write [k v]       UPDATE register SET val = v WHERE id = k; if no row, INSERT
 *   :cas   [k [a b]]   UPDATE register SET val = b WHERE id = k AND val = a   (0 rows: :fail)
 * </pre>
 *
 * Each statement runs in its own implicit transaction, so a write takes effect in exactly one
 * statement: the UPDATE that found the row, or the INSERT (if a concurrent INSERT wins, the
 * constraint violation changed nothing and the UPDATE is tried again). All clients work on one key
 * at a time, a fixed number of operations each, then move to the next key: enough contention to
 * find stale reads, few enough operations per key for the linearizability search.
 *
 * Values written are 0 .. {@code values}-1, few, so that cas often succeeds.
 */
public final class RegisterWorkload implements Workload {
    static final Keyword READ = RegisterChecker.READ;
    static final Keyword WRITE = RegisterChecker.WRITE;
    static final Keyword CAS = RegisterChecker.CAS;

    private final int opsPerKey;
    private final int values;
    private final AtomicLong counter = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    public RegisterWorkload(int opsPerKey, int values) {
        this.opsPerKey = opsPerKey;
        this.values = values;
    }

    public RegisterWorkload() {
        this(100, 5);
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public void setup(SqlEngine engine) {
        try (Session s = engine.session()) {
            Sql.createTable(s, engine, "register", "CREATE TABLE register (id INTEGER PRIMARY KEY, val INTEGER)");
        }
    }

    @Override
    public Invocation next(long process, Random random) {
        long key = counter.getAndIncrement() / opsPerKey;
        int dice = random.nextInt(4);
        return switch (dice) {
            case 0, 1 -> new Invocation(READ, Arrays.asList(key, null));
            case 2 -> new Invocation(WRITE, List.of(key, (long) random.nextInt(values)));
            default -> new Invocation(CAS, List.of(key, List.of((long) random.nextInt(values),
                    (long) random.nextInt(values))));
        };
    }

    @Override
    public Outcome apply(Session session, Invocation op) {
        List<?> kv = (List<?>) op.value();
        long key = (Long) kv.get(0);
        if (op.f() == READ) {
            String select = "SELECT val FROM register WHERE id = " + key;
            if (reads.getAndIncrement() % 2 == 0) {
                return new Outcome.Ok(Arrays.asList(key, Sql.firstInteger(Sql.query(session, select))));
            }
            // Every other read goes through a read-only transaction (a read index, then a snapshot
            // on whichever replica serves it): it must be just as linearizable.
            return Sql.transaction(session, true,
                    () -> new Outcome.Ok(Arrays.asList(key, Sql.firstInteger(Sql.query(session, select)))));
        } else if (op.f() == WRITE) {
            long v = (Long) kv.get(1);
            for (int attempt = 0; attempt < 3; attempt++) {
                if (Sql.update(session, "UPDATE register SET val = " + v + " WHERE id = " + key) == 1) {
                    return new Outcome.Ok(op.value());
                }
                try {
                    Sql.update(session, "INSERT INTO register VALUES (" + key + ", " + v + ")");
                    return new Outcome.Ok(op.value());
                } catch (ConstraintViolation raced) {
                    // Another client inserted the row first; nothing was written; update it instead.
                }
            }
            throw new InternalFailure("register " + key + ": neither UPDATE nor INSERT took after 3 attempts");
        } else {
            List<?> ab = (List<?>) kv.get(1);
            long n = Sql.update(session, "UPDATE register SET val = " + ab.get(1) + " WHERE id = " + key
                    + " AND val = " + ab.get(0));
            if (n == 0) {
                return new Outcome.Fail("register " + key + " did not hold " + ab.get(0));
            }
            return new Outcome.Ok(op.value());
        }
    }

    @Override
    public boolean readOnly(Keyword f) {
        return f == READ;
    }

    @Override
    public List<Invocation> finalOps() {
        return List.of();
    }

    @Override
    public Checker checker() {
        return new RegisterChecker();
    }
}
