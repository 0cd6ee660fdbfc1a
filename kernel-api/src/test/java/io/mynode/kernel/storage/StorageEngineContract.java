package io.mynode.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract as tests: every engine extends this suite (or its durable extension)
 * unchanged, as Ignite's engines extend one abstract partition-storage test. It checks behaviour
 * visible through {@link StorageEngine} only, against a {@link TreeMap} model where it helps.
 *
 * <p>Randomized tests print their seed; rerun one with {@code -Dconformance.seed=N}.
 */
public abstract class StorageEngineContract {

    @TempDir
    protected Path dir;

    protected StorageEngine engine;

    /** Opens (or reopens) the engine under test in {@code directory}. */
    protected abstract StorageEngine open(Path directory);

    /** The largest key the engine accepts; the suite checks one byte more is refused. */
    protected int maxKeyBytes() {
        return 4096;
    }

    /** The largest value the engine accepts; the suite checks one byte more is refused. */
    protected int maxValueBytes() {
        return 1 << 20;
    }

    @BeforeEach
    void openEngine() {
        engine = open(dir);
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    protected static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    protected static List<Entry> drain(Cursor cursor) {
        List<Entry> out = new ArrayList<>();
        try (cursor) {
            cursor.forEachRemaining(out::add);
        }
        return out;
    }

    protected static long seed(String test) {
        long seed = Long.getLong("conformance.seed", new Random().nextLong());
        System.err.println(test + " seed=" + seed + " (rerun with -Dconformance.seed=" + seed + ")");
        return seed;
    }

    protected void put(String key, String value) {
        engine.write(new WriteBatch().put(b(key), b(value)));
    }

    protected List<String> keys(Cursor cursor) {
        return drain(cursor).stream().map(e -> new String(e.key(), StandardCharsets.UTF_8)).toList();
    }

    @Nested
    class PointOperations {
        @Test
        void getOfMissingKeyIsEmpty() {
            assertTrue(engine.get(b("nothing")).isEmpty());
        }

        @Test
        void putThenGetReturnsTheValue() {
            put("a", "1");
            assertArrayEquals(b("1"), engine.get(b("a")).orElseThrow());
        }

        @Test
        void putReplacesTheValue() {
            put("a", "1");
            put("a", "2");
            assertArrayEquals(b("2"), engine.get(b("a")).orElseThrow());
        }

        @Test
        void deleteRemovesAndDeletingAMissingKeyIsNoOp() {
            put("a", "1");
            engine.write(new WriteBatch().delete(b("a")).delete(b("never-there")));
            assertTrue(engine.get(b("a")).isEmpty());
            assertTrue(drain(engine.scan(KeyRange.all())).isEmpty());
        }

        @Test
        void emptyValuesAreValues() {
            engine.write(new WriteBatch().put(b("a"), new byte[0]));
            assertArrayEquals(new byte[0], engine.get(b("a")).orElseThrow());
        }

        @Test
        void emptyBatchChangesNothing() {
            put("a", "1");
            engine.write(new WriteBatch());
            assertEquals(List.of("a"), keys(engine.scan(KeyRange.all())));
        }

        @Test
        void laterOperationInABatchWins() {
            engine.write(new WriteBatch().put(b("a"), b("1")).delete(b("a")).put(b("b"), b("1")).put(b("b"), b("2")));
            assertTrue(engine.get(b("a")).isEmpty());
            assertArrayEquals(b("2"), engine.get(b("b")).orElseThrow());
        }

        @Test
        void returnedArraysAreTheCallersToKeep() {
            byte[] value = b("value");
            byte[] key = b("k");
            engine.write(new WriteBatch().put(key, value));
            value[0] = 'X';
            key[0] = 'X';
            byte[] got = engine.get(b("k")).orElseThrow();
            assertArrayEquals(b("value"), got);
            got[0] = 'Y';
            assertArrayEquals(b("value"), engine.get(b("k")).orElseThrow());
        }

        @Test
        void largeKeysAndValuesRoundTrip() {
            Random random = new Random(7);
            byte[] key = new byte[maxKeyBytes()];
            byte[] value = new byte[maxValueBytes()];
            random.nextBytes(key);
            random.nextBytes(value);
            engine.write(new WriteBatch().put(key, value).put(b("small"), b("v")));
            assertArrayEquals(value, engine.get(key).orElseThrow());
            engine.write(new WriteBatch().delete(key));
            assertTrue(engine.get(key).isEmpty());
            assertArrayEquals(b("v"), engine.get(b("small")).orElseThrow());
        }

        @Test
        void oversizedKeyOrValueIsRefusedAndTheBatchChangesNothing() {
            put("keep", "1");
            WriteBatch bigKey = new WriteBatch().put(b("x"), b("1")).put(new byte[maxKeyBytes() + 1], b("v"));
            assertThrows(InvalidInputException.class, () -> engine.write(bigKey));
            WriteBatch bigValue = new WriteBatch().put(b("y"), b("1")).put(b("z"), new byte[maxValueBytes() + 1]);
            assertThrows(InvalidInputException.class, () -> engine.write(bigValue));
            WriteBatch emptyKey = new WriteBatch().put(b("w"), b("1")).put(new byte[0], b("v"));
            assertThrows(InvalidInputException.class, () -> engine.write(emptyKey));
            assertEquals(List.of("keep"), keys(engine.scan(KeyRange.all())));
        }
    }

    @Nested
    class Scans {
        @BeforeEach
        void fill() {
            WriteBatch batch = new WriteBatch();
            for (String k : List.of("a", "b", "ba", "bb", "c", "d")) {
                batch.put(b(k), b(k.toUpperCase()));
            }
            engine.write(batch);
        }

        @Test
        void fullScanIsInKeyOrderBothWays() {
            assertEquals(List.of("a", "b", "ba", "bb", "c", "d"), keys(engine.scan(KeyRange.all())));
            assertEquals(List.of("d", "c", "bb", "ba", "b", "a"), keys(engine.scan(KeyRange.all(), Direction.DESCENDING)));
        }

        @Test
        void scanYieldsValues() {
            List<Entry> entries = drain(engine.scan(KeyRange.closed(b("c"), b("c"))));
            assertEquals(List.of(new Entry(b("c"), b("C"))), entries);
        }

        @Test
        void boundsAreInclusiveOrExclusiveAsAsked() {
            assertEquals(List.of("b", "ba", "bb", "c"), keys(engine.scan(KeyRange.closed(b("b"), b("c")))));
            assertEquals(List.of("b", "ba", "bb"), keys(engine.scan(KeyRange.closedOpen(b("b"), b("c")))));
            assertEquals(List.of("ba", "bb", "c", "d"), keys(engine.scan(KeyRange.greaterThan(b("b")))));
            assertEquals(List.of("a", "b", "ba"), keys(engine.scan(KeyRange.atMost(b("ba")))));
            assertEquals(List.of("a", "b"), keys(engine.scan(KeyRange.lessThan(b("ba")))));
            assertEquals(List.of("bb", "ba", "b"), keys(engine.scan(KeyRange.closed(b("b"), b("bb")), Direction.DESCENDING)));
            assertEquals(List.of("c", "bb", "ba"), keys(engine.scan(new KeyRange(b("b"), false, b("c"), true), Direction.DESCENDING)));
        }

        @Test
        void boundsBetweenKeysWork() {
            assertEquals(List.of("ba", "bb", "c"), keys(engine.scan(KeyRange.closed(b("b0"), b("c0")))));
            assertEquals(List.of("c", "bb", "ba"), keys(engine.scan(KeyRange.closed(b("b0"), b("c0")), Direction.DESCENDING)));
            assertEquals(List.of("d"), keys(engine.scan(KeyRange.atLeast(b("c0")))));
            assertEquals(List.of(), keys(engine.scan(KeyRange.atLeast(b("e")))));
            assertEquals(List.of(), keys(engine.scan(KeyRange.atMost(b("0")), Direction.DESCENDING)));
        }

        @Test
        void emptyAndInvertedRangesYieldNothing() {
            assertEquals(List.of(), keys(engine.scan(KeyRange.closed(b("c"), b("b")))));
            assertEquals(List.of(), keys(engine.scan(KeyRange.closedOpen(b("c"), b("c")))));
            assertEquals(List.of(), keys(engine.scan(new KeyRange(b("c"), false, b("c"), true))));
            assertEquals(List.of(), keys(engine.scan(KeyRange.closed(b("c"), b("b")), Direction.DESCENDING)));
            assertEquals(List.of("c"), keys(engine.scan(KeyRange.closed(b("c"), b("c")), Direction.DESCENDING)));
        }

        @Test
        void prefixScanCoversExactlyThePrefix() {
            assertEquals(List.of("b", "ba", "bb"), keys(engine.scan(KeyRange.prefix(b("b")))));
            assertEquals(List.of("bb", "ba", "b"), keys(engine.scan(KeyRange.prefix(b("b")), Direction.DESCENDING)));
        }

        @Test
        void keysCompareAsUnsignedBytes() {
            engine.write(new WriteBatch()
                    .put(bytes(0xff), b("ff")).put(bytes(0x80), b("80")).put(bytes(0x00), b("00"))
                    .put(bytes(0x7f), b("7f")).put(bytes(0xff, 0xff), b("ffff")).put(bytes(0x00, 0x00), b("0000")));
            List<String> values = drain(engine.scan(new KeyRange(null, true, b("a"), false))).stream()
                    .map(e -> new String(e.value(), StandardCharsets.UTF_8)).toList();
            assertEquals(List.of("00", "0000"), values);
            List<String> high = drain(engine.scan(KeyRange.atLeast(bytes(0x7f)))).stream()
                    .map(e -> new String(e.value(), StandardCharsets.UTF_8)).toList();
            assertEquals(List.of("7f", "80", "ff", "ffff"), high);
            assertEquals(List.of(), drain(engine.scan(KeyRange.prefix(bytes(0xff, 0xff, 0xff)))));
            assertEquals(2, drain(engine.scan(KeyRange.prefix(bytes(0xff)))).size());
        }

        @Test
        void aCursorDoesNotSeeWritesMadeAfterItStarted() {
            Cursor cursor = engine.scan(KeyRange.all());
            assertEquals("a", new String(cursor.next().key(), StandardCharsets.UTF_8));
            engine.write(new WriteBatch().put(b("bz"), b("new")).delete(b("c")).put(b("a0"), b("new")));
            List<String> rest = keys(cursor);
            assertEquals(List.of("b", "ba", "bb", "c", "d"), rest);
        }

        @Test
        void aCursorClosedEarlyReleasesCleanly() {
            Cursor cursor = engine.scan(KeyRange.all());
            cursor.next();
            cursor.close();
            cursor.close();
            put("e", "E");
            assertEquals(7, drain(engine.scan(KeyRange.all())).size());
        }
    }

    @Nested
    class Snapshots {
        @Test
        void aSnapshotIsUnaffectedByLaterWrites() {
            put("a", "1");
            put("b", "1");
            try (Snapshot snapshot = engine.snapshot()) {
                engine.write(new WriteBatch().put(b("a"), b("2")).delete(b("b")).put(b("c"), b("2")));
                assertArrayEquals(b("1"), snapshot.get(b("a")).orElseThrow());
                assertArrayEquals(b("1"), snapshot.get(b("b")).orElseThrow());
                assertTrue(snapshot.get(b("c")).isEmpty());
                List<Entry> entries = drain(snapshot.scan(KeyRange.all()));
                assertEquals(List.of(new Entry(b("a"), b("1")), new Entry(b("b"), b("1"))), entries);
                assertEquals(List.of("b", "a"), keys(snapshot.scan(KeyRange.all(), Direction.DESCENDING)));
            }
            assertArrayEquals(b("2"), engine.get(b("a")).orElseThrow());
        }

        @Test
        void manySnapshotsEachSeeTheirOwnState() {
            List<Snapshot> snapshots = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                snapshots.add(engine.snapshot());
                put("k" + i, "v" + i);
            }
            for (int i = 0; i < 20; i++) {
                try (Snapshot s = snapshots.get(i)) {
                    assertEquals(i, drain(s.scan(KeyRange.all())).size());
                }
            }
        }

        @Test
        void readingAClosedSnapshotFails() {
            Snapshot snapshot = engine.snapshot();
            snapshot.close();
            assertThrows(IllegalStateException.class, () -> snapshot.get(b("a")));
        }

        @Test
        void snapshotsStayConsistentWhileAWriterRuns() throws InterruptedException {
            // The writer keeps two keys equal; every snapshot must see them equal.
            put("x", "0");
            put("y", "0");
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 1; i <= 2000; i++) {
                        engine.write(new WriteBatch().put(b("x"), b(Integer.toString(i))).put(b("y"), b(Integer.toString(i))));
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            writer.start();
            int checks = 0;
            while (writer.isAlive() || checks == 0) {
                try (Snapshot s = engine.snapshot()) {
                    assertArrayEquals(s.get(b("x")).orElseThrow(), s.get(b("y")).orElseThrow());
                    List<Entry> both = drain(s.scan(KeyRange.all()));
                    assertArrayEquals(both.get(0).value(), both.get(1).value());
                }
                checks++;
            }
            writer.join();
            assertEquals(null, failure.get());
        }
    }

