package io.mynode.raft.core;

import java.util.ArrayDeque;

/**
 * A leader's knowledge of one follower (etcd's {@code Progress}): how far its log matches, what
 * to send next, and in which of three modes.
 *
 * <pre>
 *   PROBE ──success──► REPLICATE        (probe: one append at a time until a match is found;
 *     ▲                   │              replicate: pipeline up to maxInflight appends)
 *     └──reject/lost──────┘
 *   any ──next entry compacted──► SNAPSHOT ──installed──► PROBE
 * </pre>
 */
final class Progress {
    enum State { PROBE, REPLICATE, SNAPSHOT }

    State state = State.PROBE;
    long match;
    long next;
    /** Probe mode: an append is outstanding; wait for its answer or the next heartbeat reply. */
    boolean paused;
    /** Last index of each append in flight (replicate mode). */
    final ArrayDeque<Long> inflight = new ArrayDeque<>();
    /** Any sign of life since the last check-quorum round. */
    boolean recentActive;
    /** An append was acknowledged since the last heartbeat; if not, a missing tail is resent. */
    boolean ackedSinceHeartbeat;
    /** Highest heartbeat round this follower echoed. */
    long readSeq;
    /** Send time of round {@link #readSeq}; meaningful only when {@link #acked} (leases on). */
    long ackedSentAt;
    boolean acked;
    /** The commit index this follower can have learnt from what we sent (capped at what it held). */
    long commitSent;
    /**
     * The highest index whose commit this follower's clients wait for: the last of the commands
     * it forwarded, or a read index it was given. Below it, a new commit index waits for the
     * next append or heartbeat.
     */
    long commitAwaited;
    /**
     * For a node a change removed: the heartbeat round that first told it the removal committed
     * (0: not yet); once it echoes that round, the leader stops writing to it.
     */
    long removalTold;
    SnapshotMeta snapshot;
    /** The configuration in force at {@link #snapshot}'s index, sent with its chunks. */
    Configuration snapshotConfig;
    long snapshotOffset;
    boolean snapshotProgressed;

    Progress(long next) {
        this.next = next;
    }

    void becomeProbe() {
        state = State.PROBE;
        next = match + 1;
        paused = false;
        inflight.clear();
        snapshot = null;
        snapshotConfig = null;
    }

    void becomeReplicate() {
        state = State.REPLICATE;
        next = Math.max(next, match + 1);
        paused = false;
    }

    /** Records a successful append up to {@code index}; false if it tells nothing new. */
    boolean acknowledge(long index) {
        while (!inflight.isEmpty() && inflight.peekFirst() <= index) {
            inflight.pollFirst();
        }
        paused = false;
        if (index <= match) {
            return false;
        }
        match = index;
        next = Math.max(next, index + 1);
        ackedSinceHeartbeat = true;
        return true;
    }

    /**
     * Handles a rejection of the append at {@code rejected}; {@code hint} is where the leader's
     * log may match the follower's. False when the rejection is stale (reordered or duplicated).
     */
    boolean reject(long rejected, long hint) {
        if (state == State.REPLICATE) {
            if (rejected <= match) {
                return false;
            }
            becomeProbe();
            return true;
        }
        if (state == State.SNAPSHOT || rejected != next - 1) {
            return false;
        }
        next = Math.max(Math.min(rejected, hint + 1), match + 1);
        paused = false;
        return true;
    }

    @Override
    public String toString() {
        return state + " match=" + match + " next=" + next;
    }
}
