package io.mynode.transport.grpc;

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
import java.util.Map;

/**
 * A statement prepared on a remote node: it lives in the node's session under an id this client
 * chose, for as long as the session's stream lives.
 *
 * <p>If that stream ends between statements (the node restarted, a network blip) and the session
 * continues on a new one, the statement is prepared again there before it runs, transparently;
 * should the node now describe it differently (the schema changed meanwhile), the execution fails
 * with SQLSTATE 0A000, as a re-plan on the node would. Closing sends nothing at once: the node
 * hears of it with the session's next request. One thread, as its session.
 */
final class RemotePrepared implements Prepared {
    private final RemoteSession session;
    private final String sql;
    private final Map<Integer, SqlType> declared;
    private List<SqlType> parameterTypes;
    private List<ResultColumn> columns;
    private RemoteSession.Stream stream;
    private int id;
    private boolean closed;

    RemotePrepared(RemoteSession session, String sql, Map<Integer, SqlType> declared) {
        this.session = session;
        this.sql = sql;
        this.declared = Map.copyOf(declared);
        prepareOnStream();
    }

    /** Prepares it on the session's current stream, checking it is described as before. */
    private void prepareOnStream() {
        int newId = session.nextStatementId();
        RemoteSession.Described d = session.prepare(sql, declared, newId);
        List<SqlType> types = d.parameterTypes();
        List<ResultColumn> cols = d.columns();
        if (parameterTypes != null && (!types.equals(parameterTypes) || !sameShape(cols, columns))) {
            session.closeLater(d.stream(), newId);
            throw new InvalidInputException(SqlState.FEATURE_NOT_SUPPORTED, "the statement was prepared again on a new "
                    + "connection and its parameter types or result columns changed; prepare it again");
        }
        parameterTypes = types;
        columns = cols;
        stream = d.stream();
        id = newId;
    }

    private static boolean sameShape(List<ResultColumn> a, List<ResultColumn> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name()) || a.get(i).type() != b.get(i).type()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public List<SqlType> parameterTypes() {
        return parameterTypes;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public StatementResult execute(List<Value> parameters, Fetch fetch) {
        check(parameters);
        return session.executePrepared(onStream(), id, parameters, fetch);
    }

    @Override
    public BatchResult executeBatch(List<List<Value>> parameterSets) {
        parameterSets.forEach(this::check);
        return session.batchPrepared(onStream(), id, parameterSets);
    }

    /** The stream it is prepared on, preparing it again first if the session moved to another. */
    private RemoteSession.Stream onStream() {
        RemoteSession.Stream s = session.ready();
        if (s != stream || !session.current(s)) {
            prepareOnStream();
        }
        return stream;
    }

    private void check(List<Value> parameters) {
        if (closed) {
            throw new InvalidInputException(SqlState.INVALID_PARAMETER_VALUE, "the prepared statement is closed");
        }
        if (parameters.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException(SqlState.INVALID_PARAMETER_VALUE, "a parameter value is null; use Value.NULL");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.closeLater(stream, id);
        }
    }
}
