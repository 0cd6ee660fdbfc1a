package io.mynode.raft.core;

import java.util.Optional;

/** What the core asks its driver to do; drained with {@link Node#drain()}. */
public sealed interface Effect {

    /** Send after the log is synced. */
    record Send(Envelope envelope) implements Effect {}

    /** This node's role or known leader changed; for status and for retrying forwarded requests. */
    record RoleChange(String role, long term, Optional<String> leader) implements Effect {}

    /** Read request {@code id} may be served once the local state machine has applied {@code index}. */
    record ReadReady(long id, long index) implements Effect {}

    /** A peer's message was dropped unread: a number in it is out of {@link Bounds}; for a warning. */
    record Dropped(Envelope envelope, String reason) implements Effect {}
    /** The leader's answer to change request {@code id} ({@link Node#requestChange}). */
    record ChangeAnswered(long id, ChangeResult result) implements Effect {}
}
