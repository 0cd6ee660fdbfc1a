package io.mynode.raft;

/**
 * Turns the driver's wall clock into Raft ticks: one tick per interval of time in which the
 * node's thread was actually running, never a burst of catch-up ticks.
 *
 * <p>Why missed ticks are dropped: a tick counts towards an election timeout, and a timeout means
 * "I waited this long and heard nothing". While the thread was stalled (its own fsync, a GC pause,
 * a starved CPU) it could not hear anything, so that time is no evidence of a dead leader or a
 * lost election. Delivering it afterwards as a burst fires the timer before any answer can
 * arrive: a candidate that blocked 180 ms persisting its vote would get 9 of its 10 to 19 ticks
 * at once, right after sending its requests, and time out while the voters are still fsyncing
 * their grants. On an overloaded machine every election then ends that way and no leader is ever
 * elected. Dropping ticks only ever slows logical time; Raft's safety does not depend on timing,
 * so this trades nothing for the liveness. The one timing-dependent feature, the read lease, is
 * measured on the monotonic clock instead, precisely because dropped ticks would make a leader
 * paused for seconds believe its lease still held; followers' vote refusals may count ticks,
 * since slower ticks only make them last longer.
 * Go's {@code time.Ticker}, which etcd's Raft is driven by, drops ticks for a slow receiver alike.
 *
 * <p>Not thread-safe: owned by the driver's thread.
 */
final class Ticker {
    private final long intervalNanos;
    private long next;

    Ticker(long intervalNanos, long nowNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("tick interval must be positive, got " + intervalNanos + " ns");
        }
        this.intervalNanos = intervalNanos;
        this.next = nowNanos + intervalNanos;
    }

    /** How long the driver may wait for input before the next tick is due; 0 when it is due. */
    long nanosUntilDue(long nowNanos) {
        return Math.max(0, next - nowNanos);
    }

    /**
     * True, at most once per call, when a tick is due at {@code nowNanos}. A tick that is late by
     * less than one interval keeps the cadence; if a whole interval or more was missed, the missed
     * ticks are dropped and the next one is due a full interval from now.
     */
    boolean tickDue(long nowNanos) {
        if (nowNanos - next < 0) {
            return false;
        }
        next += intervalNanos;
        if (nowNanos - next >= 0) {
            next = nowNanos + intervalNanos;
        }
        return true;
    }
}
