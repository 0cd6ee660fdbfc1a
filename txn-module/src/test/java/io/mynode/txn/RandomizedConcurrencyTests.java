package io.mynode.txn;

import static io.mynode.txn.Fixture.b;
import static io.mynode.txn.Fixture.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.SerializationFailure;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.txn.Transaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Serializability, checked end to end: several threads run random transactions (point reads,
 * scans in both directions that often stop early, puts, deletes; read-write, read-only and
 * as-of) against one store; afterwards the committed ones are replayed one at a time, in commit
 * order, against a plain {@link TreeMap}, and every value each of them read must come out the
 * same. A small retention makes garbage collection run, and fail some old snapshots, during the
 * run. Seeded ({@code -Dtxn.seed=...}): the single-thread interleaving test replays exactly from
 * the seed; in the threaded one, thread timing still varies between runs, so a failure prints the
 * seed and the offending transaction.
 */
class RandomizedConcurrencyTests {
    private static final long SEED = Long.getLong("txn.seed", 20261125L);
    private static final int THREADS = 6;
    private static final int TXNS_PER_THREAD = 250;
    private static final int KEYS = 16;

    /** One operation as the transaction saw it. */
    sealed interface Op permits Get, Scan, Put, Delete {}

    record Get(String key, Optional<String> seen) implements Op {}

    record Scan(String from, String to, Direction direction, int limit, List<String> seen) implements Op {}

    record Put(String key, String value) implements Op {}

    record Delete(String key) implements Op {}

    /** A committed transaction: where it sits in the serial order, and what it did. */
    record Committed(long version, boolean wrote, long id, List<Op> ops) {}

    @ParameterizedTest
    @MethodSource("io.mynode.txn.Fixture#engines")
    void replayingCommittedTransactionsSeriallyReproducesEveryRead(String engineName) throws Exception {
        threaded(engineName, THREADS, TXNS_PER_THREAD);
    }

    @Tag("slow")
    @ParameterizedTest
    @MethodSource("io.mynode.txn.Fixture#engines")
    void aLongerThreadedRunIsSerializableToo(String engineName) throws Exception {
        threaded(engineName, 8, 5000);
    }

    /**
     * The same check without thread timing: one thread keeps several transactions open and, at
     * each step, the seeded random picks which one begins, reads, writes or commits next. Every
     * interleaving is therefore reproducible from the seed alone.
     */
    @ParameterizedTest
    @MethodSource("io.mynode.txn.Fixture#engines")
    void seededInterleavingsOnOneThreadAreSerializable(String engineName) {
        List<Committed> committed = new ArrayList<>();
        int failed = 0;
        Random random = new Random(SEED);
        try (Fixture f = Fixture.open(engineName, 60)) {
            committed.add(setup(f));
            Transaction[] open = new Transaction[5];
            List<List<Op>> ops = new ArrayList<>();
            int[] remaining = new int[open.length];
            for (int i = 0; i < open.length; i++) {
                ops.add(new ArrayList<>());
            }
            for (int step = 0; step < 6000; step++) {
                int slot = random.nextInt(open.length);
                try {
                    if (open[slot] == null) {
                        open[slot] = begin(f, random);
                        ops.get(slot).clear();
                        remaining[slot] = 1 + random.nextInt(6);
                    } else if (remaining[slot]-- > 0) {
                        ops.get(slot).add(operation(open[slot], random, remaining[slot]));
                    } else {
                        Transaction t = open[slot];
                        open[slot] = null;
                        committed.add(new Committed(t.commit(), wrote(ops.get(slot)), t.id(), List.copyOf(ops.get(slot))));
                    }
                } catch (SerializationFailure | InvalidInputException expected) {
                    open[slot] = null;
                    failed++;
                }
            }
            checkFinalState(f, replay(committed));
        }
        assertTrue(committed.stream().filter(Committed::wrote).count() > 200, "too few commits to mean anything");
        assertTrue(failed > 0, "no transaction ever conflicted: the test did not exercise validation");
    }

