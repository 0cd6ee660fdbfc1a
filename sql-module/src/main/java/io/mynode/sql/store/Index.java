package io.mynode.sql.store;

import io.mynode.kernel.sql.Value;
import java.util.List;

/**
 * A secondary index on one or more columns. Entries are keyed by (the indexed values, the
 * primary key), so a lookup of a prefix of the values is a prefix scan, and a unique index is the
 * same layout with a check on insert.
 *
 * @param key what the index's entries are stored under (see {@link KeyEncoding}): a unique id,
 *     or for an index of the first catalog format its name
 * @param columns the indexed columns, by name, in key order
 * @param origin what created it, which decides how a table definition prints it and what may
 *     drop it
 */
public record Index(String name, Value key, List<String> columns, boolean unique, Origin origin) {

    public Index {
        columns = List.copyOf(columns);
    }

    /** What created an index. */
    public enum Origin {
        /** {@code CREATE [UNIQUE] INDEX}. */
        CREATED,
        /** A {@code UNIQUE} constraint, of a column or of the table. */
        UNIQUE_CONSTRAINT,
        /** The {@code INDEX} option of a column. */
        COLUMN_OPTION,
        /** A foreign key, whose delete checks look up its columns through it. */
        FOREIGN_KEY
    }

    /** Whether the index's first columns are {@code prefix}, in order. */
    public boolean startsWith(List<String> prefix) {
        return columns.size() >= prefix.size() && columns.subList(0, prefix.size()).equals(prefix);
    }

    public Index withColumns(List<String> newColumns) {
        return new Index(name, key, newColumns, unique, origin);
    }

    public Index withName(String newName) {
        return new Index(newName, key, columns, unique, origin);
    }
}
