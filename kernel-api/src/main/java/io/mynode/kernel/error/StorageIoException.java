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

    @Override
    public ErrorKind kind() {
        return ErrorKind.IO;
    }
}
