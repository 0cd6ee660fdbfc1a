package io.mynode.kernel.sql;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.SqlState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SQL session: statements run one at a time, each in its own implicit transaction unless an
 * explicit {@code BEGIN} is open. The same interface serves an embedded engine and a remote node,
 * so a client cannot tell them apart.
 *
 * <p>Three ways to run statements: {@link #execute(String)} one at a time (the session keeps the
 * plans of recent statements, so a repeated one is not parsed again); {@link #prepare} once and
 * {@link Prepared#execute} many times with parameter values; {@link #executeBatch} and
 * {@link Prepared#executeBatch} many at once, in one round trip.
 *
 * <p>Errors are thrown as members of the kernel error family: syntax, semantic, constraint,
 * serialization, unavailable, each with its SQLSTATE. A failed statement inside an explicit
 * transaction leaves the transaction open (the caller decides to roll back); a serialization
 * failure at COMMIT ends it.
 *
 * <p>The methods with default bodies came after the first implementations: a session that does
 * not override them refuses them with SQLSTATE {@code 0A000} (feature not supported).
 */
public interface Session extends AutoCloseable {

    /** The transaction a session is in, for the prompt. */
    record TransactionInfo(long id, long version, boolean readOnly) {}

    /** Runs one statement. A trailing semicolon is allowed. */
    StatementResult execute(String sql);

    /**
     * Runs one statement, delivering its rows as {@code fetch} asks. The default runs
     * {@link #execute(String)} and drops rows beyond {@link Fetch#maxRows()}; a remote session
     * also sends the fetch size.
     */
    default StatementResult execute(String sql, Fetch fetch) {
        StatementResult result = execute(sql);
        return result instanceof StatementResult.Rows r ? new StatementResult.Rows(r.columns(), fetch.limit(r.rows())) : result;
    }

    /** {@link #prepare(String, Map)} with every parameter's type taken from its context. */
    default Prepared prepare(String sql) {
        return prepare(sql, Map.of());
    }

    /**
     * Parses, binds and plans {@code sql} for repeated execution. A parameter's type comes from
     * {@code declaredTypes} (keyed by parameter number, from 1), as PostgreSQL's Parse message
     * may give it, else from its context ({@code id = ?} takes {@code id}'s type, an INSERT value
     * its column's, {@code LIMIT ?} INTEGER). A parameter whose type neither fixes fails with
     * SQLSTATE {@code 42P18}; one used as two types, {@code 42P08}; an unknown table or a syntax
     * error fails here, as it would at execution.
     */
    default Prepared prepare(String sql, Map<Integer, SqlType> declaredTypes) {
        throw new InvalidInputException(SqlState.FEATURE_NOT_SUPPORTED, "this session cannot prepare statements");
    }

    /**
     * Runs {@code statements} in order, in one round trip to a remote node, as {@link BatchResult}
     * describes: all or nothing outside an explicit transaction. None may be a query.
     */
    default BatchResult executeBatch(List<String> statements) {
        throw new InvalidInputException(SqlState.FEATURE_NOT_SUPPORTED, "this session cannot run batches");
    }

    /** The explicit transaction this session is in, if any. */
    Optional<TransactionInfo> transaction();

    /** Rolls back an open transaction and releases the session. */
    @Override
    void close();
}
