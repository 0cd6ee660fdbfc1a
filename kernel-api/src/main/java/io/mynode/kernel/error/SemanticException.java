package io.mynode.kernel.error;

/** SQL that parses but cannot be planned: an unknown table or column, or mismatched types. */
public final class SemanticException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public SemanticException(String message) {
        super(message, null);
    }

    public SemanticException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public SemanticException(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public SemanticException(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.SEMANTIC;
    }
}
