package io.mynode.kernel.error;

/**
 * The closed set of failure kinds a caller can act on. Every {@link MynodeException} has exactly
 * one kind; transports send the kind and the message across the wire and rebuild the same
 * exception on the other side with {@link MynodeException#of(ErrorKind, SqlState, String)}. A kind
 * is coarser than a {@link SqlState}: {@link #CONSTRAINT} is unique, foreign-key or not-null
 * violation, each with its own code.
 */
public enum ErrorKind {
    /** The operation was abandoned (e.g. leader changed before it was proposed); safe to retry. */
    ABORTED(true, SqlState.TRANSACTION_ROLLBACK),
    /** The request itself is wrong; retrying the same request fails the same way. */
    INVALID_INPUT(false, SqlState.DATA_EXCEPTION),
    /** SQL text that does not parse. */
    SYNTAX(false, SqlState.SYNTAX_ERROR),
    /** SQL that parses but names unknown things or mixes types. */
    SEMANTIC(false, SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION),
    /** A constraint (primary key, unique, not null, foreign key) would be violated. */
    CONSTRAINT(false, SqlState.INTEGRITY_CONSTRAINT_VIOLATION),
    /** A configuration key or value is wrong. */
    CONFIG(false, SqlState.CONFIG_FILE_ERROR),
    /** Stored data failed its checksum or structure check; it is never served. */
    CORRUPTION(false, SqlState.DATA_CORRUPTED),
    /** An I/O operation on local storage failed. */
    IO(false, SqlState.IO_ERROR),
    /** A write was attempted in a read-only transaction or on a read-only view. */
    READ_ONLY(false, SqlState.READ_ONLY_SQL_TRANSACTION),
    /** A serializable transaction conflicted with a concurrent commit; retry it from the start. */
    SERIALIZATION(true, SqlState.SERIALIZATION_FAILURE),
    /** No quorum, no leader or the node is shutting down; retry later. */
    UNAVAILABLE(true, SqlState.CONNECTION_FAILURE),
    /** The request may or may not have taken effect; the caller must check before retrying. */
    OUTCOME_UNKNOWN(false, SqlState.TRANSACTION_RESOLUTION_UNKNOWN),
    /** A bug: an invariant of mynode itself was broken. */
    INTERNAL(false, SqlState.INTERNAL_ERROR);

    private final boolean retryable;
    private final SqlState sqlState;

    ErrorKind(boolean retryable, SqlState sqlState) {
        this.retryable = retryable;
        this.sqlState = sqlState;
    }

    /**
     * The SQLSTATE of an error of this kind whose thrower named no more precise one: the class
     * the kind belongs to ({@code 23000} for a constraint), or the one code it always means
     * ({@code 40001} for a serialization failure).
     */
    public SqlState defaultSqlState() {
        return sqlState;
    }

    /** Whether repeating the same request may succeed without the caller changing anything. */
    public boolean retryable() {
        return retryable;
    }
}
