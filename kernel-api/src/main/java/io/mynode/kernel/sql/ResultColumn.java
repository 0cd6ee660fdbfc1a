package io.mynode.kernel.sql;

import java.util.Objects;

/**
 * One column of a statement's rows: what JDBC's {@code ResultSetMetaData} and PostgreSQL's
 * RowDescription tell a client before the first row.
 *
 * @param name the column's label: its alias, its column name, or the expression as SQL
 * @param type its values' type; a value is of this type or NULL
 * @param nullability whether it can hold NULL, as far as the planner can tell
 */
public record ResultColumn(String name, SqlType type, Nullability nullability) {

    /** What the planner knows about NULLs in a column. */
    public enum Nullability {
        /** Never NULL: a NOT NULL (or key) column of a table, read without an outer join. */
        NOT_NULL,
        /** May be NULL: a nullable column, or any column on the outer side of a join. */
        NULLABLE,
        /** Not known: a computed expression. */
        UNKNOWN
    }

    public ResultColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(nullability, "nullability");
    }

    /** A column about which only the name is known (a client that has no metadata). */
    public static ResultColumn untyped(String name) {
        return new ResultColumn(name, SqlType.NULL, Nullability.UNKNOWN);
    }
}
