package io.mynode.sql.store;

import io.mynode.kernel.sql.Value;
import io.mynode.sql.types.DataType;
import java.util.Optional;

/**
 * A column of a table.
 *
 * @param nullable whether NULL may be stored
 * @param defaultValue what an INSERT that omits this column stores; empty means NULL
 * @param hidden whether {@code SELECT *} and an INSERT without a column list pass it by: the
 *     generated row id of a table without a declared primary key
 * @param slot where the column's value sits in a stored row; rows are arrays by slot, and a
 *     dropped column's slot is never given to another column
 * @param missing what a row stored before this column existed reads as: the default the column
 *     was added with, so that {@code ADD COLUMN ... DEFAULT} rewrites no row
 */
public record Column(String name, DataType type, boolean nullable, Optional<Value> defaultValue, boolean hidden,
        int slot, Value missing) {

    /** A visible column in {@code slot}, present in every row. */
    public Column(String name, DataType type, boolean nullable, Optional<Value> defaultValue, int slot) {
        this(name, type, nullable, defaultValue, false, slot, Value.NULL);
    }

    public Column withName(String newName) {
        return new Column(newName, type, nullable, defaultValue, hidden, slot, missing);
    }

    public Column withNullable(boolean newNullable) {
        return new Column(name, type, newNullable, defaultValue, hidden, slot, missing);
    }

    public Column withDefault(Optional<Value> newDefault) {
        return new Column(name, type, nullable, newDefault, hidden, slot, missing);
    }
}
