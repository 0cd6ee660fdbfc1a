package io.mynode.kernel.error;

/** The operation was abandoned before it took effect; retrying it is safe. */
public final class AbortedException extends MynodeException {
    private static final long serialVersionUID = 1L;

    public AbortedException(String message) {
        super(message, null);
    }

    public AbortedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public AbortedException(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public AbortedException(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.ABORTED;
    }
}
