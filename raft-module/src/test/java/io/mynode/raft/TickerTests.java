package io.mynode.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The driver's wall-clock-to-ticks rule ({@link Ticker}). */
class TickerTests {
    private static final long MS = 1_000_000;

    /** How many ticks the driver's loop delivers at {@code now} with no input: it ticks once per iteration. */
    private static int burstAt(Ticker t, long now) {
        int n = 0;
        while (t.tickDue(now)) {
            n++;
        }
        return n;
    }

    @Nested
    class OnTime {
        @Test
        void ticksOncePerInterval() {
            Ticker t = new Ticker(20 * MS, 0);
            assertFalse(t.tickDue(19 * MS));
            assertEquals(1 * MS, t.nanosUntilDue(19 * MS));
            assertTrue(t.tickDue(20 * MS));
            assertFalse(t.tickDue(20 * MS));
            assertEquals(0, t.nanosUntilDue(40 * MS));
            assertTrue(t.tickDue(40 * MS));
        }

        @Test
        void aSlightlyLateTickKeepsTheCadence() {
            Ticker t = new Ticker(20 * MS, 0);
            assertTrue(t.tickDue(25 * MS));
            assertFalse(t.tickDue(39 * MS));
            assertTrue(t.tickDue(40 * MS), "the next tick is due on the original schedule");
        }
    }

    @Nested
    class AfterAStall {
        @Test
        void deliversOneTickNotABurst() {
            // The old rule delivered every missed tick up to 10 of them, one per loop iteration
            // without waiting: 9 here, nearly a whole minimum election timeout at once.
            Ticker t = new Ticker(20 * MS, 0);
            assertEquals(1, burstAt(t, 190 * MS));
        }

        @Test
        void countsTheNextTickAFullIntervalFromTheEndOfTheStall() {
            Ticker t = new Ticker(20 * MS, 0);
            assertTrue(t.tickDue(190 * MS));
            assertEquals(20 * MS, t.nanosUntilDue(190 * MS));
            assertFalse(t.tickDue(209 * MS));
            assertTrue(t.tickDue(210 * MS));
        }

        @Test
        void longStallsAlsoYieldOneTick() {
            Ticker t = new Ticker(20 * MS, 0);
            assertEquals(1, burstAt(t, 5_000 * MS));
            assertEquals(1, burstAt(t, 5_020 * MS));
        }
    }

    @Test
    void worksAcrossTheNanoTimeWrap() {
        Ticker t = new Ticker(20 * MS, Long.MAX_VALUE - 10 * MS);
        assertFalse(t.tickDue(Long.MAX_VALUE));
        assertTrue(t.tickDue(Long.MAX_VALUE + 10 * MS));
    }

    @Test
    void rejectsANonPositiveInterval() {
        assertThrows(IllegalArgumentException.class, () -> new Ticker(0, 0));
    }
}