    @Nested
    class AgainstAModel {
        @Test
        void randomOperationsMatchATreeMap() {
            long seed = seed("randomOperationsMatchATreeMap");
            Random random = new Random(seed);
            TreeMap<byte[], byte[]> model = new TreeMap<>(Keys.ORDER);
            for (int step = 0; step < 3000; step++) {
                int op = random.nextInt(10);
                if (op < 5) {
                    WriteBatch batch = new WriteBatch();
                    int n = 1 + random.nextInt(8);
                    for (int i = 0; i < n; i++) {
                        byte[] key = randomKey(random);
                        if (random.nextInt(4) == 0) {
                            batch.delete(key);
                            model.remove(key);
                        } else {
                            byte[] value = randomValue(random);
                            batch.put(key, value);
                            model.put(key, value);
                        }
                    }
                    engine.write(batch);
                } else if (op < 7) {
                    byte[] key = randomKey(random);
                    byte[] expected = model.get(key);
                    byte[] actual = engine.get(key).orElse(null);
                    assertTrue(Arrays.equals(expected, actual), "seed " + seed + " step " + step + ": get");
                } else {
                    KeyRange range = randomRange(random);
                    Direction direction = random.nextBoolean() ? Direction.ASCENDING : Direction.DESCENDING;
                    assertEquals(MemoryEngine.slice(model, range, direction), drain(engine.scan(range, direction)),
                            "seed " + seed + " step " + step + ": scan " + range + " " + direction);
                }
                if (step % 500 == 499) {
                    engine = reopenForModel(engine);
                }
            }
            assertEquals(MemoryEngine.slice(model, KeyRange.all(), Direction.ASCENDING), drain(engine.scan(KeyRange.all())));
        }
    }

    /** Durable engines close and reopen here, so the model test also covers recovery. */
    protected StorageEngine reopenForModel(StorageEngine current) {
        return current;
    }

    static byte[] randomKey(Random random) {
        // A small key space so that overwrites, deletes and range edges are frequent.
        int len = 1 + random.nextInt(3);
        byte[] key = new byte[len];
        for (int i = 0; i < len; i++) {
            key[i] = (byte) (random.nextInt(6) * 50);
        }
        return key;
    }

    static byte[] randomValue(Random random) {
        int len = random.nextInt(20) == 0 ? 3000 + random.nextInt(6000) : random.nextInt(40);
        byte[] value = new byte[len];
        random.nextBytes(value);
        return value;
    }

    static KeyRange randomRange(Random random) {
        byte[] a = random.nextInt(5) == 0 ? null : randomKey(random);
        byte[] b = random.nextInt(5) == 0 ? null : randomKey(random);
        return new KeyRange(a, random.nextBoolean(), b, random.nextBoolean());
    }
}
