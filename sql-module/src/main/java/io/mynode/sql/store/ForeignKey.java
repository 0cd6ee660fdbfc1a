package io.mynode.sql.store;

import java.util.List;

/**
 * A foreign key: the values of {@code columns}, where none is NULL, must be the primary key of a
 * row of the parent table (MATCH SIMPLE). Checked on insert with a point read of the parent, and
 * on a parent's delete through an index of the child whose first columns are {@code columns}
 * (one is created with the key if none exists).
 *
 * @param columns the child's columns, in the order of the parent's primary key columns
 */
public record ForeignKey(String name, List<String> columns, String parentDatabase, String parentTable) {

    public ForeignKey {
        columns = List.copyOf(columns);
    }

    /** Whether this key points at table {@code name} of {@code database}. */
    public boolean references(String database, String name) {
        return parentDatabase.equals(database) && parentTable.equals(name);
    }
}
