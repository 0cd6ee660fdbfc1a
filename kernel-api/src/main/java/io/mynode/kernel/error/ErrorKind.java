package io.mynode.kernel.error;

/**
 * The closed set of failure kinds a caller can act on. Every {@link MynodeException} has exactly
 * one kind; transports send the kind and the message across the wire and rebuild the same
 * exception on the other side with {@link MynodeException#of(ErrorKind, String)}.
 */
public enum ErrorKind {
    /** The operation was abandoned (e.g. leader changed before it was proposed); safe to retry. */
    ABORTED(true),
    /** The request itself is wrong; retrying the same request fails the same way. */
    INVALID_INPUT(false),
    /** SQL text that does not parse. */
    SYNTAX(false),
    /** SQL that parses but names unknown things or mixes types. */
    SEMANTIC(false),
    /** A constraint (primary key, unique, not null, foreign key) would be violated. */
    CONSTRAINT(false),
    /** A configuration key or value is wrong. */
    CONFIG(false),
    /** Stored data failed its checksum or structure check; it is never served. */
    CORRUPTION(false),
    /** An I/O operation on local storage failed. */
    IO(false),
    /** A write was attempted in a read-only transaction or on a read-only view. */
    READ_ONLY(false),
    /** A serializable transaction conflicted with a concurrent commit; retry it from the start. */
    SERIALIZATION(true),
    /** No quorum, no leader or the node is shutting down; retry later. */
    UNAVAILABLE(true),
    /** The request may or may not have taken effect; the caller must check before retrying. */
    OUTCOME_UNKNOWN(false),
    /** A bug: an invariant of mynode itself was broken. */
    INTERNAL(false);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether repeating the same request may succeed without the caller changing anything. */
    public boolean retryable() {
        return retryable;
    }
}
