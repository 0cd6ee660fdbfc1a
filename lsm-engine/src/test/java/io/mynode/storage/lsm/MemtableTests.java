package io.mynode.storage.lsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import io.mynode.kernel.storage.Keys;
import org.junit.jupiter.api.Test;

class MemtableTests {
    private static final byte[] DELETED = new byte[0];

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> walk(Memtable m, long seq, boolean ascending, String bound, boolean inclusive) {
        List<String> out = new ArrayList<>();
        for (Memtable.Walk w = m.new Walk(seq, ascending, bound == null ? null : b(bound), inclusive); w.valid(); w.advance()) {
            out.add(new String(w.key(), StandardCharsets.UTF_8) + "=" + (w.isDelete() ? "X" : new String(w.value(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void eachReaderSeesTheNewestVersionAtItsSequence() {
        Memtable m = new Memtable(1 << 20);
        m.put(b("apple"), 2, b("green"));
        m.put(b("pear"), 3, b("hard"));
        m.put(b("apple"), 4, null);
        m.put(b("apple"), 9, b("red"));
        assertNull(m.get(b("apple"), 1, DELETED));
        assertArrayEquals(b("green"), m.get(b("apple"), 3, DELETED));
        assertSame(DELETED, m.get(b("apple"), 5, DELETED));
        assertArrayEquals(b("red"), m.get(b("apple"), 9, DELETED));
        assertNull(m.get(b("apricot"), 9, DELETED));
        assertEquals(List.of("apple=green", "pear=hard"), walk(m, 3, true, null, true));
        assertEquals(List.of("pear=hard", "apple=X"), walk(m, 5, false, null, true));
        assertEquals(List.of("apple=red"), walk(m, 9, false, "pear", false));
        assertEquals(List.of("pear=hard"), walk(m, 9, true, "apple", false));
        assertEquals(List.of(), walk(m, 1, false, null, true));
    }

    @Test
    void packedKeysKeepUnsignedByteOrderIncludingZeroExtensions() {
        List<byte[]> keys = new ArrayList<>();
        Random r = new Random(23);
        for (int len = 1; len <= 18; len++) {
            for (int i = 0; i < 8; i++) {
                byte[] k = new byte[len];
                for (int j = 0; j < len; j++) {
                    k[j] = (byte) new int[] {0x00, 0x01, 0x7F, 0x80, 0xFF}[r.nextInt(5)];
                }
                keys.add(k);
            }
        }
        keys.add(new byte[] {'a'});
        keys.add(new byte[] {'a', 0});
        keys.add(new byte[] {'a', 0, 0, 0, 0, 0, 0, 0});
        keys.add(new byte[] {'a', 0, 0, 0, 0, 0, 0, 0, 0});
        Memtable m = new Memtable(1 << 20);
        TreeMap<byte[], byte[]> model = new TreeMap<>(Keys.ORDER);
        long seq = 1;
        for (byte[] k : keys) {
            m.put(k, seq++, k);
            model.put(k, k);
        }
        List<byte[]> walked = new ArrayList<>();
        for (Memtable.Walk w = m.new Walk(seq, true, null, true); w.valid(); w.advance()) {
            walked.add(w.key());
            assertArrayEquals(w.key(), w.value());
        }
        assertEquals(model.size(), walked.size());
        int i = 0;
        for (byte[] k : model.keySet()) {
            assertArrayEquals(k, walked.get(i++));
            assertArrayEquals(k, m.get(k, seq, DELETED));
        }
    }

    @Test
    void aLaterWriteInTheSameBatchWins() {
        Memtable m = new Memtable(1 << 20);
        m.put(b("k"), 7, b("first"));
        m.put(b("k"), 7, b("second"));
        assertArrayEquals(b("second"), m.get(b("k"), 7, DELETED));
        assertEquals(List.of("k=second"), walk(m, 7, true, null, true));
    }

    @Test
    void manyRandomVersionsMatchAModelInBothDirections() {
        Random r = new Random(19);
        Memtable m = new Memtable(64 << 10); // small chunks, and some entries bigger than a chunk
        List<TreeMap<byte[], byte[]>> models = new ArrayList<>();
        TreeMap<byte[], byte[]> model = new TreeMap<>(Keys.ORDER);
        for (int seq = 1; seq <= 3000; seq++) {
            byte[] k = b("k" + r.nextInt(500));
            byte[] v = r.nextInt(10) == 0 ? null : new byte[r.nextInt(50) == 0 ? 20_000 : r.nextInt(30)];
            if (v != null) {
                r.nextBytes(v);
                model.put(k, v);
            } else {
                model.remove(k);
            }
            m.put(k, seq, v);
            if (seq % 500 == 0) {
                models.add(new TreeMap<>(model));
            }
        }
        for (int i = 0; i < models.size(); i++) {
            long seq = 500L * (i + 1);
            TreeMap<byte[], byte[]> expected = models.get(i);
            List<byte[]> up = new ArrayList<>();
            for (Memtable.Walk w = m.new Walk(seq, true, null, true); w.valid(); w.advance()) {
                if (!w.isDelete()) {
                    assertArrayEquals(expected.get(w.key()), w.value());
                    up.add(w.key());
                }
            }
            assertEquals(expected.size(), up.size());
            int n = up.size();
            for (Memtable.Walk w = m.new Walk(seq, false, null, true); w.valid(); w.advance()) {
                if (!w.isDelete()) {
                    assertArrayEquals(up.get(--n), w.key());
                }
            }
            assertEquals(0, n);
            for (var e : expected.entrySet()) {
                assertArrayEquals(e.getValue(), m.get(e.getKey(), seq, DELETED));
            }
        }
        assertTrue(m.bytes() > 0);
        assertEquals(3000, m.entries());
    }
}
