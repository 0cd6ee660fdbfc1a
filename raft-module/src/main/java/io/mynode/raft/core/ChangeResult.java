package io.mynode.raft.core;

/** What the leader made of a {@link Change}; reaches the requester as {@link Effect.ChangeAnswered}. */
public sealed interface ChangeResult {

    /**
     * A configuration entry was appended at {@code index} in {@code term}: the change is done once
     * that entry is committed, and lost if another entry replaces it there.
     */
    record Accepted(long index, long term) implements ChangeResult {}

    /**
     * Leadership is moving to {@code target}. For a {@link Change.Transfer} the change is done once
     * {@code target} leads; for a {@link Change.Remove} of the leader itself the request is to be
     * made again to the next leader.
     */
    record Transferring(String target) implements ChangeResult {}

    /** Nothing to do: the transfer's target already leads. */
    record Done() implements ChangeResult {}

    /**
     * Refused for good, with a reason for the user. {@code alreadyDone} when what was asked for
     * already holds (the node is a member at that address, or is not a member): a request that was
     * sent more than once may have been carried out by an earlier copy.
     */
    record Rejected(String reason, boolean alreadyDone) implements ChangeResult {}

    /** Not now (no leader yet, a transfer under way, the leader not yet committed in its term): ask again shortly. */
    record Retry(String reason) implements ChangeResult {}
}
