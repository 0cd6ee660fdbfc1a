package io.mynode.kernel.error;

/** Stored bytes failed a checksum or structural check. Corrupt data is reported, never served. */
public final class CorruptionException extends MynodeException {
    private static final long serialVersionUID = 1L;

    public CorruptionException(String message) {
        super(message, null);
    }

    public CorruptionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public CorruptionException(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public CorruptionException(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CORRUPTION;
    }
}
