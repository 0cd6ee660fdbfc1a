package io.mynode.kernel.consensus;

import io.mynode.kernel.config.HostPort;
import java.util.Objects;

/**
 * A change an operator asks of a running cluster ({@code mynode-admin}): add a node, remove one,
 * or move leadership. Any node takes the request; consensus carries it out on the leader, one
 * membership change at a time. What each does exactly, and when it is refused, is the consensus
 * provider's to say (Raft's package documentation).
 */
public sealed interface MembershipChange {

    /** The node the change is about. */
    String nodeId();

    /**
     * Adds {@code nodeId}, which its peers and clients reach at {@code address}, as a learner that
     * is made a voter once it has caught up. The node itself is started with {@code cluster.join}.
     */
    record AddNode(String nodeId, HostPort address) implements MembershipChange {
        public AddNode {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(address, "address");
        }
    }

    /** Removes {@code nodeId}; removing the leader first hands leadership to another voter. */
    record RemoveNode(String nodeId) implements MembershipChange {
        public RemoveNode {
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /** Makes voter {@code nodeId} the leader. */
    record TransferLeader(String nodeId) implements MembershipChange {
        public TransferLeader {
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }
}
