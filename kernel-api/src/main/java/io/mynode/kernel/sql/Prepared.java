package io.mynode.kernel.sql;

import java.util.List;

/**
 * A statement prepared in a {@link Session}: parsed, bound and planned once, then executed any
 * number of times with values for its parameters ({@code ?} or {@code $n}). Its parameters' types
 * and its result's columns are fixed when it is prepared, which is what JDBC's
 * {@code getParameterMetaData} and PostgreSQL's Describe report.
 *
 * <p>A prepared statement belongs to its session and the session's thread, and is closed with it.
 * If the schema it was planned against changes, the next execution plans it again; if that
 * changes its parameter types or its columns, the execution fails (SQLSTATE {@code 0A000}), as
 * PostgreSQL's "cached plan must not change result type" does: prepare it again.
 */
public interface Prepared extends AutoCloseable {

    /** The statement's text, as given to {@link Session#prepare}. */
    String sql();

    /** Parameter {@code i + 1}'s type at index {@code i}; never {@link SqlType#NULL}. */
    List<SqlType> parameterTypes();

    /** The columns of its rows; empty when it returns none (a write without RETURNING, DDL). */
    List<ResultColumn> columns();

    /**
     * Runs it with {@code parameters}, one value per parameter, each of the parameter's type
     * (an INTEGER is widened where a FLOAT is expected) or NULL. A wrong count or type fails with
     * an {@code InvalidInputException} and runs nothing. Rows stream, as {@link Session#execute}'s.
     */
    StatementResult execute(List<Value> parameters, Fetch fetch);

    default StatementResult execute(List<Value> parameters) {
        return execute(parameters, Fetch.DEFAULT);
    }

    /**
     * Runs it once per element of {@code parameterSets}, in one round trip to a remote node, as
     * {@link BatchResult} describes. It must not be a query.
     */
    BatchResult executeBatch(List<List<Value>> parameterSets);

    /** Releases it (on the node, for a remote session). Harmless twice; later use fails. */
    @Override
    void close();
}
