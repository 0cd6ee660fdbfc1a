package io.mynode.kernel.error;

/** A write was attempted through a read-only transaction or view. */
public final class ReadOnlyException extends MynodeException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyException(String message) {
        super(message, null);
    }

    public ReadOnlyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public ReadOnlyException(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public ReadOnlyException(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.READ_ONLY;
    }
}
