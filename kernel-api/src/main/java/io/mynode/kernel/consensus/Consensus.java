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

    @Override
    void close();
}
