package io.mynode.kernel.error;

/** SQL text that does not parse; the message names line, column and what was expected. */
public final class SyntaxException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public SyntaxException(String message) {
        super(message, null);
    }

    public SyntaxException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public SyntaxException(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public SyntaxException(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.SYNTAX;
    }
}
