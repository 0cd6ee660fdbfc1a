package io.mynode.jepsen.workload;

import io.mynode.jepsen.checker.Checker;
import io.mynode.jepsen.checker.SetChecker;
import io.mynode.jepsen.history.Keyword;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jepsen's set test: clients insert unique elements; after the faults heal, one read returns them
 * all, and every acknowledged insert must be there (no lost writes).
 *
 * <pre>
 *   elements(id INTEGER PRIMARY KEY)
 *   :add x        INSERT INTO elements VALUES (x)
 *   :read nil     SELECT id FROM elements   -&gt; [...]   (also now and then during the run)
 * </pre>
 */
public final class SetWorkload implements Workload {
    static final Keyword ADD = SetChecker.ADD;
    static final Keyword READ = SetChecker.READ;

    private final AtomicLong next = new AtomicLong();

    @Override
    public String name() {
        return "set";
    }

    @Override
    public void setup(SqlEngine engine) {
        try (Session s = engine.session()) {
            Sql.createTable(s, engine, "elements", "CREATE TABLE elements (id INTEGER PRIMARY KEY)");
        }
    }

    @Override
    public Invocation next(long process, Random random) {
        if (random.nextInt(20) == 0) {
            return new Invocation(READ, null);
        }
        return new Invocation(ADD, next.getAndIncrement());
    }

    @Override
    public Outcome apply(Session session, Invocation op) {
        if (op.f() == ADD) {
            Sql.update(session, "INSERT INTO elements VALUES (" + op.value() + ")");
            return new Outcome.Ok(op.value());
        }
        // A list, not a set, so that the checker would see an element returned twice.
        List<Object> read = new ArrayList<>();
        for (List<Value> row : Sql.query(session, "SELECT id FROM elements")) {
            read.add(Sql.integer(row.getFirst()));
        }
        return new Outcome.Ok(read);
    }

    @Override
    public boolean readOnly(Keyword f) {
        return f == READ;
    }

    @Override
    public List<Invocation> finalOps() {
        return List.of(new Invocation(READ, null));
    }

    @Override
    public Checker checker() {
        return new SetChecker();
    }
}
