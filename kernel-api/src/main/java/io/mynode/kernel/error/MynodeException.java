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

    /**
     * The thrower's code; null means the kind's default. Transient: errors cross the wire as
     * kind, code and message, never by Java serialization.
     */
    private final transient SqlState sqlState;

    protected MynodeException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /** {@code sqlState} may be null: the kind's default then applies. */
    protected MynodeException(SqlState sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The kind a caller dispatches on; stable across the wire. */
    public abstract ErrorKind kind();

    /**
     * The SQLSTATE a client sees: the precise code the thrower gave ({@code 23505} for a
     * duplicate key), else the kind's {@link ErrorKind#defaultSqlState() default}. Stable across
     * the wire, as the kind is.
     */
    public final SqlState sqlState() {
        return sqlState != null ? sqlState : kind().defaultSqlState();
    }

    /** Whether the same request may succeed if repeated unchanged. */
    public final boolean retryable() {
        return kind().retryable();
    }

    /**
     * Rebuilds an exception of the given kind, as a transport does with an error that crossed the
     * wire. The stack trace is the receiver's; the message is the sender's.
     */
    public static MynodeException of(ErrorKind kind, String message) {
        return of(kind, null, message);
    }

    /**
     * Rebuilds an exception of the given kind and SQLSTATE ({@code null}: the kind's default), as
     * a transport does with an error that crossed the wire.
     */
    public static MynodeException of(ErrorKind kind, SqlState sqlState, String message) {
        return switch (kind) {
            case ABORTED -> new AbortedException(sqlState, message);
            case INVALID_INPUT -> new InvalidInputException(sqlState, message);
            case SYNTAX -> new SyntaxException(sqlState, message);
            case SEMANTIC -> new SemanticException(sqlState, message);
            case CONSTRAINT -> new ConstraintViolation(sqlState, message);
            case CONFIG -> new ConfigException(sqlState, message);
            case CORRUPTION -> new CorruptionException(sqlState, message);
            case IO -> new StorageIoException(sqlState, message);
            case READ_ONLY -> new ReadOnlyException(sqlState, message);
            case SERIALIZATION -> new SerializationFailure(sqlState, message);
            case UNAVAILABLE -> new UnavailableException(sqlState, message);
            case OUTCOME_UNKNOWN -> new OutcomeUnknownException(sqlState, message);
            case INTERNAL -> new InternalFailure(sqlState, message);
        };
    }
}
