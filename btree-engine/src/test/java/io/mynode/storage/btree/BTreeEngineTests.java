package io.mynode.storage.btree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.config.Settings;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import io.mynode.kernel.storage.Snapshot;
import io.mynode.kernel.storage.StorageContext;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.storage.WriteBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the conformance suite does not reach: tree shape, page reuse, the cache, settings, the file. */
class BTreeEngineTests {
    @TempDir
    Path dir;

    static StorageEngine open(Path dir, Map<String, String> settings) {
        BTreeProvider provider = new BTreeProvider();
        return provider.open(new StorageContext(dir, provider.configKeys().settings(provider.name(), settings)));
    }

    static byte[] key(int i) {
        return String.format("key%08d", i).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(Random random, int length) {
        byte[] v = new byte[length];
        random.nextBytes(v);
        return v;
    }

    static long detail(StorageEngine engine, String name) {
        return Long.parseLong(engine.status().details().get(name));
    }

    static List<Entry> all(StorageEngine engine) {
        List<Entry> out = new ArrayList<>();
        try (Cursor c = engine.scan(KeyRange.all())) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    static void assertMatches(TreeMap<byte[], byte[]> model, StorageEngine engine) {
        List<Entry> expected = new ArrayList<>();
        model.forEach((k, v) -> expected.add(new Entry(k, v)));
        assertEquals(expected, all(engine));
        List<Entry> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        List<Entry> descending = new ArrayList<>();
        try (Cursor c = engine.scan(KeyRange.all(), Direction.DESCENDING)) {
            c.forEachRemaining(descending::add);
        }
        assertEquals(reversed, descending);
    }

    @Nested
    class TreeShape {
        @Test
        void aTreeGrowsSeveralLevelsAndShrinksBackWhenEmptied() {
            Random random = new Random(1);
            TreeMap<byte[], byte[]> model = new TreeMap<>(Keys.ORDER);
            try (StorageEngine engine = open(dir, Map.of())) {
                for (int b = 0; b < 100; b++) {
                    WriteBatch batch = new WriteBatch();
                    for (int i = 0; i < 500; i++) {
                        byte[] k = longKey(random.nextInt(1_000_000));
                        byte[] v = value(random, random.nextInt(200));
                        batch.put(k, v);
                        model.put(k, v);
                    }
                    engine.write(batch);
                }
                assertTrue(detail(engine, "height") >= 3, "height " + detail(engine, "height"));
                engine.flush();
                long liveBefore = detail(engine, "pages.live");
                assertEquals(model.size(), engine.status().keys());
                assertMatches(model, engine);
                List<byte[]> keys = new ArrayList<>(model.keySet());
                for (int from = 0; from < keys.size(); from += 1000) {
                    WriteBatch batch = new WriteBatch();
                    for (byte[] k : keys.subList(from, Math.min(keys.size(), from + 1000))) {
                        if (random.nextInt(50) != 0) {
                            batch.delete(k);
                            model.remove(k);
                        }
                    }
                    engine.write(batch);
                }
                engine.flush();
                assertMatches(model, engine);
                assertEquals(model.size(), engine.status().keys());
                // Small nodes merged: a fiftieth of the keys in well under a fifth of the pages.
                long liveAfter = detail(engine, "pages.live");
                assertTrue(liveAfter * 5 < liveBefore, liveBefore + " live pages before, " + liveAfter + " after");
            }
            try (StorageEngine engine = open(dir, Map.of())) {
                assertMatches(model, engine);
                WriteBatch batch = new WriteBatch();
                model.keySet().forEach(batch::delete);
                engine.write(batch);
                assertEquals(List.of(), all(engine));
                assertEquals(1, detail(engine, "height"));
                assertEquals(0, engine.status().keys());
            }
        }

        /** Keys with a long common prefix: long separators, few children per branch, a tall tree. */
        private static byte[] longKey(int i) {
            return ("p".repeat(200) + i).getBytes(StandardCharsets.UTF_8);
        }

        @Test
        void sequentialInsertsFillLeavesAlmostFully() {
            try (StorageEngine engine = open(dir, Map.of())) {
                for (int b = 0; b < 100; b++) {
                    WriteBatch batch = new WriteBatch();
                    for (int i = 0; i < 1000; i++) {
                        batch.put(key(b * 1000 + i), new byte[100]);
                    }
                    engine.write(batch);
                }
                engine.flush();
                // 100k entries of 16 + 100 bytes + 6 bytes of framing: ~12.2 MB, ~745 full 16 KiB pages.
                long live = detail(engine, "pages.live");
                assertTrue(live < 800, live + " live pages");
            }
        }

        @Test
        void maximumSizeKeysWithLongCommonPrefixesBuildATallTreeThatSplitsAndMerges() {
            // Separators as long as the keys: three per branch page, so the tree gets tall fast.
            Random random = new Random(5);
            TreeMap<byte[], byte[]> model = new TreeMap<>(Keys.ORDER);
            String prefix = "k".repeat(PageFormat.MAX_KEY - 6);
            try (StorageEngine engine = open(dir, Map.of())) {
                for (int b = 0; b < 10; b++) {
                    WriteBatch batch = new WriteBatch();
                    for (int i = 0; i < 60; i++) {
                        byte[] k = (prefix + String.format("%06d", random.nextInt(1_000_000))).getBytes(StandardCharsets.UTF_8);
                        byte[] v = value(random, random.nextInt(3) == 0 ? 3000 : 10);
                        batch.put(k, v);
                        model.put(k, v);
                    }
                    engine.write(batch);
                    if (b % 3 == 0) {
                        engine.flush();
                    }
                }
                assertTrue(detail(engine, "height") >= 4, "height " + detail(engine, "height"));
                assertMatches(model, engine);
                WriteBatch deletes = new WriteBatch();
                int n = 0;
                for (byte[] k : new ArrayList<>(model.keySet())) {
                    if (n++ % 3 != 0) {
                        deletes.delete(k);
                        model.remove(k);
                    }
                }
                engine.write(deletes);
                assertMatches(model, engine);
            }
            try (StorageEngine engine = open(dir, Map.of())) {
                assertMatches(model, engine);
                assertEquals(model.size(), engine.status().keys());
            }
        }

        @Test
        void shortestSeparatorDividesTheTwoKeys() {
            byte[] s = TreeWriter.shortestSeparator("apple".getBytes(), "apricot".getBytes());
            assertEquals("apr", new String(s));
            assertArrayEquals("ab".getBytes(), TreeWriter.shortestSeparator("a".getBytes(), "abc".getBytes()));
        }
    }

    @Nested
    class PageReuse {
        @Test
        void overwritingTheSameKeysDoesNotGrowTheFile() {
            Random random = new Random(2);
            try (StorageEngine engine = open(dir, Map.of())) {
                long sizeAfterWarmUp = 0;
                for (int round = 0; round < 30; round++) {
                    WriteBatch batch = new WriteBatch();
                    for (int i = 0; i < 5000; i++) {
                        batch.put(key(i), value(random, 100));
                    }
                    batch.put(key(99_999), value(random, 200_000)); // an overflow run, replaced every round
                    engine.write(batch);
                    engine.flush();
                    if (round == 4) {
                        sizeAfterWarmUp = engine.status().diskBytes();
                    }
                }
                long size = engine.status().diskBytes();
                assertTrue(size <= sizeAfterWarmUp * 1.2, "file grew from " + sizeAfterWarmUp + " to " + size);
                assertTrue(detail(engine, "pages.free") > 0);
            }
        }

        @Test
        void aSnapshotKeepsItsPagesAcrossFlushesAndReleasesThemWhenClosed() {
            Random random = new Random(3);
            TreeMap<byte[], byte[]> before = new TreeMap<>(Keys.ORDER);
            try (StorageEngine engine = open(dir, Map.of("cache.pages", "16"))) {
                WriteBatch first = new WriteBatch();
                for (int i = 0; i < 3000; i++) {
                    byte[] v = value(random, 100 + (i % 7 == 0 ? 6000 : 0));
                    first.put(key(i), v);
                    before.put(key(i), v);
                }
                engine.write(first);
                engine.flush();
                Snapshot snapshot = engine.snapshot();
                for (int round = 0; round < 10; round++) {
                    WriteBatch batch = new WriteBatch();
                    for (int i = 0; i < 3000; i++) {
                        batch.put(key(i), value(random, 100 + (i % 5 == 0 ? 6000 : 0)));
                    }
                    engine.write(batch);
                    engine.flush();
                }
                long pendingWhilePinned = detail(engine, "pages.pending");
                List<Entry> seen = new ArrayList<>();
                try (Cursor c = snapshot.scan(KeyRange.all())) {
                    c.forEachRemaining(seen::add);
                }
                List<Entry> expected = new ArrayList<>();
                before.forEach((k, v) -> expected.add(new Entry(k, v)));
                assertEquals(expected, seen);
                snapshot.close();
                engine.write(new WriteBatch().put(key(0), new byte[1]));
                engine.flush();
                engine.write(new WriteBatch().put(key(1), new byte[1]));
                engine.flush();
                assertTrue(detail(engine, "pages.pending") < pendingWhilePinned / 4,
                        "pending " + detail(engine, "pages.pending") + " of " + pendingWhilePinned);
            }
        }

        @Test
        void largeValuesRoundTripThroughOverflowPagesAndReopen() {
            Random random = new Random(4);
            TreeMap<byte[], byte[]> model = new TreeMap<>(Keys.ORDER);
            try (StorageEngine engine = open(dir, Map.of())) {
                for (int i = 0; i < 20; i++) {
                    byte[] v = value(random, random.nextInt(PageFormat.MAX_VALUE + 1));
                    engine.write(new WriteBatch().put(key(i), v));
                    model.put(key(i), v);
                    if (i % 3 == 0) {
                        engine.flush();
                    }
                }
                assertMatches(model, engine);
            }
            try (StorageEngine engine = open(dir, Map.of())) {
                assertMatches(model, engine);
                for (var e : model.entrySet()) {
                    assertArrayEquals(e.getValue(), engine.get(e.getKey()).orElseThrow());
                }
            }
        }
    }

    @Nested
    class Caching {
        @Test
        void theCacheStaysWithinItsCapacityAndCountsHits() {
            try (StorageEngine engine = open(dir, Map.of("cache.pages", "32"))) {
                for (int b = 0; b < 20; b++) {
                    WriteBatch batch = new WriteBatch();
                    for (int i = 0; i < 2000; i++) {
                        batch.put(key(b * 2000 + i), new byte[100]);
                    }
                    engine.write(batch);
                }
                engine.flush();
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < 40_000; i += 7) {
                        assertTrue(engine.get(key(i)).isPresent());
                    }
                }
                StorageStatus status = engine.status();
                assertTrue(detail(engine, "cache.pages") <= 32, status.toString());
                assertTrue(detail(engine, "cache.misses") > 0 && detail(engine, "cache.hits") > 0, status.toString());
                double rate = Double.parseDouble(status.details().get("cache.hit.rate"));
                assertTrue(rate > 0 && rate < 1, status.toString());
            }
        }

        @Test
        void aWriterFlushesByItselfWhenTooManyPagesAreDirty() {
            try (StorageEngine engine = open(dir, Map.of("dirty.pages", "16"))) {
                for (int b = 0; b < 50; b++) {
                    WriteBatch batch = new WriteBatch();
                    for (int i = 0; i < 1000; i++) {
                        batch.put(key(b * 1000 + i), new byte[100]);
                    }
                    engine.write(batch);
                }
                assertTrue(detail(engine, "flushes") > 1, engine.status().toString());
                assertTrue(detail(engine, "pages.dirty") <= 16 + 200, engine.status().toString());
                assertEquals(50_000, all(engine).size());
            }
        }
    }

