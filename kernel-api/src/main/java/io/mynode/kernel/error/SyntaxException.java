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

    @Override
    public ErrorKind kind() {
        return ErrorKind.SYNTAX;
    }
}
