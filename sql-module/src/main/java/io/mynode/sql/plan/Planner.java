package io.mynode.sql.plan;

import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.ResultColumn;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.parse.Ast;
import io.mynode.sql.parse.Ast.Expr;
import io.mynode.sql.plan.Binder.Bound;
import io.mynode.sql.store.Catalog;
import io.mynode.sql.store.Column;
import io.mynode.sql.store.Index;
import io.mynode.sql.store.Table;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Operators;
import io.mynode.sql.types.Typing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a query or write statement into a {@link Plan}: resolves tables through the
 * {@link Catalog}, binds names and checks types (so {@code SELECT 'a' + 1} fails here, before
 * anything runs). Queries are the {@link QueryPlanner}'s; this class plans the writes around
 * them: INSERT (from VALUES or any query, with ON CONFLICT), UPDATE and DELETE, each with an
 * optional RETURNING list.
 *
 * The plan is deliberately naive; the {@link Optimizer} makes it fast.
 */
public final class Planner {
    /**
     * A planned statement and its result columns (empty for writes without RETURNING). The plan
     * may hold parameters, which {@link Parameters#bind} gives values before it is optimized and run.
     */
    public record Planned(Plan plan, List<ResultColumn> columns) {
        /** The result columns' names. */
        public List<String> names() {
            return columns.stream().map(ResultColumn::name).toList();
        }

