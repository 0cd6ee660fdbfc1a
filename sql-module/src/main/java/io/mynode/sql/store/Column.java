package io.mynode.sql.store;

import io.mynode.kernel.sql.Value;
import io.mynode.sql.types.DataType;
import java.util.Optional;

/**
 * A column of a table.
 *
 * @param defaultValue the value an INSERT that omits this column stores; empty means NULL
 * @param references the table whose primary key this column refers to
 */
public record Column(String name, DataType type, boolean nullable, Optional<Value> defaultValue,
        Optional<String> references) {}
