package io.mynode.raft.core;

/**
 * Tuning of the core, in ticks and bytes, plus the one setting in real time: the read lease.
 *
 * @param electionTicks minimum election timeout; each timeout is drawn from [n, 2n), up to [n, 9n) after failed elections in a row
 * @param heartbeatTicks how often a leader sends heartbeats; must be below electionTicks
 * @param maxAppendBytes soft cap on the entries carried by one append message
 * @param maxInflight append messages a leader pipelines to one follower before waiting for acks
 * @param snapshotChunkBytes bytes of snapshot per InstallSnapshot message
 * @param preVote whether candidates first ask for pre-votes without raising their term
 * @param checkQuorum whether a leader that has not heard from a quorum for an election timeout steps down
 * @param leaseNanos how long, on the node's monotonic clock, a leader may answer reads without a
 *     heartbeat round after sending a heartbeat that a quorum acknowledged; 0 turns leases off.
 *     Needs {@code checkQuorum} (followers' refusal to vote is what makes the lease hold) and
 *     must not exceed {@link #safeLeaseNanos(int, long)} for the driver's tick length: the core
 *     counts ticks and cannot check that itself.
 */
public record RaftConfig(
        int electionTicks,
        int heartbeatTicks,
        long maxAppendBytes,
        int maxInflight,
        int snapshotChunkBytes,
        boolean preVote,
        boolean checkQuorum,
        long leaseNanos) {

    public RaftConfig {
        if (electionTicks < 2 || heartbeatTicks < 1 || heartbeatTicks >= electionTicks) {
            throw new IllegalArgumentException("need 1 <= heartbeat ticks < election ticks, got "
                    + heartbeatTicks + " and " + electionTicks);
        }
        if (maxAppendBytes < 1 || maxInflight < 1 || snapshotChunkBytes < 1) {
            throw new IllegalArgumentException("append bytes, inflight and chunk bytes must be positive");
        }
        if (leaseNanos < 0 || (leaseNanos > 0 && !checkQuorum)) {
            throw new IllegalArgumentException("a read lease needs check-quorum and a non-negative length, got "
                    + leaseNanos + " ns with checkQuorum=" + checkQuorum);
        }
    }

    /** Ticks only, no lease: the core alone does not know how long a tick is. */
    public static RaftConfig defaults() {
        return new RaftConfig(10, 2, 1 << 20, 64, 1 << 20, true, true, 0);
    }

    /**
     * The longest lease that is safe with ticks of {@code tickNanos}: 90% of
     * {@code (electionTicks - 2)} ticks; 0 (no lease) when {@code electionTicks < 3}.
     *
     * <p>Why: a follower that acknowledged a heartbeat refuses (pre-)votes until {@code
     * electionTicks} of its ticks have passed since it received it (see {@code Node}). The driver's
     * {@code Ticker} fires a tick only once it is due, and then sets the next one due at least one
     * interval later and after the moment this one fired (it drops missed ticks, never bursts
     * them). So the first tick after the receipt may come at once, the second comes after the first
     * fired, hence after the receipt, and each later one at least an interval after the one before:
     * the electionTicks-th tick, which ends the refusal, comes more than {@code (electionTicks - 2)}
     * intervals of real time after the receipt. The receipt is after the leader sent the heartbeat,
     * which is where the lease starts. Ticks run slower than real time when a thread stalls, never
     * faster, so a stall only lengthens the refusal. The 10% taken off covers clock rate
     * differences between machines (real ones drift by parts per million) and rounding.
     */
    public static long safeLeaseNanos(int electionTicks, long tickNanos) {
        if (electionTicks < 3 || tickNanos <= 0) {
            return 0;
        }
        long window = (electionTicks - 2) * tickNanos;
        return window - window / 10;
    }
}
