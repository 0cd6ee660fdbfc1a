package io.mynode.sql;

import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.ResultColumn;
import io.mynode.kernel.sql.SqlType;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.sql.parse.Ast;
import io.mynode.sql.parse.Parser;
import io.mynode.sql.plan.Optimizer;
import io.mynode.sql.plan.Parameters;
import io.mynode.sql.plan.Plan;
import io.mynode.sql.plan.Planner;
import io.mynode.sql.store.Catalog;
import io.mynode.sql.store.Store;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A statement parsed once and, if it is a query, a write or an EXPLAIN of one, planned once:
 * what a prepared statement holds, and what the session's plan cache keeps for a statement
 * text it has seen.
 *
 * <h2>When a plan is still good</h2>
 *
 * <p>A plan is built from the schemas the planner read, and schemas live in the transactional
 * store like rows. So the planner reads them here through a recorder that keeps each key it got
 * and the bytes it found; before each execution those keys are read again, in the executing
 * statement's transaction, and compared. Same bytes, same schemas: the plan stands. Anything
 * else (a dropped table, a new index, an ALTER) plans the statement again. The check costs what
 * planning's own catalog reads cost, one point read per table, and like them it enters the
 * transaction's read set, so a statement still conflicts with concurrent DDL on its tables. A
 * planner that scanned the catalog instead of reading keys cannot be checked this way: such a
 * plan is never reused.
 *
 * <p>A prepared statement promises its parameter types and its columns' names and types; if
 * planning again changes them, the execution fails (SQLSTATE 0A000, as PostgreSQL's "cached plan must not change result
 * type"), since its client has already acted on the old ones. A cached plain statement promises
 * nothing and just takes the new plan.
 *
 * <p>A reused optimized plan holds whatever the optimizer folded into constants, so the optimizer
 * must never fold an expression whose value can change between executions (a clock, a random
 * number): it would be frozen in the plan.
 *
 * <p>Not thread-safe: it belongs to one session.
 */
final class PlannedStatement {
    /** What sort of statement, for the session's dispatch. */
    enum Kind {
        /** SELECT: rows. */
        QUERY,
        /** INSERT, UPDATE, DELETE: rows affected. */
        WRITE,
        /** EXPLAIN of a query or write: the plan as text. */
        EXPLAIN,
        /** CREATE, DROP: run as written each time, never planned ahead. */
        SCHEMA,
        /** BEGIN, COMMIT, ROLLBACK. */
        TRANSACTION
    }

    final String sql;
    final Ast.Statement statement;
    final Kind kind;
    final int parameterCount;
    private final Map<Integer, SqlType> declared;

    /** The bound plan (holding parameters); null until planned. */
    private Plan plan;
    /** The optimized plan, when there are no parameters to bind: reused as it is. */
    private Plan optimized;
    private List<ResultColumn> columns = List.of();
    private List<SqlType> parameterTypes = List.of();
    /** The schema reads the plan rests on; null when it cannot be checked (never reused). */
    private List<Read> reads;
    /** The database unqualified names were resolved in, which a plan rests on as well. */
    private String database;

    /** One key the planner read and what it found (null: nothing). */
    private record Read(byte[] key, byte[] value) {}

    private PlannedStatement(String sql, Ast.Statement statement, int parameterCount, Map<Integer, SqlType> declared) {
        this.sql = sql;
        this.statement = statement;
        this.parameterCount = parameterCount;
        this.declared = Map.copyOf(declared);
        this.kind = switch (statement) {
            case Ast.Query q -> Kind.QUERY;
            case Ast.Insert i -> Kind.WRITE;
            case Ast.Update u -> Kind.WRITE;
            case Ast.Delete d -> Kind.WRITE;
            case Ast.Explain e -> Kind.EXPLAIN;
            case Ast.Begin b -> Kind.TRANSACTION;
            case Ast.Commit c -> Kind.TRANSACTION;
            case Ast.Rollback r -> Kind.TRANSACTION;
            default -> Kind.SCHEMA;
        };
        if (parameterCount > 0 && (kind == Kind.SCHEMA || kind == Kind.TRANSACTION)) {
            throw new SemanticException(SqlState.UNDEFINED_PARAMETER,
                    "parameters are allowed in SELECT, INSERT, UPDATE, DELETE and EXPLAIN only");
        }
    }

    /** Parses {@code sql}; syntax errors surface here. Nothing is read or planned yet. */
    static PlannedStatement parse(String sql, Map<Integer, SqlType> declared) {
        Parser.Parsed parsed = Parser.parsed(sql);
        return new PlannedStatement(sql, parsed.statement(), parsed.parameters(), declared);
    }

    /** Whether it is planned ahead (a query, a write or an EXPLAIN). */
    boolean planned() {
        return kind == Kind.QUERY || kind == Kind.WRITE || kind == Kind.EXPLAIN;
    }

    List<ResultColumn> columns() {
        return columns;
    }

    List<SqlType> parameterTypes() {
        return parameterTypes;
    }

    /**
     * Plans it now if it is not yet planned, or its schemas changed, or the session's
     * {@code currentDatabase} did, reading them through {@code store}; with {@code fixed}, a
     * re-plan that changes the parameter types or the columns fails.
     */
    void prepare(Store store, boolean fixed, String currentDatabase) {
        if (!planned() || (plan != null && currentDatabase.equals(database) && stillValid(store))) {
            return;
        }
        boolean first = plan == null;
        List<ResultColumn> oldColumns = columns;
        List<SqlType> oldTypes = parameterTypes;
        Recorder recorder = new Recorder(store);
        Ast.Statement target = statement instanceof Ast.Explain e ? e.statement() : statement;
        Planner.Planned planned = new Planner(new Catalog(recorder), currentDatabase).plan(target);
        List<SqlType> types = Parameters.types(planned.plan(), parameterCount, declared);
        List<ResultColumn> cols = kind == Kind.EXPLAIN ? List.of() : planned.columns();
        if (!first && fixed && (!types.equals(oldTypes) || !shape(cols).equals(shape(oldColumns)))) {
            plan = null;
            throw new SemanticException(SqlState.FEATURE_NOT_SUPPORTED, "the schema changed since this statement was"
                    + " prepared, changing its parameter types or result columns; prepare it again");
        }
        plan = planned.plan();
        database = currentDatabase;
        columns = cols;
        parameterTypes = types;
        reads = recorder.scanned ? null : List.copyOf(recorder.reads);
        optimized = parameterCount == 0 && reads != null ? Optimizer.optimize(plan) : null;
    }

    /**
     * The plan to run with {@code values}, optimized: the reused one when there are no
     * parameters, else the bound plan with the values in, optimized as a statement written with
     * them would be. {@link #prepare} must have run in this transaction.
     */
    Plan plan(List<Value> values) {
        List<Value> checked = Parameters.check(parameterTypes, values);
        if (optimized != null) {
            return optimized;
        }
        return Optimizer.optimize(Parameters.bind(plan, checked));
    }

    /** The columns' names and types: what a client acted on (nullability may change freely). */
    private static List<String> shape(List<ResultColumn> columns) {
        return columns.stream().map(c -> c.name() + " " + c.type()).toList();
    }

    private boolean stillValid(Store store) {
        if (reads == null) {
            return false;
        }
        for (Read r : reads) {
            Optional<byte[]> now = store.get(r.key());
            if (!Arrays.equals(now.orElse(null), r.value())) {
                return false;
            }
        }
        return true;
    }

    /** A store that remembers what the planner read, and whether it scanned. Reads only. */
    private static final class Recorder implements Store {
        private final Store store;
        private final List<Read> reads = new ArrayList<>();
        private boolean scanned;

        Recorder(Store store) {
            this.store = store;
        }

        @Override
        public Optional<byte[]> get(byte[] key) {
            Optional<byte[]> v = store.get(key);
            reads.add(new Read(key.clone(), v.map(byte[]::clone).orElse(null)));
            return v;
        }

        @Override
        public Cursor scan(KeyRange range) {
            scanned = true;
            return store.scan(range);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            throw new io.mynode.kernel.error.InternalFailure("the planner wrote to the store");
        }

        @Override
        public void delete(byte[] key) {
            throw new io.mynode.kernel.error.InternalFailure("the planner wrote to the store");
        }

        @Override
        public long uniqueId() {
            throw new io.mynode.kernel.error.InternalFailure("the planner took a unique id");
        }
    }
}
