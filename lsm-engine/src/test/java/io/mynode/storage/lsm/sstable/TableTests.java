package io.mynode.storage.lsm.sstable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.CorruptionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTests {
    @TempDir
    Path dir;

    private final BlockCache cache = new BlockCache(1 << 20);
    private final List<byte[]> keys = new ArrayList<>();
    private TableMeta meta;

    private static byte[] key(int i) {
        return String.format("key%06d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] value(int i) {
        return ("value-" + i + "-" + "x".repeat(i % 50)).getBytes(StandardCharsets.US_ASCII);
    }

    /** 3000 keys (even numbers), every 7th a tombstone, in 256-byte blocks with restarts every 4 entries. */
    @BeforeEach
    void write() throws IOException {
        Files.deleteIfExists(dir.resolve(TableMeta.fileName(1)));
        keys.clear();
        TableWriter w = new TableWriter(dir.resolve(TableMeta.fileName(1)), 1, 256, 4, 10);
        for (int i = 0; i < 3000; i++) {
            byte[] k = key(i * 2);
            keys.add(k);
            w.add(k, i % 7 == 0 ? null : value(i));
        }
        meta = w.finish();
    }

    private Table open() {
        return Table.open(dir, meta, cache);
    }

    @Nested
    class Reading {
        @Test
        void metadataDescribesTheTable() throws IOException {
            assertEquals(Files.size(dir.resolve(TableMeta.fileName(1))), meta.size());
            assertEquals(3000, meta.entries());
            assertEquals(429, meta.tombstones());
            assertArrayEquals(key(0), meta.smallest());
            assertArrayEquals(key(5998), meta.largest());
        }

        @Test
        void everyKeyIsFoundWithItsValueOrTombstoneAndNoOther() {
            Table t = open();
            for (int i = 0; i < 3000; i++) {
                byte[] got = t.get(key(i * 2), BloomFilter.hash(key(i * 2)));
                if (i % 7 == 0) {
                    assertSame(Table.DELETED, got);
                } else {
                    assertArrayEquals(value(i), got);
                }
                assertNull(t.get(key(i * 2 + 1), BloomFilter.hash(key(i * 2 + 1))), "absent key between entries");
            }
        }

        @Test
        void aCursorWalksBothWaysAndSeeks() {
            TableCursor c = open().cursor(true);
            int n = 0;
            for (c.seekToFirst(); c.valid(); c.next()) {
                assertArrayEquals(keys.get(n++), c.key());
            }
            assertEquals(3000, n);
            for (c.seekToLast(); c.valid(); c.prev()) {
                assertArrayEquals(keys.get(--n), c.key());
            }
            assertEquals(0, n);
            c.seek(key(1001));
            assertArrayEquals(key(1002), c.key());
            c.seekForPrev(key(1001));
            assertArrayEquals(key(1000), c.key());
            c.seekForPrev(key(1000));
            assertArrayEquals(key(1000), c.key());
            c.seek(key(9999));
            assertFalse(c.valid());
            c.seekForPrev(new byte[] {1});
            assertFalse(c.valid());
        }

        @Test
        void blocksAreServedFromTheCacheOnceRead() {
            Table t = open();
            t.get(key(10), BloomFilter.hash(key(10)));
            long misses = cache.misses();
            t.get(key(10), BloomFilter.hash(key(10)));
            assertEquals(misses, cache.misses());
            assertTrue(cache.hits() > 0);
        }

        @Test
        void theCacheStaysWithinItsCapacity() {
            BlockCache small = new BlockCache(4096);
            Table t = Table.open(dir, meta, small);
            for (int i = 0; i < 3000; i++) {
                t.get(key(i * 2), BloomFilter.hash(key(i * 2)));
            }
            assertTrue(small.usedBytes() <= 4096, "used " + small.usedBytes());
            assertTrue(small.usedBytes() > 0);
        }
    }

    @Nested
    class Damage {
        private void flip(long offset) throws IOException {
            try (FileChannel ch = FileChannel.open(dir.resolve(TableMeta.fileName(1)), StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.allocate(1);
                ch.read(b, offset);
                b.put(0, (byte) (b.get(0) ^ 0x10));
                b.rewind();
                ch.write(b, offset);
            }
        }

        @Test
        void aFlippedByteInADataBlockFailsThatReadOnly() throws IOException {
            flip(100);
            Table t = open();
            assertThrows(CorruptionException.class, () -> t.get(key(0), BloomFilter.hash(key(0))));
            assertArrayEquals(value(2999), t.get(key(5998), BloomFilter.hash(key(5998))), "other blocks still read");
        }

        @Test
        void aFlippedByteAnywhereIsNoticedByOpenOrByAFullRead() throws IOException {
            for (long offset : new long[] {meta.size() - 1, meta.size() - 20, meta.size() - 60, meta.size() / 2, 0}) {
                write();
                flip(offset);
                try {
                    TableCursor c = open().cursor(false);
                    assertThrows(CorruptionException.class, () -> {
                        for (c.seekToFirst(); c.valid(); c.next()) {
                            c.value();
                        }
                    }, "flip at " + offset + " went unnoticed");
                } catch (CorruptionException expected) {
                    // Caught at open: the footer, index or filter failed its checksum.
                }
            }
        }

        @Test
        void aTruncatedFileIsCorruption() throws IOException {
            try (FileChannel ch = FileChannel.open(dir.resolve(TableMeta.fileName(1)), StandardOpenOption.WRITE)) {
                ch.truncate(meta.size() - 1);
            }
            assertThrows(CorruptionException.class, () -> open());
        }

        @Test
        void aMissingFileIsCorruption() throws IOException {
            Files.delete(dir.resolve(TableMeta.fileName(1)));
            assertThrows(CorruptionException.class, () -> open());
        }
    }

    @Nested
    class Bloom {
        @Test
        void neverANegativeForAnAddedKeyAndFewFalsePositives() {
            Random r = new Random(3);
            int n = 20_000;
            long[] hashes = new long[n];
            for (int i = 0; i < n; i++) {
                hashes[i] = BloomFilter.hash(key(i));
            }
            BloomFilter f = BloomFilter.deserialize(BloomFilter.build(hashes, n, 10).serialize(), "test");
            for (long h : hashes) {
                assertTrue(f.mayContain(h));
            }
            int fp = 0;
            for (int i = 0; i < 100_000; i++) {
                byte[] k = new byte[16];
                r.nextBytes(k);
                if (f.mayContain(BloomFilter.hash(k))) {
                    fp++;
                }
            }
            assertTrue(fp < 2500, "false positive rate " + fp / 1000.0 + "%");
        }

        @Test
        void aMalformedFilterIsCorruption() {
            assertThrows(CorruptionException.class, () -> BloomFilter.deserialize(new byte[10], "test"));
        }
    }
}
