package io.mynode.kernel.sql;

import java.util.List;

/**
 * What one statement produced. Closed, so that a REPL or a transport handles every case.
 * {@link #message()} is the line a REPL prints for everything but rows.
 */
public sealed interface StatementResult {

    /**
     * A query's rows, streamed, with their columns' names, types and nullability. The receiver
     * must drain or close {@code rows}.
     */
    record Rows(List<ResultColumn> columns, RowStream rows) implements StatementResult {
        public Rows {
            columns = List.copyOf(columns);
        }

        /** Rows whose columns have names only (a test's fake node); their types are NULL. */
        public static Rows untyped(List<String> names, RowStream rows) {
            return new Rows(names.stream().map(ResultColumn::untyped).toList(), rows);
        }

        /** The columns' names, in order. */
        public List<String> names() {
            return columns.stream().map(ResultColumn::name).toList();
        }

        @Override
        public String message() {
            return String.join("|", names());
        }
    }

    /** What an INSERT, UPDATE or DELETE did. */
    record RowsAffected(Verb verb, long count) implements StatementResult {
        /** The kind of change, as the message names it. */
        public enum Verb { CREATED, UPDATED, DELETED }

        @Override
        public String message() {
            String v = switch (verb) {
                case CREATED -> "Created";
                case UPDATED -> "Updated";
                case DELETED -> "Deleted";
            };
            return v + " " + count + (count == 1 ? " row" : " rows");
        }
    }

    /** A schema change, e.g. {@code Created table movie}. */
    record SchemaChanged(String message) implements StatementResult {}

    /** BEGIN, COMMIT or ROLLBACK. */
    record TransactionChanged(Action action, long id, long version, boolean readOnly) implements StatementResult {
        public enum Action { BEGAN, COMMITTED, ROLLED_BACK }

        @Override
        public String message() {
            return switch (action) {
                case BEGAN -> readOnly
                        ? "Began read-only transaction at version " + version
                        : "Began transaction " + id;
                case COMMITTED -> "Committed transaction " + id;
                case ROLLED_BACK -> "Rolled back transaction " + id;
            };
        }
    }

    /** EXPLAIN's plan: a tree, one node per line. */
    record Explain(String plan) implements StatementResult {
        @Override
        public String message() {
            return plan;
        }
    }

    String message();
}
