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
     * Leading: per-follower progress (voters, learners, and nodes a change removed until they have
     * that change), reads with their heartbeat rounds and lease, and any leadership transfer.
     */
    final class Leader implements Role {
        final Map<String, Progress> progress = new HashMap<>();
        /**
         * Nodes the latest configuration removed, by the index of the entry that removed them: the
         * leader goes on sending them the log until they hold that entry, so they learn of it.
         */
        final Map<String, Long> leaving = new HashMap<>();
        /** The voter leadership is being handed to, or null. */
        String transferTarget;
        int transferElapsed;
        boolean timeoutNowSent;
        /**
         * No lease reads for the rest of this term: set when a transfer starts, since the target's
         * election asks voters to break the promise the lease rests on.
         */
        boolean leaseForfeited;
        /** The last final answer to each node's change request, resent for a duplicate of it. */
        final Map<String, Map.Entry<Long, ChangeResult>> answered = new HashMap<>();
        /** Reads that arrived before an entry of this term was committed. */
        final List<PendingRead> waiting = new ArrayList<>();
        final ReadRounds reads;
        int checkQuorumElapsed;
        boolean committedInTerm;

        Leader(ReadRounds reads) {
            this.reads = reads;
        }

        @Override
        public String name() {
            return "leader";
        }
    }

    /** Read requests from {@code from} (this node or a follower) confirmed together. */
    record PendingRead(String from, List<Long> ids, long index, long seq) {}
}
