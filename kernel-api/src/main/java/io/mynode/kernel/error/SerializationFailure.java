package io.mynode.kernel.error;

/** A serializable transaction conflicted with a concurrent commit and was rolled back; retry it from the beginning. */
public final class SerializationFailure extends MynodeException {
    private static final long serialVersionUID = 1L;

    public SerializationFailure(String message) {
        super(message, null);
    }

    public SerializationFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public SerializationFailure(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public SerializationFailure(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.SERIALIZATION;
    }
}
