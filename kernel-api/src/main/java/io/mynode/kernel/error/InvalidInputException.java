package io.mynode.kernel.error;

/**
 * The request itself is wrong and changes nothing: a malformed statement, an oversized value, a
 * bad configuration key. Subclasses narrow the cause for SQL and configuration.
 */
public sealed class InvalidInputException extends MynodeException
        permits SyntaxException, SemanticException, ConstraintViolation, ConfigException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message, null);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public InvalidInputException(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public InvalidInputException(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_INPUT;
    }
}
