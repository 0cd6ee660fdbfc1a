package io.mynode.raft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.raft.Linearizability.Op;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LinearizabilityTests {

    private static Op write(String v, long invoke, long response) {
        return new Op("k", true, v, invoke, response, "c");
    }

    private static Op read(String v, long invoke, long response) {
        return new Op("k", false, v, invoke, response, "c");
    }

    @Nested
    class Accepts {
        @Test
        void sequentialWritesAndReads() {
            assertTrue(Linearizability.check(List.of(read(null, 1, 2), write("1", 3, 4), read("1", 5, 6))).isEmpty());
        }

        @Test
        void aReadOverlappingAWriteSeeingEitherValue() {
            assertTrue(Linearizability.check(List.of(write("1", 1, 2), write("2", 3, 10), read("1", 4, 5), read("2", 6, 7)))
                    .isEmpty());
        }

        @Test
        void anUnknownWriteThatTookEffectLate() {
            assertTrue(Linearizability.check(List.of(write("1", 1, Op.UNKNOWN), read(null, 2, 3), read("1", 20, 21)))
                    .isEmpty());
        }

        @Test
        void anUnknownWriteThatNeverTookEffect() {
            assertTrue(Linearizability.check(List.of(write("1", 1, Op.UNKNOWN), write("2", 5, 6), read("2", 7, 8))).isEmpty());
        }

        @Test
        void independentKeys() {
            assertTrue(Linearizability.check(List.of(new Op("a", true, "1", 1, 2, "c"), new Op("b", false, null, 3, 4, "c")))
                    .isEmpty());
        }
    }

    @Nested
    class Rejects {
        @Test
        void aStaleRead() {
            assertFalse(Linearizability.check(List.of(write("1", 1, 2), write("2", 3, 4), read("1", 5, 6))).isEmpty());
        }

        @Test
        void aReadOfAValueNeverWritten() {
            assertFalse(Linearizability.check(List.of(write("1", 1, 2), read("9", 3, 4))).isEmpty());
        }

        @Test
        void aLostAcknowledgedWrite() {
            assertFalse(Linearizability.check(List.of(write("1", 1, 2), read(null, 3, 4))).isEmpty());
        }

        @Test
        void readsThatSeeTheNewValueAndThenTheOld() {
            assertFalse(Linearizability.check(List.of(write("1", 1, 2), write("2", 3, 20), read("2", 4, 5), read("1", 6, 7)))
                    .isEmpty());
        }
    }

    @Test
    void aLongConcurrentHistoryIsCheckedQuickly() {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ops.add(write("v" + i, i * 10L, i * 10L + 15));
            ops.add(read("v" + i, i * 10L + 16, i * 10L + 17));
        }
        long start = System.nanoTime();
        assertTrue(Linearizability.check(ops).isEmpty());
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }
}