    private static void threaded(String engineName, int threads, int txnsPerThread) throws Exception {
        List<Committed> committed = Collections.synchronizedList(new ArrayList<>());
        int[] failures = new int[threads];
        try (Fixture f = Fixture.open(engineName, 60)) {
            committed.add(setup(f));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.countDown();
                    start.await(); // all threads start together, so their transactions overlap
                    Random random = new Random(SEED * 31 + thread);
                    for (int i = 0; i < txnsPerThread; i++) {
                        runOne(f, random).ifPresentOrElse(committed::add, () -> failures[thread]++);
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> fut : futures) {
                    fut.get();
                }
            } finally {
                pool.shutdown();
            }
            checkFinalState(f, replay(committed));
        }
        // Whether threads overlapped (and so conflicted) depends on scheduling; the single-thread
        // interleaving test asserts that conflicts happen. Here: enough commits to mean something.
        long writers = committed.stream().filter(Committed::wrote).count();
        assertTrue(writers > threads * txnsPerThread / 10, "too few commits to mean anything: " + writers
                + " (failed: " + java.util.Arrays.stream(failures).sum() + ")");
    }

    private static Committed setup(Fixture f) {
        long version = f.put("k00=init", "k05=init", "k10=init");
        return new Committed(version, true, 0, List.of(new Put("k00", "init"), new Put("k05", "init"), new Put("k10", "init")));
    }

    private static void checkFinalState(Fixture f, TreeMap<String, String> model) {
        try (Transaction t = f.engine.beginReadOnly(); Cursor c = t.scan(KeyRange.all())) {
            TreeMap<String, String> actual = new TreeMap<>();
            c.forEachRemaining(e -> actual.put(s(e.key()), s(e.value())));
            assertEquals(model, actual, "final state, seed " + SEED);
        }
    }

    /** Replays in commit order; a reader at snapshot v follows the writer at v. Returns the final state. */
    private static TreeMap<String, String> replay(List<Committed> committed) {
        List<Committed> order = new ArrayList<>(committed);
        order.sort(Comparator.comparingLong(Committed::version).thenComparing(c -> !c.wrote()));
        TreeMap<String, String> model = new TreeMap<>();
        for (Committed c : order) {
            TreeMap<String, String> scratch = new TreeMap<>(model);
            for (Op op : c.ops()) {
                switch (op) {
                    case Get g -> assertEquals(Optional.ofNullable(scratch.get(g.key())), g.seen(),
                            () -> "seed " + SEED + ": transaction " + c.id() + " at " + c.version() + " read " + g);
                    case Scan sc -> assertEquals(expected(scratch, sc), sc.seen(),
                            () -> "seed " + SEED + ": transaction " + c.id() + " at " + c.version() + " scanned " + sc);
                    case Put p -> scratch.put(p.key(), p.value());
                    case Delete d -> scratch.remove(d.key());
                }
            }
            if (c.wrote()) {
                model = scratch;
            }
        }
        return model;
    }

    private static List<String> expected(TreeMap<String, String> state, Scan sc) {
        NavigableMap<String, String> sub = state.subMap(sc.from(), true, sc.to(), true);
        if (sc.direction() == Direction.DESCENDING) {
            sub = sub.descendingMap();
        }
        return sub.entrySet().stream().limit(sc.limit()).map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static Optional<Committed> runOne(Fixture f, Random random) {
        List<Op> ops = new ArrayList<>();
        Transaction t;
        try {
            t = begin(f, random);
        } catch (InvalidInputException collected) {
            return Optional.empty();
        }
        try (t) {
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                ops.add(operation(t, random, i));
                if (random.nextInt(3) == 0) {
                    Thread.yield();
                }
            }
            long version = t.commit();
            return Optional.of(new Committed(version, wrote(ops), t.id(), ops));
        } catch (SerializationFailure | InvalidInputException conflictOrCollected) {
            return Optional.empty();
        }
    }

    /** Read-write mostly; some read-only, some as of a recent (possibly collected) version. */
    private static Transaction begin(Fixture f, Random random) {
        int kind = random.nextInt(20);
        if (kind < 3) {
            return f.engine.beginReadOnly();
        } else if (kind < 4) {
            return f.engine.beginAsOf(Math.max(0, f.stateMachine.appliedIndex() - random.nextInt(40)));
        }
        return f.engine.begin();
    }

    private static Op operation(Transaction t, Random random, int i) {
        String key = key(random);
        return switch (random.nextInt(t.readOnly() ? 2 : 4)) {
            case 0 -> new Get(key, t.get(b(key)).map(Fixture::s));
            case 1 -> scan(t, random);
            case 2 -> {
                String value = "t" + t.id() + "." + i;
                t.put(b(key), b(value));
                yield new Put(key, value);
            }
            default -> {
                t.delete(b(key));
                yield new Delete(key);
            }
        };
    }

    private static boolean wrote(List<Op> ops) {
        return ops.stream().anyMatch(o -> o instanceof Put || o instanceof Delete);
    }

    private static Scan scan(Transaction t, Random random) {
        String a = key(random);
        String z = key(random);
        if (a.compareTo(z) > 0) {
            String x = a;
            a = z;
            z = x;
        }
        Direction direction = random.nextBoolean() ? Direction.ASCENDING : Direction.DESCENDING;
        int limit = random.nextInt(3) == 0 ? Integer.MAX_VALUE : 1 + random.nextInt(4);
        List<String> seen = new ArrayList<>();
        try (Cursor c = t.scan(KeyRange.closed(b(a), b(z)), direction)) {
            while (seen.size() < limit && c.hasNext()) {
                Entry e = c.next();
                seen.add(s(e.key()) + "=" + s(e.value()));
            }
        }
        return new Scan(a, z, direction, limit, seen);
    }

    private static String key(Random random) {
        return String.format("k%02d", random.nextInt(KEYS));
    }
}
