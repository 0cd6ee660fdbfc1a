package io.mynode.kernel.consensus;

import java.util.concurrent.CompletableFuture;

/**
 * Replicates commands into the state machine of every node. Callable on any node: a node that
 * does not lead forwards to the one that does.
 *
 * <p>Futures fail with members of the kernel error family: {@code UnavailableException} when
 * nothing was logged (no leader within the retry budget), {@code OutcomeUnknownException} when the
 * command may have been logged but its outcome could not be learnt. They never fail with a
 * silent duplicate: retries reuse the command's client id and sequence.
 *
 * <p>Futures may be completed on the implementation's own thread (Raft's, to save a thread
 * hand-off per request): block on them, or chain with the {@code *Async} methods; an action
 * attached with a plain {@code thenApply} would run on, and could stall, consensus itself.
 */
public interface Consensus extends AutoCloseable {

    /**
     * Proposes {@code payload}; completes once it is committed and applied on this node (so a
     * read on this node afterwards sees it), with the commit index and the state machine's result.
     */
    CompletableFuture<Applied> propose(byte[] payload);

    /**
     * A linearizable read point: completes with an index such that every write acknowledged
     * before this call is at or below it, once this node's state machine has applied it.
     */
    CompletableFuture<Long> readIndex();

    /** This node's view of the cluster; cheap. */
    ConsensusStatus status();

    /**
     * Asks the cluster to change its membership or leader; callable on any node. Completes with
     * this node's status once the change is done: the new configuration committed and applied
     * here, or the new leader in place. Fails with {@code InvalidInputException} for a request the
     * cluster refuses (an id already present, the last voter, another change in progress, a node
     * that is not a member), {@code UnavailableException} when no leader took it in time, and
     * {@code OutcomeUnknownException} when it was taken but its outcome could not be learnt. The
     * default refuses: a consensus of one node has no membership to change.
     */
    default CompletableFuture<ConsensusStatus> changeMembership(MembershipChange change) {
        return CompletableFuture.failedFuture(new io.mynode.kernel.error.InvalidInputException(
                "this node's consensus (" + status().role() + " " + status().nodeId() + ") has no membership to change"));
    }

    @Override
    void close();
}
