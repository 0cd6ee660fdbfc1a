package io.mynode.kernel.sql;

import java.util.List;
import java.util.Optional;

/**
 * A table's schema as clients read it: what JDBC's {@code DatabaseMetaData} answers (columns,
 * primary key, indexes, foreign keys) and what a schema browser shows.
 *
 * @param name the table's name
 * @param columns in table order
 * @param primaryKey the key's column names, in key order
 * @param indexes every index, the ones constraints created included
 * @param foreignKeys every foreign key of this table (the references it makes)
 */
public record TableSchema(String name, List<ColumnSchema> columns, List<String> primaryKey, List<IndexSchema> indexes,
        List<ForeignKey> foreignKeys) {

    public TableSchema {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /**
     * One column.
     *
     * @param defaultValue the DEFAULT as SQL text ({@code 'x'}, {@code 42}), if one was declared
     */
    public record ColumnSchema(String name, SqlType type, boolean nullable, Optional<String> defaultValue) {}

    /** An index over {@code columns}, in index order. */
    public record IndexSchema(String name, List<String> columns, boolean unique) {
        public IndexSchema {
            columns = List.copyOf(columns);
        }
    }

    /** {@code columns} of this table refer to {@code referencedColumns} of {@code referencedTable}. */
    public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns) {
        public ForeignKey {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }
    }
}
