package io.mynode.jepsen.workload;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.jepsen.checker.BankChecker;
import io.mynode.jepsen.checker.Checker;
import io.mynode.jepsen.history.Keyword;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.Value;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Jepsen's bank test: money moves between accounts in transactions; every read of all balances
 * must see the same total, and none negative.
 *
 * <pre>
 *   accounts(id INTEGER PRIMARY KEY, balance INTEGER NOT NULL), total split evenly at setup
 *   :transfer {:from a :to b :amount n}
 *       BEGIN; SELECT balance ... a; SELECT balance ... b;
 *       (a's balance &lt; n: ROLLBACK, :fail) UPDATE a; UPDATE b; COMMIT
 *   :read nil -&gt; {id balance, ...}      SELECT id, balance FROM accounts  (one snapshot;
 *                                       every other one inside BEGIN READ ONLY ... COMMIT)
 * </pre>
 *
 * The transfer writes balances it computed from its reads, so a lost update or write skew in the
 * database shows up as a wrong total, and an overdraft as a negative balance.
 */
public final class BankWorkload implements Workload {
    public static final int DEFAULT_ACCOUNTS = 5;
    public static final long DEFAULT_TOTAL = 100;
    static final Keyword READ = BankChecker.READ;
    static final Keyword TRANSFER = BankChecker.TRANSFER;
    private static final Keyword FROM = Keyword.of("from");
    private static final Keyword TO = Keyword.of("to");
    private static final Keyword AMOUNT = Keyword.of("amount");

    private final int accounts;
    private final long total;
    private final java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();

    public BankWorkload(int accounts, long total) {
        if (accounts < 2 || total < 0 || total % accounts != 0) {
            throw new InvalidInputException("bank needs 2 or more accounts and a total they divide evenly");
        }
        this.accounts = accounts;
        this.total = total;
    }

    @Override
    public String name() {
        return "bank";
    }

    @Override
    public void setup(SqlEngine engine) {
        try (Session s = engine.session()) {
            Sql.createTable(s, engine, "accounts",
                    "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)");
            if (Sql.query(s, "SELECT id FROM accounts").isEmpty()) {
                StringBuilder insert = new StringBuilder("INSERT INTO accounts VALUES ");
                for (int i = 0; i < accounts; i++) {
                    insert.append(i == 0 ? "" : ", ").append('(').append(i).append(", ").append(total / accounts)
                            .append(')');
                }
                Sql.update(s, insert.toString());
            }
        }
    }

    @Override
    public Invocation next(long process, Random random) {
        if (random.nextInt(5) < 2) {
            return new Invocation(READ, null);
        }
        long from = random.nextInt(accounts);
        long to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
        Map<Keyword, Object> t = new LinkedHashMap<>();
        t.put(FROM, from);
        t.put(TO, to);
        t.put(AMOUNT, (long) (1 + random.nextInt(5)));
        return new Invocation(TRANSFER, t);
    }

    @Override
    public Outcome apply(Session session, Invocation op) {
        if (op.f() == READ) {
            // Every other read in a read-only transaction: its snapshot must be just as consistent.
            return reads.getAndIncrement() % 2 == 0
                    ? new Outcome.Ok(balances(session))
                    : Sql.transaction(session, true, () -> new Outcome.Ok(balances(session)));
        }
        Map<?, ?> t = (Map<?, ?>) op.value();
        long from = (Long) t.get(FROM);
        long to = (Long) t.get(TO);
        long amount = (Long) t.get(AMOUNT);
        return Sql.transaction(session, false, () -> {
            Long a = balance(session, from);
            Long b = balance(session, to);
            if (a == null || b == null || a < amount) {
                return new Outcome.Fail(a == null || b == null ? "account missing" : "insufficient funds");
            }
            Sql.update(session, "UPDATE accounts SET balance = " + (a - amount) + " WHERE id = " + from);
            Sql.update(session, "UPDATE accounts SET balance = " + (b + amount) + " WHERE id = " + to);
            return new Outcome.Ok(op.value());
        });
    }

    private static Map<Object, Object> balances(Session session) {
        Map<Object, Object> balances = new TreeMap<>();
        for (List<Value> row : Sql.query(session, "SELECT id, balance FROM accounts")) {
            balances.put(Sql.integer(row.get(0)), Sql.integer(row.get(1)));
        }
        return balances;
    }

    private static Long balance(Session session, long id) {
        return Sql.firstInteger(Sql.query(session, "SELECT balance FROM accounts WHERE id = " + id));
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
        Set<Object> ids = new HashSet<>();
        for (long i = 0; i < accounts; i++) {
            ids.add(i);
        }
        return new BankChecker(ids, total);
    }
}
