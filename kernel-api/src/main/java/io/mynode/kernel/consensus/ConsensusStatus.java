package io.mynode.kernel.consensus;

import java.util.Map;
import java.util.Optional;

/**
 * A node's view of consensus, as {@code !status} shows it.
 *
 * @param nodeId this node
 * @param role leader, follower, candidate, ... (free text for display)
 * @param leader the leader this node knows of, if any
 * @param term the current term
 * @param commitIndex the highest index known committed
 * @param appliedIndex the highest index applied to the state machine here
 * @param matchIndex the leader's match index per node (only filled on the leader)
 */
public record ConsensusStatus(
        String nodeId,
        String role,
        Optional<String> leader,
        long term,
        long commitIndex,
        long appliedIndex,
        Map<String, Long> matchIndex) {}