    @Nested
    class Concurrency {
        @Test
        void readersSeeWholeBatchesWhileTheWriterFlushesAndReusesPages() throws InterruptedException {
            // Every batch sets all 2000 keys to the same counter; a reader must never see two counters.
            try (StorageEngine engine = open(dir, Map.of("cache.pages", "16", "dirty.pages", "32", "sync", "false"))) {
                engine.write(batchOf(0));
                AtomicBoolean stop = new AtomicBoolean();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                List<Thread> readers = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int id = t;
                    Thread reader = new Thread(() -> {
                        try {
                            while (!stop.get()) {
                                if (id == 0) {
                                    try (Snapshot s = engine.snapshot(); Cursor c = s.scan(KeyRange.all())) {
                                        checkUniform(c, 2000);
                                    }
                                } else {
                                    try (Cursor c = engine.scan(KeyRange.all(), Direction.DESCENDING)) {
                                        checkUniform(c, 2000);
                                    }
                                }
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    reader.start();
                    readers.add(reader);
                }
                for (int i = 1; i <= 150 && failure.get() == null; i++) {
                    engine.write(batchOf(i));
                    if (i % 10 == 0) {
                        engine.flush();
                    }
                }
                stop.set(true);
                for (Thread r : readers) {
                    r.join();
                }
                assertNull(failure.get(), () -> "reader failed: " + failure.get());
                assertTrue(detail(engine, "pages.free") + detail(engine, "pages.pending") > 0);
            }
        }

        private static WriteBatch batchOf(int counter) {
            WriteBatch batch = new WriteBatch();
            byte[] v = ByteBuffer.allocate(100).putInt(counter).array();
            for (int i = 0; i < 2000; i++) {
                batch.put(key(i), v);
            }
            return batch;
        }

        private static void checkUniform(Cursor cursor, int expected) {
            int n = 0;
            byte[] first = null;
            while (cursor.hasNext()) {
                Entry e = cursor.next();
                if (first == null) {
                    first = e.value();
                } else if (!java.util.Arrays.equals(first, e.value())) {
                    throw new AssertionError("torn read at entry " + n);
                }
                n++;
            }
            if (n != expected) {
                throw new AssertionError(n + " entries, expected " + expected);
            }
        }
    }

    @Nested
    class Files_ {
        @Test
        void aDamagedFirstMetaCopyFallsBackToTheSecondWithNothingLost() throws IOException {
            try (StorageEngine engine = open(dir, Map.of())) {
                engine.write(new WriteBatch().put(key(1), "one".getBytes()));
            }
            flip(dir.resolve(PageFile.NAME), 30);
            try (StorageEngine engine = open(dir, Map.of())) {
                assertArrayEquals("one".getBytes(), engine.get(key(1)).orElseThrow());
            }
        }

        @Test
        void bothMetaCopiesDamagedIsCorruption() throws IOException {
            try (StorageEngine engine = open(dir, Map.of())) {
                engine.write(new WriteBatch().put(key(1), "one".getBytes()));
            }
            flip(dir.resolve(PageFile.NAME), 30);
            flip(dir.resolve(PageFile.NAME), Meta.SLOT_SPACING + 30);
            CorruptionException e = assertThrows(CorruptionException.class, () -> open(dir, Map.of()));
            assertTrue(e.getMessage().contains("meta"), e.getMessage());
        }

        @Test
        void aDamagedLeafIsReportedWithItsPageAndFile() throws IOException {
            try (StorageEngine engine = open(dir, Map.of())) {
                WriteBatch batch = new WriteBatch();
                for (int i = 0; i < 2000; i++) {
                    batch.put(key(i), new byte[100]);
                }
                engine.write(batch);
            }
            // Page 1 is the first page the flush allocated: a leaf (children are written before parents).
            flip(dir.resolve(PageFile.NAME), 16384 + 100);
            try (StorageEngine engine = open(dir, Map.of())) {
                CorruptionException e = assertThrows(CorruptionException.class, () -> engine.get(key(0)));
                assertTrue(e.getMessage().contains("page 1 of") && e.getMessage().contains(PageFile.NAME), e.getMessage());
                assertThrows(CorruptionException.class, () -> all(engine));
            }
        }

        @Test
        void aSecondEngineOnTheSameDirectoryIsRefused() {
            try (StorageEngine engine = open(dir, Map.of())) {
                StorageIoException e = assertThrows(StorageIoException.class, () -> open(dir, Map.of()));
                assertTrue(e.getMessage().contains("in use"), e.getMessage());
                assertFalse(engine.get(key(1)).isPresent());
            }
        }

        @Test
        void anExistingFileKeepsItsPageSize() {
            try (StorageEngine engine = open(dir, Map.of("page.size", "32k"))) {
                engine.write(new WriteBatch().put(key(1), new byte[10]));
            }
            try (StorageEngine engine = open(dir, Map.of())) {
                assertEquals("32768", engine.status().details().get("page.size"));
                assertTrue(engine.get(key(1)).isPresent());
            }
        }

        private static void flip(Path file, long offset) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer one = ByteBuffer.allocate(1);
                ch.read(one, offset);
                one.put(0, (byte) (one.get(0) ^ 0x10));
                one.rewind();
                ch.write(one, offset);
            }
        }
    }

