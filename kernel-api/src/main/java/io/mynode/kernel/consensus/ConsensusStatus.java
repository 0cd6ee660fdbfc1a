package io.mynode.kernel.consensus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's view of consensus, as {@code !status} shows it.
 *
 * @param nodeId this node
 * @param role leader, follower, candidate, learner, removed, joining, ... (free text for display)
 * @param leader the leader this node knows of, if any
 * @param term the current term
 * @param commitIndex the highest index known committed
 * @param appliedIndex the highest index applied to the state machine here
 * @param matchIndex the leader's match index per node (only filled on the leader)
 * @param members the cluster's configuration as this node knows it (the latest in its log), in
 *     order; empty for a node that has not joined yet, or a consensus without membership
 */
public record ConsensusStatus(
        String nodeId,
        String role,
        Optional<String> leader,
        long term,
        long commitIndex,
        long appliedIndex,
        Map<String, Long> matchIndex,
        List<ClusterMember> members) {

    public ConsensusStatus {
        members = List.copyOf(members);
    }

    /** A status without membership (a single node, tests). */
    public ConsensusStatus(String nodeId, String role, Optional<String> leader, long term, long commitIndex,
            long appliedIndex, Map<String, Long> matchIndex) {
        this(nodeId, role, leader, term, commitIndex, appliedIndex, matchIndex, List.of());
    }
}
