package io.mynode.kernel.error;

/** A local I/O operation failed; the message says what was being done and on which file. */
public final class StorageIoException extends MynodeException {
    private static final long serialVersionUID = 1L;

    public StorageIoException(String message) {
        super(message, null);
    }

    public StorageIoException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public StorageIoException(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public StorageIoException(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.IO;
    }
}