    @Nested
    class Configuration {
        @Test
        void anUnknownKeyIsNamed() {
            ConfigException e = assertThrows(ConfigException.class, () -> open(dir, Map.of("cache.size", "10")));
            assertTrue(e.getMessage().contains("btree.cache.size"), e.getMessage());
        }

        @Test
        void aPageSizeThatIsNotAPowerOfTwoIsRefused() {
            ConfigException e = assertThrows(ConfigException.class, () -> open(dir, Map.of("page.size", "20000")));
            assertTrue(e.getMessage().contains("btree.page.size"), e.getMessage());
            assertThrows(ConfigException.class, () -> open(dir, Map.of("page.size", "4k")));
            assertFalse(Files.exists(dir.resolve(PageFile.NAME)));
        }

        @Test
        void statusReportsTheFiguresTheIssueAsksFor() {
            try (StorageEngine engine = open(dir, Map.of())) {
                engine.write(new WriteBatch().put(key(1), new byte[10]).put(key(2), new byte[10]));
                engine.flush();
                StorageStatus status = engine.status();
                assertEquals("btree", status.engine());
                assertEquals(2, status.keys());
                assertTrue(status.diskBytes() >= 2 * 16384);
                for (String k : List.of("pages.live", "pages.free", "cache.hit.rate", "height")) {
                    assertTrue(status.details().containsKey(k), k + " in " + status.details());
                }
                assertEquals(1, detail(engine, "pages.live"));
            }
        }
    }
}
