package io.mynode.kernel.error;

/** A configuration key or value is wrong; the message names the key. */
public final class ConfigException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public ConfigException(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public ConfigException(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFIG;
    }
}
