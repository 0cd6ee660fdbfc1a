package io.mynode.storage.lsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.Providers;
import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.config.Settings;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Snapshot;
import io.mynode.kernel.storage.StorageContext;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageEngineProvider;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.storage.WriteBatch;
import io.mynode.storage.lsm.sstable.TableMeta;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the conformance suite cannot see: settings, levels, compaction, file lifecycle. */
class LsmEngineTests {
    @TempDir
    Path dir;

    /** Tiny tables so a few thousand keys make several levels. */
    private static final Map<String, String> SMALL = Map.of("memtable.bytes", "64k", "block.bytes", "512",
            "table.bytes", "64k", "level1.bytes", "1m", "level.multiplier", "2", "l0.compaction", "2");

    private static StorageEngine open(Path dir, Map<String, String> settings) {
        StorageEngineProvider provider = Providers.select(StorageEngineProvider.class, "lsm");
        return provider.open(new StorageContext(dir, provider.configKeys().settings(provider.name(), settings)));
    }

    private static byte[] key(int i) {
        return String.format("key%08d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] value(int i, int round) {
        return ("value " + i + " round " + round + " " + "z".repeat(60)).getBytes(StandardCharsets.US_ASCII);
    }

    private static void fill(StorageEngine e, int keys, int round) {
        for (int i = 0; i < keys; i += 100) {
            WriteBatch b = new WriteBatch();
            for (int j = i; j < Math.min(keys, i + 100); j++) {
                b.put(key(j), value(j, round));
            }
            e.write(b);
        }
    }

    /** Waits until background work is done: nothing to flush, level 0 below {@code trigger} tables. */
    private static StorageStatus settle(StorageEngine e, int trigger) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            StorageStatus s = e.status();
            String l0 = s.details().get("L0");
            int l0Tables = l0 == null ? 0 : Integer.parseInt(l0.split(" ")[0]);
            if (l0Tables < trigger && s.details().get("memtable.immutables").equals("0")) {
                Thread.sleep(200); // one more pass: a deeper level may still be over target
                return e.status();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("compaction did not settle: " + e.status());
    }

    private static long tableFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".sst")).count();
        }
    }

    @Nested
    class Settings_ {
        @Test
        void anUnknownKeyIsRefusedByName() {
            ConfigException e = assertThrows(ConfigException.class, () -> open(dir, Map.of("memtable.size", "1m")));
            assertTrue(e.getMessage().contains("lsm.memtable.size"), e.getMessage());
        }

        @Test
        void valuesOutOfRangeOrOutOfOrderAreRefused() {
            assertThrows(ConfigException.class, () -> open(dir, Map.of("block.bytes", "1")));
            assertThrows(ConfigException.class, () -> open(dir, Map.of("cache.bytes", "lots")));
            assertThrows(ConfigException.class, () -> open(dir, Map.of("l0.slowdown", "2", "l0.compaction", "4")));
        }

        @Test
        void nodePropertiesSelectTheEngineByNameAndPassItsKeys() {
            NodeConfig config = NodeConfig.fromMap(Map.of("node.id", "n1", "node.listen", "127.0.0.1:9601", "data.dir", dir.toString(),
                    "storage.engine", "lsm", "lsm.memtable.bytes", "1m", "lsm.cache.bytes", "0"), Map.of(),
                    Plugins.configSchema());
            StorageEngineProvider provider = Providers.select(StorageEngineProvider.class, config.storageEngine());
            try (StorageEngine e = provider.open(new StorageContext(dir.resolve("storage"), config.settings(provider.name())))) {
                e.write(new WriteBatch().put(key(1), value(1, 1)));
                e.flush();
                assertEquals("lsm", e.status().engine());
                assertArrayEquals(value(1, 1), e.get(key(1)).orElseThrow());
            }
            ConfigException e = assertThrows(ConfigException.class, () -> NodeConfig.fromMap(Map.of("node.id", "n1",
                    "node.listen", "127.0.0.1:9601", "data.dir", dir.toString(), "storage.engine", "lsm",
                    "lsm.memtable.byte", "1m"), Map.of(), Plugins.configSchema()));
            assertTrue(e.getMessage().contains("lsm.memtable.byte"), e.getMessage());
        }

        @Test
        void sizesTakeSuffixes() {
            LsmOptions o = LsmOptions.from(new Settings("lsm", Map.of("memtable.bytes", "8m", "level1.bytes", "1g")));
            assertEquals(8L << 20, o.memtableBytes());
            assertEquals(10L << 30, o.levelBytes(2));
        }
    }

    @Nested
    class Levels_ {
        @Test
        void dataFlowsDownTheLevelsAndStaysReadable() throws InterruptedException {
            try (StorageEngine e = open(dir, SMALL)) {
                fill(e, 20_000, 1);
                fill(e, 20_000, 2);
                e.flush();
                StorageStatus s = settle(e, 2);
                assertTrue(s.details().keySet().stream().anyMatch(k -> k.equals("L2") || k.equals("L3")), s.toString());
                assertTrue(Long.parseLong(s.details().get("compacted.bytes")) > 0, s.toString());
                for (int i = 0; i < 20_000; i += 37) {
                    assertArrayEquals(value(i, 2), e.get(key(i)).orElseThrow());
                }
                assertEquals(20_000, countAll(e));
            }
        }

        @Test
        void deletedKeysLeaveNoTombstonesBehindOnceCompactedToTheBottom() throws InterruptedException {
            // Level 1 is the bottom here: every level-0 table compacts straight into it.
            Map<String, String> oneLevel = Map.of("memtable.bytes", "64k", "table.bytes", "64k", "l0.compaction", "1");
            try (StorageEngine e = open(dir, oneLevel)) {
                fill(e, 10_000, 1);
                e.flush();
                settle(e, 1);
                long full = e.status().diskBytes();
                for (int i = 0; i < 10_000; i += 100) {
                    WriteBatch b = new WriteBatch();
                    for (int j = i; j < i + 100; j++) {
                        b.delete(key(j));
                    }
                    e.write(b);
                }
                fill(e, 2_000, 3);
                e.flush();
                StorageStatus s = settle(e, 1);
                assertFalse(s.details().containsKey("L2"), s.toString());
                assertEquals(2_000, countAll(e));
                assertEquals(2_000, s.keys(), s.toString());
                assertTrue(s.diskBytes() < full / 2, "space reclaimed: " + s.diskBytes() + " of " + full);
            }
        }

        @Test
        void obsoleteTablesAreDeletedOnceNoSnapshotHoldsThem() throws InterruptedException, IOException {
            try (StorageEngine e = open(dir, SMALL)) {
                fill(e, 5_000, 1);
                e.flush();
                settle(e, 2);
                Snapshot snapshot = e.snapshot();
                Cursor cursor = e.scan(KeyRange.all());
                cursor.next();
                fill(e, 5_000, 2);
                fill(e, 5_000, 3);
                e.flush();
                settle(e, 2);
                long whileHeld = tableFiles(dir);
                for (int i = 0; i < 5_000; i += 61) {
                    assertArrayEquals(value(i, 1), snapshot.get(key(i)).orElseThrow(), "snapshot reads compacted-away tables");
                }
                int n = 1;
                while (cursor.hasNext()) {
                    assertTrue(new String(cursor.next().value(), StandardCharsets.US_ASCII).contains("round 1"));
                    n++;
                }
                assertEquals(5_000, n);
                snapshot.close();
                cursor.close();
                long released = tableFiles(dir);
                assertTrue(released < whileHeld, "files " + whileHeld + " -> " + released);
                assertEquals(released, e.status().details().entrySet().stream()
                        .filter(x -> x.getKey().matches("L\\d"))
                        .mapToLong(x -> Long.parseLong(x.getValue().split(" ")[0])).sum());
            }
        }
    }

    @Nested
    class Files_ {
        @Test
        void tablesTheManifestDoesNotListAreRemovedOnOpen() throws IOException {
            try (StorageEngine e = open(dir, Map.of())) {
                e.write(new WriteBatch().put(key(1), value(1, 1)));
            }
            Path stray = dir.resolve(TableMeta.fileName(999));
            Files.write(stray, new byte[100]);
            Files.write(dir.resolve("MANIFEST.tmp"), new byte[10]);
            try (StorageEngine e = open(dir, Map.of())) {
                assertArrayEquals(value(1, 1), e.get(key(1)).orElseThrow());
            }
            assertFalse(Files.exists(stray));
            assertFalse(Files.exists(dir.resolve("MANIFEST.tmp")));
        }

        @Test
        @SuppressWarnings("try") // the first engine only has to be open while the second tries
        void aDirectoryServesOneEngineAtATime() {
            try (StorageEngine e = open(dir, Map.of())) {
                assertThrows(StorageIoException.class, () -> open(dir, Map.of()));
            }
            open(dir, Map.of()).close();
        }

        @Test
        void theManifestRecordsTheLastDurableBatch() {
            try (StorageEngine e = open(dir, Map.of())) {
                for (int i = 0; i < 7; i++) {
                    e.write(new WriteBatch().put(key(i), value(i, 1)));
                }
                e.flush();
                e.write(new WriteBatch().put(key(8), value(8, 1)));
            }
            Manifest m = Manifest.read(dir).orElseThrow();
            assertEquals(8, m.lastSequence());
            assertEquals(2, m.levels().stream().mapToInt(List::size).sum());
        }

        @Test
        void usingAClosedEngineFails() {
            StorageEngine e = open(dir, Map.of());
            e.close();
            e.close();
            assertThrows(IllegalStateException.class, () -> e.get(key(1)));
            assertThrows(IllegalStateException.class, () -> e.write(new WriteBatch().put(key(1), key(1))));
        }
    }

    private static int countAll(StorageEngine e) {
        int n = 0;
        try (Cursor c = e.scan(KeyRange.all())) {
            while (c.hasNext()) {
                c.next();
                n++;
            }
        }
        return n;
    }
}
