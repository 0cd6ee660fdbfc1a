package io.mynode.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyRangeTests {
    static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void prefixEndIncrementsTheLastByteThatCan() {
        assertArrayEquals(b(1, 3), Keys.prefixEnd(b(1, 2)).orElseThrow());
        assertArrayEquals(b(2), Keys.prefixEnd(b(1, 0xff)).orElseThrow());
        assertTrue(Keys.prefixEnd(b(0xff, 0xff)).isEmpty());
        assertTrue(Keys.prefixEnd(b()).isEmpty());
    }

    @Test
    void containsHonoursInclusiveAndExclusiveEnds() {
        KeyRange r = new KeyRange(b(2), false, b(5), true);
        assertFalse(r.contains(b(2)));
        assertTrue(r.contains(b(2, 0)));
        assertTrue(r.contains(b(5)));
        assertFalse(r.contains(b(5, 0)));
        assertTrue(KeyRange.all().contains(b()));
    }

    @Test
    void prefixRangeOfAllOnesIsUnboundedAbove() {
        KeyRange r = KeyRange.prefix(b(0xff));
        assertTrue(r.contains(b(0xff, 0xff, 0xff)));
        assertFalse(r.contains(b(0xfe, 0xff)));
    }

    @Test
    void unsignedOrderPutsHighBytesLast() {
        assertTrue(Keys.compare(b(0x7f), b(0x80)) < 0);
        assertTrue(Keys.compare(b(0x01), b(0x01, 0x00)) < 0);
    }
}
