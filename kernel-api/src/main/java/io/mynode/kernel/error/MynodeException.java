package io.mynode.kernel.error;

/**
 * Root of the one small family of unchecked exceptions that public contracts throw. The family is
 * sealed so that a transport, a REPL or a retry loop can handle every case, and each member knows
 * whether a retry may help ({@link #retryable()}).
 *
 * <p>Implementations catch checked exceptions at their edge and wrap them with what was being done
 * ("reading page 812 of data/btree.db"), so the message alone lets a user act.
 */
public abstract sealed class MynodeException extends RuntimeException
        permits AbortedException, InvalidInputException, CorruptionException, StorageIoException,
                ReadOnlyException, SerializationFailure, UnavailableException,
                OutcomeUnknownException, InternalFailure {

    private static final long serialVersionUID = 1L;

    protected MynodeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The kind a caller dispatches on; stable across the wire. */
    public abstract ErrorKind kind();

    /** Whether the same request may succeed if repeated unchanged. */
    public final boolean retryable() {
        return kind().retryable();
    }

    /**
     * Rebuilds an exception of the given kind, as a transport does with an error that crossed the
     * wire. The stack trace is the receiver's; the message is the sender's.
     */
    public static MynodeException of(ErrorKind kind, String message) {
        return switch (kind) {
            case ABORTED -> new AbortedException(message);
            case INVALID_INPUT -> new InvalidInputException(message);
            case SYNTAX -> new SyntaxException(message);
            case SEMANTIC -> new SemanticException(message);
            case CONSTRAINT -> new ConstraintViolation(message);
            case CONFIG -> new ConfigException(message);
            case CORRUPTION -> new CorruptionException(message);
            case IO -> new StorageIoException(message, null);
            case READ_ONLY -> new ReadOnlyException(message);
            case SERIALIZATION -> new SerializationFailure(message);
            case UNAVAILABLE -> new UnavailableException(message);
            case OUTCOME_UNKNOWN -> new OutcomeUnknownException(message);
            case INTERNAL -> new InternalFailure(message, null);
        };
    }
}
