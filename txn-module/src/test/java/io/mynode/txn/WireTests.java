package io.mynode.txn;

import static io.mynode.txn.Fixture.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.storage.KeyRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTests {

    @Test
    void aCommitRoundTrips() {
        Wire.Commit c = new Wire.Commit(7, 100, List.of(b("r1"), b("r2")),
                List.of(KeyRange.all(), new KeyRange(b("a"), false, b("z"), true)),
                List.of(new Wire.Write(b("k"), b("v")), new Wire.Write(b("gone"), null)));
        Wire.Commit back = (Wire.Commit) Wire.decodeRequest(Wire.encode(c));
        assertEquals(7, back.snapshot());
        assertEquals(100, back.retention());
        assertArrayEquals(b("r2"), back.reads().get(1));
        assertEquals(c.ranges(), back.ranges());
        assertArrayEquals(b("v"), back.writes().get(0).value());
        assertNull(back.writes().get(1).value());
    }

    @Test
    void outcomesRoundTrip() {
        for (Wire.Outcome o : List.of(new Wire.Committed(5), new Wire.Conflict("c"), new Wire.Rejected("r"), new Wire.IdBlock(1025))) {
            assertEquals(o, Wire.decodeOutcome(Wire.encode(o)));
        }
    }

    @Test
    void damagedInputIsACorruptionNeverAHugeAllocation() {
        // [1, 0, 0, <array of 2^31-1 reads>]
        byte[] hugeCount = {(byte) 0x96, 1, 0, 0, (byte) 0xdd, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(CorruptionException.class, () -> Wire.decodeRequest(hugeCount));
        // [1, 0, 0, [<bin of 2^31-1 bytes>]]
        byte[] hugeBinary = {(byte) 0x96, 1, 0, 0, (byte) 0x91, (byte) 0xc6, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(CorruptionException.class, () -> Wire.decodeRequest(hugeBinary));
        byte[] good = Wire.encode(new Wire.AllocateIds(3));
        assertThrows(CorruptionException.class, () -> Wire.decodeRequest(java.util.Arrays.copyOf(good, good.length - 1)));
        assertThrows(CorruptionException.class, () -> Wire.decodeRequest(java.util.Arrays.copyOf(good, good.length + 1)));
    }
}