        /** A plan with its columns' names and types; whether a column may be NULL is read off the plan. */
        static Planned of(Plan plan, List<String> names, List<DataType> types) {
            List<ResultColumn> columns = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                columns.add(new ResultColumn(names.get(i), types.get(i).sqlType(), Nulls.of(plan, i)));
            }
            return new Planned(plan, List.copyOf(columns));
        }
    }

    private final Catalog catalog;
    private final String database;
    private final QueryPlanner queries;

    /** A planner whose unqualified table names refer to {@code database}. */
    public Planner(Catalog catalog, String database) {
        this.catalog = catalog;
        this.database = database;
        this.queries = new QueryPlanner(catalog, database);
    }

    public Planned plan(Ast.Statement statement) {
        return switch (statement) {
            case Ast.Query q -> {
                QueryPlanner.Planned p = queries.query(q, Optional.empty());
                yield Planned.of(p.plan(), p.columns(), p.types());
            }
            case Ast.Insert i -> insert(i);
            case Ast.Update u -> update(u);
            case Ast.Delete d -> delete(d);
            default -> throw new SemanticException(SqlState.FEATURE_NOT_SUPPORTED, "cannot plan " + statement.getClass().getSimpleName());
        };
    }

    /**
     * Evaluates a constant expression (a column's DEFAULT) for a column of {@code type}: it may
     * read no column, must fit the type, and is coerced to it.
     */
    public static Value constant(Expr e, DataType type, String what) {
        Bound b = new Binder(Scope.empty(), what).bind(e);
        if (b.expression().hasParameters()) {
            throw new SemanticException(SqlState.FEATURE_NOT_SUPPORTED, what + " cannot hold a parameter");
        }
        if (!Typing.assignable(b.type(), type)) {
            throw new SemanticException(SqlState.DATATYPE_MISMATCH, what + " is " + type + ", cannot store a value of type "
                    + b.type());
        }
        if (!b.expression().isConstant()) {
            throw new SemanticException(SqlState.FEATURE_NOT_SUPPORTED, what + " must be a constant, not " + Ast.format(e));
        }
        return Operators.coerce(b.expression().evaluate(List.of()), type, what);
    }

    /** The position of a column a statement may write: any but a generated row id. */
    private static int writable(Table table, String column) {
        int i = table.position(column);
        if (table.columns().get(i).hidden()) {
            throw new SemanticException(SqlState.GENERATED_ALWAYS, "column " + table.name() + "." + column
                    + " is a generated row id and cannot be written");
        }
        return i;
    }

    private static void assignable(DataType type, Table table, Column column) {
        if (!Typing.assignable(type, column.type())) {
            throw new SemanticException(SqlState.DATATYPE_MISMATCH, "column " + table.name() + "." + column.name() + " is "
                    + column.type() + ", cannot store a value of type " + type);
        }
    }

    private Planned insert(Ast.Insert insert) {
        Table table = catalog.require(database, insert.table());
        List<Integer> targets = new ArrayList<>();
        if (insert.columns().isPresent()) {
            Set<String> seen = new HashSet<>();
            for (String c : insert.columns().get()) {
                if (!seen.add(c)) {
                    throw new SemanticException(SqlState.DUPLICATE_COLUMN, "column " + c + " is listed more than once");
                }
                targets.add(writable(table, c));
            }
        } else {
            for (int i = 0; i < table.columns().size(); i++) {
                if (!table.columns().get(i).hidden()) {
                    targets.add(i);
                }
            }
        }
        Plan source = insert.source() instanceof Ast.Values v && v.orderBy().isEmpty() && v.limit().isEmpty()
                && v.offset().isEmpty() ? values(table, targets, v) : query(table, targets, insert.source());
        Optional<Plan.Conflict> conflict = insert.onConflict().map(c -> conflict(table, c));
        Optional<Plan.Returning> returning = returning(table, insert.returning());
        return written(new Plan.Insert(table, source, conflict, returning), returning);
    }

    /**
     * INSERT ... VALUES: each value is checked against its own target column (so an INTEGER
     * goes into a FLOAT column and a NULL anywhere), and DEFAULT stands for the column's default.
     */
    private Plan values(Table table, List<Integer> targets, Ast.Values values) {
        Binder binder = queries.binder(Scope.empty(), "VALUES", Optional.empty());
        List<List<Expression>> rows = new ArrayList<>();
        for (List<Expr> row : values.rows()) {
            if (row.size() != targets.size()) {
                throw new SemanticException(SqlState.SYNTAX_ERROR, "INSERT has " + targets.size()
                        + " target columns but a row of "
                        + row.size() + " values");
            }
            Expression[] full = defaults(table);
            for (int i = 0; i < row.size(); i++) {
                if (row.get(i) instanceof Ast.Default) {
                    continue;
                }
                Column column = table.columns().get(targets.get(i));
                Bound b = Binder.typed(binder.bind(row.get(i)), column.type());
                assignable(b.type(), table, column);
                full[targets.get(i)] = b.expression();
            }
            rows.add(List.of(full));
        }
        return new Plan.Values(rows, table.columns().size());
    }

    private static Expression[] defaults(Table table) {
        Expression[] row = new Expression[table.columns().size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = new Expression.Constant(table.columns().get(i).defaultValue().orElse(Value.NULL));
        }
        return row;
    }

    /** INSERT ... SELECT: the query's columns go to the targets in order, the other columns get defaults. */
    private Plan query(Table table, List<Integer> targets, Ast.Query source) {
        QueryPlanner.Planned p = queries.query(source, Optional.empty());
        if (p.columns().size() != targets.size()) {
            throw new SemanticException(SqlState.SYNTAX_ERROR, "INSERT has " + targets.size()
                    + " target columns but the query gives "
                    + p.columns().size());
        }
        Expression[] full = defaults(table);
        for (int i = 0; i < targets.size(); i++) {
            assignable(p.types().get(i), table, table.columns().get(targets.get(i)));
            full[targets.get(i)] = new Expression.Column(i, p.columns().get(i));
        }
        List<String> labels = table.columns().stream().map(Column::name).toList();
        return new Plan.Projection(p.plan(), List.of(full), labels);
    }

    /**
     * ON CONFLICT: the target must name the primary key or a unique column, as in PostgreSQL
     * (which also needs one for DO UPDATE); DO UPDATE binds over the existing row, as the table's
     * name, followed by the proposed one, as {@code excluded}.
     */
    private Plan.Conflict conflict(Table table, Ast.OnConflict c) {
        List<Integer> target = new ArrayList<>();
        for (String name : c.target()) {
            target.add(table.position(name));
        }
        if (target.isEmpty() && c.update().isPresent()) {
            throw new SemanticException(SqlState.SYNTAX_ERROR, "ON CONFLICT DO UPDATE needs a conflict target: ON CONFLICT (column) DO UPDATE");
        }
        if (!target.isEmpty()) {
            Set<Integer> named = new HashSet<>(target);
            boolean unique = named.equals(new HashSet<>(table.primaryKey())) || table.indexes().stream()
                    .anyMatch(i -> i.unique() && named.equals(new HashSet<>(table.positions(i.columns()))));
            if (!unique) {
                throw new SemanticException(SqlState.INVALID_COLUMN_REFERENCE, "there is no primary key or unique index on " + table.name() + " ("
                        + String.join(", ", c.target()) + ") to match the ON CONFLICT target");
            }
        }
        if (c.update().isEmpty()) {
            return new Plan.Conflict(List.copyOf(target), Optional.empty(), Optional.empty());
        }
        Scope scope = Scope.of(table, table.name(), true).join(Scope.of(table, "excluded", true));
        Binder binder = queries.binder(scope, "ON CONFLICT DO UPDATE", Optional.empty());
        List<Plan.Assignment> set = assignments(table, c.update().get(), binder);
        Optional<Expression> where = c.where().map(w -> binder.in("ON CONFLICT ... WHERE").predicate(w));
        return new Plan.Conflict(List.copyOf(target), Optional.of(set), where);
    }

    private List<Plan.Assignment> assignments(Table table, List<Ast.Assignment> set, Binder binder) {
        List<Plan.Assignment> assignments = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Ast.Assignment a : set) {
            int column = writable(table, a.column());
            if (!seen.add(column)) {
                throw new SemanticException(SqlState.DUPLICATE_COLUMN, "column " + a.column() + " is assigned more than once");
            }
            Column c = table.columns().get(column);
            if (a.value() instanceof Ast.Default) {
                assignments.add(new Plan.Assignment(column, new Expression.Constant(c.defaultValue().orElse(Value.NULL))));
                continue;
            }
            Bound b = Binder.typed(binder.bind(a.value()), c.type());
            assignable(b.type(), table, c);
            assignments.add(new Plan.Assignment(column, b.expression()));
        }
        return assignments;
    }

    /** RETURNING: a select list over the written row. */
    private Optional<Plan.Returning> returning(Table table, List<Ast.SelectItem> items) {
        if (items.isEmpty()) {
            return Optional.empty();
        }
        Scope scope = Scope.of(table, table.name(), false);
        Binder binder = queries.binder(scope, "RETURNING", Optional.empty());
        List<Expression> expressions = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (Ast.SelectItem item : items) {
            switch (item) {
                case Ast.AllColumns(Optional<String> t) -> {
                    if (t.isPresent() && !t.get().equals(table.name())) {
                        throw new SemanticException(SqlState.UNDEFINED_TABLE, "unknown table " + t.get() + " in " + t.get()
                                + ".* of RETURNING");
                    }
                    for (int i = 0; i < scope.size(); i++) {
                        if (table.columns().get(i).hidden()) {
                            continue;
                        }
                        expressions.add(new Expression.Column(i, scope.label(i)));
                        labels.add(scope.label(i));
                        types.add(scope.type(i));
                    }
                }
                case Ast.ExprItem(Expr e, Optional<String> alias) -> {
                    Bound b = binder.bind(e);
                    expressions.add(b.expression());
                    labels.add(alias.orElseGet(() -> e instanceof Ast.ColumnRef c ? c.column() : Ast.format(e)));
                    types.add(b.type());
                }
            }
        }
        return Optional.of(new Plan.Returning(List.copyOf(expressions), List.copyOf(labels), List.copyOf(types)));
    }

    private static Planned written(Plan plan, Optional<Plan.Returning> returning) {
        return returning.map(r -> Planned.of(plan, r.labels(), r.types())).orElseGet(() -> new Planned(plan, List.of()));
    }

    private Planned update(Ast.Update update) {
        Table table = catalog.require(database, update.table());
        Scope scope = Scope.of(table, table.name(), false);
        Plan source = new Plan.Scan(table, table.name(), Optional.empty());
        if (update.where().isPresent()) {
            source = new Plan.Filter(source, queries.binder(scope, "WHERE", Optional.empty()).predicate(update.where().get()));
        }
        List<Plan.Assignment> assignments = assignments(table, update.set(),
                queries.binder(scope, "UPDATE", Optional.empty()));
        Optional<Plan.Returning> returning = returning(table, update.returning());
        return written(new Plan.Update(table, source, assignments, returning), returning);
    }

    private Planned delete(Ast.Delete delete) {
        Table table = catalog.require(database, delete.table());
        Plan source = new Plan.Scan(table, table.name(), Optional.empty());
        if (delete.where().isPresent()) {
            Scope scope = Scope.of(table, table.name(), false);
            source = new Plan.Filter(source, queries.binder(scope, "WHERE", Optional.empty()).predicate(delete.where().get()));
        }
        Optional<Plan.Returning> returning = returning(table, delete.returning());
        return written(new Plan.Delete(table, source, returning), returning);
    }
}
