package io.mynode.storage.lsm.sstable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.CorruptionException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockTests {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Block build(int restart, String... keys) {
        BlockBuilder builder = new BlockBuilder(restart);
        for (String k : keys) {
            byte[] v = b("v:" + k);
            builder.add(b(k), Block.KIND_PUT, v, 0, v.length);
        }
        return new Block(builder.finish(), "test");
    }

    @Test
    void prefixCompressionShrinksSharedPrefixes() {
        BlockBuilder shared = new BlockBuilder(16);
        BlockBuilder full = new BlockBuilder(1);
        for (int i = 0; i < 100; i++) {
            byte[] k = b("a-long-common-prefix/" + (1000 + i));
            shared.add(k, Block.KIND_PUT, k, 0, 0);
            full.add(k, Block.KIND_PUT, k, 0, 0);
        }
        assertTrue(shared.finish().length < full.finish().length / 2);
    }

    @Test
    void seekFindsTheFirstKeyAtOrAfterTheTarget() {
        Block block = build(3, "apple", "apricot", "banana", "blueberry", "cherry", "date", "fig");
        Block.Cursor c = block.cursor();
        c.seek(b("b"));
        assertArrayEquals(b("banana"), c.key());
        assertArrayEquals(b("v:banana"), c.value());
        c.seek(b("cherry"));
        assertArrayEquals(b("cherry"), c.key());
        c.seek(b("a"));
        assertArrayEquals(b("apple"), c.key());
        c.seek(b("zzz"));
        assertFalse(c.valid());
    }

    @Test
    void cursorsWalkForwardAndBackAcrossRestarts() {
        Random r = new Random(5);
        for (int restart : new int[] {1, 2, 3, 16}) {
            String[] keys = new String[50];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = String.format("k%04d", i * 3 + r.nextInt(3));
            }
            Block.Cursor c = build(restart, keys).cursor();
            int n = 0;
            for (c.seekToFirst(); c.valid(); c.next()) {
                assertArrayEquals(b(keys[n++]), c.key());
            }
            assertEquals(keys.length, n);
            for (c.seekToLast(); c.valid(); c.prev()) {
                assertArrayEquals(b(keys[--n]), c.key(), "restart " + restart);
            }
            assertEquals(0, n);
        }
    }

    @Test
    void garbageIsCorruptionNotACrash() {
        Random r = new Random(11);
        int failures = 0;
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[8 + r.nextInt(200)];
            r.nextBytes(junk);
            Block.putInt(junk, junk.length - 4, r.nextInt(4));
            try {
                Block.Cursor c = new Block(junk, "junk").cursor();
                for (c.seekToFirst(); c.valid(); c.next()) {
                    c.key();
                }
            } catch (CorruptionException expected) {
                failures++;
            }
        }
        assertTrue(failures > 0);
        assertThrows(CorruptionException.class, () -> new Block(new byte[] {1, 2}, "short"));
    }
}
