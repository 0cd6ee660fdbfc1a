package io.mynode.sql.types;

import io.mynode.kernel.sql.SqlType;
import io.mynode.kernel.sql.Value;

/**
 * The types a column or an expression can have. {@link #NULL} is the type of the bare
 * {@code NULL} literal only: it unifies with every other type during type checking.
 */
public enum DataType {
    NULL, BOOLEAN, INTEGER, FLOAT, STRING;

    /** The longest string, in UTF-8 bytes, a value may hold (DESIGN.md §6). */
    public static final int MAX_STRING_BYTES = 1024;

    /** Whether values of this type take part in arithmetic. */
    public boolean numeric() {
        return this == INTEGER || this == FLOAT;
    }

    /** The type of a runtime value. */
    public static DataType of(Value value) {
        return switch (value) {
            case Value.Null n -> NULL;
            case Value.Bool b -> BOOLEAN;
            case Value.Int i -> INTEGER;
            case Value.Float f -> FLOAT;
            case Value.Str s -> STRING;
        };
    }

    /** The type clients see (the kernel's closed set). */
    public SqlType sqlType() {
        return switch (this) {
            case NULL -> SqlType.NULL;
            case BOOLEAN -> SqlType.BOOLEAN;
            case INTEGER -> SqlType.INTEGER;
            case FLOAT -> SqlType.FLOAT;
            case STRING -> SqlType.STRING;
        };
    }

    /** The type of a client's {@link SqlType}. */
    public static DataType of(SqlType type) {
        return switch (type) {
            case NULL -> NULL;
            case BOOLEAN -> BOOLEAN;
            case INTEGER -> INTEGER;
            case FLOAT -> FLOAT;
            case STRING -> STRING;
        };
    }

    /** How a {@code CREATE TABLE} statement spells this type. */
    public String sql() {
        return name();
    }
}
