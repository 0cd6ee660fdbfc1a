package io.mynode.raft.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A node's role and the state only that role has. */
sealed interface Role {

    String name();

    /** Follows {@code leader} (null when none is known in this term). */
    record Follower(String leader) implements Role {
        @Override
        public String name() {
            return "follower";
        }
    }

    /** Campaigning; {@code pre} while only asking for pre-votes. Mutable vote tallies. */
    record Candidate(boolean pre, Set<String> granted, Set<String> rejected) implements Role {
        Candidate(boolean pre) {
            this(pre, new HashSet<>(), new HashSet<>());
        }

        @Override
        public String name() {
            return pre ? "pre-candidate" : "candidate";
        }
    }

    /**
     * Leading: per-follower progress, the read-index machinery and the read lease. Every heartbeat
     * broadcast is a numbered round; a read gets the commit index and the number of the next round,
     * and once a quorum has echoed that round every read of it is confirmed (the leader was still
     * leader after the read arrived). With leases on, the send time of each recent round is kept,
     * so that an echo tells when the follower's promise not to vote began.
     */
    final class Leader implements Role {
        /** Send times kept for this many recent rounds; an echo of an older round extends no lease. */
        static final int ROUNDS = 64;

        final Map<String, Progress> progress = new HashMap<>();
        /** Reads that arrived before an entry of this term was committed. */
        final List<PendingRead> waiting = new ArrayList<>();
        /** Reads with an index and a round, oldest first. */
        final List<PendingRead> reads = new ArrayList<>();
        /** The last heartbeat round sent. */
        long round;
        /** Monotonic send time of round r, at {@code r % ROUNDS}. */
        final long[] roundSentAt = new long[ROUNDS];
        /**
         * Reads joined round {@code round + 1} since the last broadcast: that round's heartbeat is
         * sent once, at {@link Node#drain()}, however many reads arrived in between.
         */
        boolean readRoundOpen;
        /** Whether {@link #leaseUntil} holds: false until a quorum echoed a round of this leadership. */
        boolean leased;
        /** The lease ends at this monotonic time (compare by difference: nanoTime may be negative). */
        long leaseUntil;
        int checkQuorumElapsed;
        boolean committedInTerm;

        @Override
        public String name() {
            return "leader";
        }
    }

    /** Read requests from {@code from} (this node or a follower) confirmed together. */
    record PendingRead(String from, List<Long> ids, long index, long seq) {}
}
