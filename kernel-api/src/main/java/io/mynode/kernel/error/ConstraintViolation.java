package io.mynode.kernel.error;

/** A write would violate a primary key, unique, not-null or foreign-key constraint; nothing was written. */
public final class ConstraintViolation extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public ConstraintViolation(String message) {
        super(message, null);
    }

    public ConstraintViolation(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a precise SQLSTATE ({@code null}: the kind's default). */
    public ConstraintViolation(SqlState sqlState, String message) {
        super(sqlState, message, null);
    }

    public ConstraintViolation(SqlState sqlState, String message, Throwable cause) {
        super(sqlState, message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONSTRAINT;
    }
}
