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

    @Override
    public ErrorKind kind() {
        return ErrorKind.UNAVAILABLE;
    }
}
