package io.mynode.sql;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.BatchResult;
import io.mynode.kernel.sql.Fetch;
import io.mynode.kernel.sql.Prepared;
import io.mynode.kernel.sql.ResultColumn;
import io.mynode.kernel.sql.SqlType;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import java.util.List;

/**
 * A statement prepared in a {@link SqlSession}: its {@link PlannedStatement}, run by the
 * session (in its transaction) on each execution. One thread, as its session.
 */
final class PreparedStatement implements Prepared {
    private final SqlSession session;
    private final PlannedStatement statement;
    private boolean closed;

    PreparedStatement(SqlSession session, PlannedStatement statement) {
        this.session = session;
        this.statement = statement;
    }

    @Override
    public String sql() {
        return statement.sql;
    }

    @Override
    public List<SqlType> parameterTypes() {
        return statement.parameterTypes();
    }

    @Override
    public List<ResultColumn> columns() {
        return statement.columns();
    }

    @Override
    public StatementResult execute(List<Value> parameters, Fetch fetch) {
        requireOpen();
        return session.execute(statement, List.copyOf(parameters), fetch);
    }

    @Override
    public BatchResult executeBatch(List<List<Value>> parameterSets) {
        requireOpen();
        return session.executeBatch(statement, parameterSets.stream().map(List::copyOf).toList());
    }

    private void requireOpen() {
        if (closed) {
            throw new InvalidInputException(SqlState.INVALID_PARAMETER_VALUE, "the prepared statement is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
