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

    @Override
    public ErrorKind kind() {
        return ErrorKind.READ_ONLY;
    }
}
