package io.mynode.kernel.sql;

import java.util.List;

/** Opens SQL sessions over a transaction engine. Thread-safe; sessions are not. */
public interface SqlEngine {
    Session session();

    /** Names of the tables, sorted; for REPL completion and {@code !tables}. */
    List<String> tables();

    /** The {@code CREATE TABLE} statement that recreates {@code table}'s schema. */
    java.util.Optional<String> tableDefinition(String table);
}
