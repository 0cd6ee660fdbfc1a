package io.mynode.kernel.error;

/** The cluster cannot serve the request now (no leader, no quorum, shutting down); nothing took effect. */
public final class UnavailableException extends MynodeException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message, null);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public UnavailableException(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public UnavailableException(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.UNAVAILABLE;
    }
}
