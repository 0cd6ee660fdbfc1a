package io.mynode.kernel.error;

/** The request may or may not have been applied (e.g. the connection to the leader broke after it was sent). Never retried silently, since that could apply it twice. */
public final class OutcomeUnknownException extends MynodeException {
    private static final long serialVersionUID = 1L;

    public OutcomeUnknownException(String message) {
        super(message, null);
    }

    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public OutcomeUnknownException(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public OutcomeUnknownException(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.OUTCOME_UNKNOWN;
    }
}
