package io.mynode.jepsen.workload;

import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Small conveniences over a {@link Session} shared by the workloads. */
final class Sql {
    private Sql() {}

    /** All rows of a query, drained and closed. A statement that returns no rows is a bug here. */
    static List<List<Value>> query(Session session, String sql) {
        StatementResult r = session.execute(sql);
        if (!(r instanceof StatementResult.Rows rows)) {
            throw new InternalFailure("expected rows from '" + sql + "', got: " + r.message());
        }
        List<List<Value>> out = new ArrayList<>();
        try (RowStream stream = rows.rows()) {
            stream.forEachRemaining(out::add);
        }
        return out;
    }

    /** The count of rows an INSERT, UPDATE or DELETE changed. */
    static long update(Session session, String sql) {
        StatementResult r = session.execute(sql);
        if (!(r instanceof StatementResult.RowsAffected affected)) {
            throw new InternalFailure("expected a row count from '" + sql + "', got: " + r.message());
        }
        return affected.count();
    }

    /** Runs a statement whose result does not matter (DDL, BEGIN, COMMIT). */
    static void exec(Session session, String sql) {
        StatementResult r = session.execute(sql);
        if (r instanceof StatementResult.Rows rows) {
            rows.rows().close();
        }
    }

    /** Rolls back whatever transaction may be open; errors are ignored (none open, or the session is dead). */
    static void rollbackQuietly(Session session) {
        try {
            session.execute("ROLLBACK");
        } catch (RuntimeException ignored) {
            // No transaction was open, or it died with the connection and the node rolls it back.
        }
    }

    /**
     * Runs {@code body} inside BEGIN ... COMMIT. A {@link Workload.Outcome.Fail} rolls back instead
     * of committing; an error before COMMIT rolls back and propagates; an error at COMMIT
     * propagates (the runner decides whether the commit may have happened).
     */
    static Workload.Outcome transaction(Session session, boolean readOnly, Supplier<Workload.Outcome> body) {
        exec(session, readOnly ? "BEGIN READ ONLY" : "BEGIN");
        Workload.Outcome result;
        try {
            result = body.get();
        } catch (RuntimeException e) {
            rollbackQuietly(session);
            throw e;
        }
        switch (result) {
            case Workload.Outcome.Ok ok -> exec(session, "COMMIT");
            case Workload.Outcome.Fail fail -> rollbackQuietly(session);
        }
        return result;
    }

    /** The integer in the first column of the first row; null when there is no row or it is NULL. */
    static Long firstInteger(List<List<Value>> rows) {
        return rows.isEmpty() ? null : integer(rows.getFirst().getFirst());
    }

    /** An integer column, or null for NULL. */
    static Long integer(Value v) {
        return switch (v) {
            case Value.Int i -> i.value();
            case Value.Null n -> null;
            default -> throw new InternalFailure("expected an integer, got " + v);
        };
    }

    /** Creates a table unless the node already has it (setup is retried after ambiguous failures). */
    static void createTable(Session session, io.mynode.kernel.sql.SqlEngine engine, String name, String ddl) {
        if (!engine.tables().contains(name)) {
            exec(session, ddl);
        }
    }
}
