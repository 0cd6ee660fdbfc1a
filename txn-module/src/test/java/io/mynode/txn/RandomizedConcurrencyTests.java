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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Serializability, checked end to end: several threads run random transactions (point reads,
 * scans in both directions that often stop early, puts, deletes; read-write, read-only and
 * as-of) against one store; afterwards the committed ones are replayed one at a time, in commit
 * order, against a plain {@link TreeMap}, and every value each of them read must come out the
 * same. A small retention makes garbage collection run, and fail some old snapshots, during the
 * run. Seeded ({@code -Dtxn.seed=...}); thread timing still varies between runs, so a failure
 * prints the seed and the offending transaction.
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
        List<Committed> committed = Collections.synchronizedList(new ArrayList<>());
        int[] failures = new int[THREADS];
        try (Fixture f = Fixture.open(engineName, 60)) {
            long setup = f.put("k00=init", "k05=init", "k10=init");
            committed.add(new Committed(setup, true, 0,
                    List.of(new Put("k00", "init"), new Put("k05", "init"), new Put("k10", "init"))));
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Random random = new Random(SEED * 31 + thread);
                    for (int i = 0; i < TXNS_PER_THREAD; i++) {
                        runOne(f, random, thread, i).ifPresentOrElse(committed::add, () -> failures[thread]++);
                    }
                    return null;
                }));
            }
            for (Future<?> fut : futures) {
                fut.get();
            }
            pool.shutdown();

            TreeMap<String, String> model = replay(committed);
            try (Transaction t = f.engine.beginReadOnly(); Cursor c = t.scan(KeyRange.all())) {
                TreeMap<String, String> actual = new TreeMap<>();
                c.forEachRemaining(e -> actual.put(s(e.key()), s(e.value())));
                assertEquals(model, actual, "final state, seed " + SEED);
            }
        }
        long writers = committed.stream().filter(Committed::wrote).count();
        int failed = java.util.Arrays.stream(failures).sum();
        assertTrue(writers > THREADS * TXNS_PER_THREAD / 4, "too few commits to mean anything: " + writers);
        assertTrue(failed > 0, "no transaction ever conflicted: the test did not exercise validation");
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

    private static Optional<Committed> runOne(Fixture f, Random random, int thread, int n) {
        int kind = random.nextInt(20);
        List<Op> ops = new ArrayList<>();
        Transaction t;
        try {
            if (kind < 3) {
                t = f.engine.beginReadOnly();
            } else if (kind < 4) {
                t = f.engine.beginAsOf(Math.max(0, f.stateMachine.appliedIndex() - random.nextInt(40)));
            } else {
                t = f.engine.begin();
            }
        } catch (InvalidInputException collected) {
            return Optional.empty();
        }
        try (t) {
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                String key = key(random);
                int what = random.nextInt(t.readOnly() ? 2 : 4);
                switch (what) {
                    case 0 -> ops.add(new Get(key, t.get(b(key)).map(Fixture::s)));
                    case 1 -> ops.add(scan(t, random));
                    case 2 -> {
                        String value = "t" + t.id() + "." + i;
                        t.put(b(key), b(value));
                        ops.add(new Put(key, value));
                    }
                    default -> {
                        t.delete(b(key));
                        ops.add(new Delete(key));
                    }
                }
                if (random.nextInt(3) == 0) {
                    Thread.yield();
                }
            }
            boolean wrote = ops.stream().anyMatch(o -> o instanceof Put || o instanceof Delete);
            long version = t.commit();
            return Optional.of(new Committed(version, wrote, t.id(), ops));
        } catch (SerializationFailure conflict) {
            return Optional.empty();
        } catch (InvalidInputException collectedWhileReading) {
            return Optional.empty();
        }
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
