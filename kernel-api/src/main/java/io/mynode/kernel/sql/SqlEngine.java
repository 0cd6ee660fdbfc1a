package io.mynode.kernel.sql;

import java.util.List;

/** Opens SQL sessions over a transaction engine. Thread-safe; sessions are not. */
public interface SqlEngine {
    Session session();

    /** Names of the tables, sorted; for REPL completion and {@code !tables}. */
    List<String> tables();

    /** The {@code CREATE TABLE} statement that recreates {@code table}'s schema. */
    java.util.Optional<String> tableDefinition(String table);

    /**
     * The schema of every table, ordered by name, for JDBC's {@code DatabaseMetaData} and schema
     * browsers. An engine that does not override it refuses with SQLSTATE {@code 0A000}.
     */
    default List<TableSchema> schemas() {
        throw new io.mynode.kernel.error.InvalidInputException(io.mynode.kernel.error.SqlState.FEATURE_NOT_SUPPORTED,
                "this engine does not describe its schemas");
    }
}
