package io.mynode.kernel.error;

/** An invariant of mynode itself was broken: a bug, reported rather than hidden. */
public final class InternalFailure extends MynodeException {
    private static final long serialVersionUID = 1L;

    public InternalFailure(String message) {
        super(message, null);
    }

    public InternalFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public InternalFailure(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public InternalFailure(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INTERNAL;
    }
}
