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

    @Override
    public ErrorKind kind() {
        return ErrorKind.SEMANTIC;
    }
}
