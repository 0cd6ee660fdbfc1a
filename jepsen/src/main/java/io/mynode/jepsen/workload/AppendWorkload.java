package io.mynode.jepsen.workload;

import io.mynode.jepsen.checker.AppendChecker;
import io.mynode.jepsen.checker.Checker;
import io.mynode.jepsen.history.Keyword;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Elle's list-append workload: transactions of one to four micro-operations, each appending a
 * unique element to a key's list or reading the list whole, checked for serializability by
 * {@link AppendChecker}.
 *
 * <pre>
 *   lists(id INTEGER PRIMARY KEY, val VARCHAR)      a list is "1,4,9"
 *   :txn [[:append 3 7] [:r 4 nil]]                 BEGIN; ...; COMMIT
 *     append k v   SELECT val ... k; then UPDATE to "old,v", or INSERT "v" if no row
 *     read k       SELECT val ... k    -&gt; [1 4 9], or nil if no row
 * </pre>
 *
 * Transactions that only read run as {@code BEGIN READ ONLY}, so the read-only path (a read index
 * and a snapshot on any replica) is tested too. Like Elle's generator it keeps a small pool of
 * active keys and retires a key after {@link #MAX_WRITES_PER_KEY} appends, so lists stay short
 * (VARCHAR holds 1024 bytes) and reads overlap often.
 */
public final class AppendWorkload implements Workload {
    static final Keyword TXN = AppendChecker.TXN;
    static final Keyword APPEND = AppendChecker.APPEND;
    static final Keyword R = AppendChecker.R;
    static final int KEY_COUNT = 5;
    static final int MAX_WRITES_PER_KEY = 32;
    static final int MAX_TXN_LENGTH = 4;

    private final long[] active = new long[KEY_COUNT];
    private final int[] writes = new int[KEY_COUNT];
    private long nextKey = KEY_COUNT;

    public AppendWorkload() {
        for (int i = 0; i < KEY_COUNT; i++) {
            active[i] = i;
        }
    }

    @Override
    public String name() {
        return "append";
    }

    @Override
    public void setup(SqlEngine engine) {
        try (Session s = engine.session()) {
            Sql.createTable(s, engine, "lists", "CREATE TABLE lists (id INTEGER PRIMARY KEY, val VARCHAR)");
        }
    }

    @Override
    public synchronized Invocation next(long process, Random random) {
        int length = 1 + random.nextInt(MAX_TXN_LENGTH);
        List<Object> mops = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int slot = random.nextInt(KEY_COUNT);
            long key = active[slot];
            if (random.nextBoolean()) {
                mops.add(Arrays.asList(R, key, null));
            } else {
                long element = ++writes[slot];
                mops.add(List.of(APPEND, key, element));
                if (writes[slot] >= MAX_WRITES_PER_KEY) {
                    active[slot] = nextKey++;
                    writes[slot] = 0;
                }
            }
        }
        return new Invocation(TXN, mops);
    }

    @Override
    public Outcome apply(Session session, Invocation op) {
        List<?> mops = (List<?>) op.value();
        boolean readOnly = mops.stream().allMatch(m -> ((List<?>) m).getFirst() == R);
        return Sql.transaction(session, readOnly, () -> {
            List<Object> done = new ArrayList<>(mops.size());
            for (Object o : mops) {
                List<?> m = (List<?>) o;
                long key = (Long) m.get(1);
                List<Long> current = read(session, key);
                if (m.getFirst() == R) {
                    done.add(Arrays.asList(R, key, current));
                } else {
                    long element = (Long) m.get(2);
                    if (current == null) {
                        Sql.update(session, "INSERT INTO lists VALUES (" + key + ", '" + element + "')");
                    } else {
                        Sql.update(session, "UPDATE lists SET val = '" + join(current) + "," + element
                                + "' WHERE id = " + key);
                    }
                    done.add(m);
                }
            }
            return new Outcome.Ok(done);
        });
    }

    /** The list at {@code key}, or null when there is no row. */
    private static List<Long> read(Session session, long key) {
        var rows = Sql.query(session, "SELECT val FROM lists WHERE id = " + key);
        if (rows.isEmpty()) {
            return null;
        }
        Value v = rows.getFirst().getFirst();
        List<Long> list = new ArrayList<>();
        if (v instanceof Value.Str s && !s.value().isEmpty()) {
            for (String part : s.value().split(",")) {
                list.add(Long.parseLong(part));
            }
        }
        return list;
    }

    private static String join(List<Long> list) {
        StringBuilder s = new StringBuilder();
        for (Long x : list) {
            s.append(s.isEmpty() ? "" : ",").append(x);
        }
        return s.toString();
    }

    @Override
    public boolean readOnly(Keyword f) {
        return false;
    }

    @Override
    public synchronized List<Invocation> finalOps() {
        // One read-only transaction over every key ever used, in chunks.
        List<Invocation> out = new ArrayList<>();
        List<Object> mops = new ArrayList<>();
        for (long k = 0; k < nextKey; k++) {
            mops.add(Arrays.asList(R, k, null));
            if (mops.size() == 16) {
                out.add(new Invocation(TXN, mops));
                mops = new ArrayList<>();
            }
        }
        if (!mops.isEmpty()) {
            out.add(new Invocation(TXN, mops));
        }
        return out;
    }

    @Override
    public Checker checker() {
        return new AppendChecker();
    }
}
