package io.mynode.sql.plan;

import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.ResultColumn;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.parse.Ast;
import io.mynode.sql.parse.Ast.Expr;
import io.mynode.sql.store.Catalog;
import io.mynode.sql.store.Column;
import io.mynode.sql.store.Table;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Typing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a query or write statement into a {@link Plan}: resolves tables through the
 * {@link Catalog}, binds names and checks types (so {@code SELECT 'a' + 1} fails here, before
 * anything runs), and lays out the operators in SQL's logical order:
 *
 * <pre>
 *   FROM (joins) ─► WHERE ─► GROUP BY / aggregates ─► HAVING ─► SELECT list (+ hidden ORDER BY
 *   columns) ─► DISTINCT ─► ORDER BY ─► OFFSET ─► LIMIT ─► drop hidden columns
 * </pre>
 *
 * The plan is deliberately naive; the {@link Optimizer} makes it fast.
 */
public final class Planner {
    /**
     * A planned statement and its result columns (empty for writes). The plan may hold
     * parameters, which {@link Parameters#bind} gives values before it is optimized and run.
     */
    public record Planned(Plan plan, List<ResultColumn> columns) {
        /** The result columns' names. */
        public List<String> names() {
            return columns.stream().map(ResultColumn::name).toList();
        }
    }

    private final Catalog catalog;

    public Planner(Catalog catalog) {
        this.catalog = catalog;
    }

    public Planned plan(Ast.Statement statement) {
        return switch (statement) {
            case Ast.Select s -> select(s);
            case Ast.Insert i -> new Planned(insert(i), List.of());
            case Ast.Update u -> new Planned(update(u), List.of());
            case Ast.Delete d -> new Planned(delete(d), List.of());
            default -> throw new SemanticException("cannot plan " + statement.getClass().getSimpleName());
        };
    }

    private Plan insert(Ast.Insert insert) {
        Table table = catalog.require(insert.table());
        List<Integer> targets = new ArrayList<>();
        if (insert.columns().isPresent()) {
            Set<String> seen = new HashSet<>();
            for (String c : insert.columns().get()) {
                if (!seen.add(c)) {
                    throw new SemanticException(SqlState.DUPLICATE_COLUMN, "column " + c + " is listed more than once");
                }
                targets.add(table.position(c));
            }
        } else {
            for (int i = 0; i < table.columns().size(); i++) {
                targets.add(i);
            }
        }
        Binder binder = new Binder(Scope.empty(), "VALUES");
        List<List<Expression>> rows = new ArrayList<>();
        for (List<Expr> values : insert.rows()) {
            if (values.size() != targets.size()) {
                throw new SemanticException(SqlState.SYNTAX_ERROR, "INSERT has " + targets.size() + " target columns but a row of "
                        + values.size() + " values");
            }
            Expression[] row = new Expression[table.columns().size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = new Expression.Constant(table.columns().get(i).defaultValue().orElse(Value.NULL));
            }
            for (int i = 0; i < values.size(); i++) {
                Column column = table.columns().get(targets.get(i));
                Binder.Bound b = Binder.typed(binder.bind(values.get(i)), column.type());
                assignable(b.type(), table, column);
                row[targets.get(i)] = b.expression();
            }
            rows.add(List.of(row));
        }
        return new Plan.Insert(table, new Plan.Values(rows, table.columns().size()));
    }

    /**
     * Evaluates a constant expression (a column's DEFAULT) for a column of {@code type}: it may
     * read no column, must fit the type, and is coerced to it.
     */
    public static Value constant(Expr e, DataType type, String what) {
        Binder.Bound b = new Binder(Scope.empty(), what).bind(e);
        if (b.expression().hasParameters()) {
            throw new SemanticException(SqlState.FEATURE_NOT_SUPPORTED, what + " cannot hold a parameter");
        }
        if (!Typing.assignable(b.type(), type)) {
            throw new SemanticException(SqlState.DATATYPE_MISMATCH, what + " is " + type + ", cannot store a value of type " + b.type());
        }
        return io.mynode.sql.types.Operators.coerce(b.expression().evaluate(List.of()), type, what);
    }

    private static void assignable(DataType type, Table table, Column column) {
        if (!Typing.assignable(type, column.type())) {
            throw new SemanticException(SqlState.DATATYPE_MISMATCH, "column " + table.name() + "." + column.name() + " is " + column.type()
                    + ", cannot store a value of type " + type);
        }
    }

    private Plan update(Ast.Update update) {
        Table table = catalog.require(update.table());
        Scope scope = Scope.of(table, table.name(), false);
        Plan source = new Plan.Scan(table, table.name(), Optional.empty());
        if (update.where().isPresent()) {
            source = new Plan.Filter(source, new Binder(scope, "WHERE").predicate(update.where().get()));
        }
        Binder binder = new Binder(scope, "UPDATE");
        List<Plan.Assignment> assignments = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Ast.Assignment a : update.set()) {
            int column = table.position(a.column());
            if (!seen.add(column)) {
                throw new SemanticException(SqlState.DUPLICATE_COLUMN, "column " + a.column() + " is assigned more than once");
            }
            Binder.Bound b = Binder.typed(binder.bind(a.value()), table.columns().get(column).type());
            assignable(b.type(), table, table.columns().get(column));
            assignments.add(new Plan.Assignment(column, b.expression()));
        }
        return new Plan.Update(table, source, assignments);
    }

    private Plan delete(Ast.Delete delete) {
        Table table = catalog.require(delete.table());
        Plan source = new Plan.Scan(table, table.name(), Optional.empty());
        if (delete.where().isPresent()) {
            Scope scope = Scope.of(table, table.name(), false);
            source = new Plan.Filter(source, new Binder(scope, "WHERE").predicate(delete.where().get()));
        }
        return new Plan.Delete(table, source);
    }

    private record Source(Plan plan, Scope scope) {}

    private Planned select(Ast.Select select) {
        Source from = select.from().isPresent()
                ? from(select.from().get(), countTables(select.from().get()) > 1, new HashSet<>())
                : new Source(new Plan.Values(List.of(List.of()), 0), Scope.empty());
        Plan plan = from.plan();
        Binder base = new Binder(from.scope(), "WHERE");
        if (select.where().isPresent()) {
            plan = new Plan.Filter(plan, base.predicate(select.where().get()));
        }

        // Aggregation: collect the calls from every clause that may hold them.
        List<Ast.Call> calls = new ArrayList<>();
        for (Ast.SelectItem item : select.items()) {
            if (item instanceof Ast.ExprItem(Expr e, Optional<String> alias)) {
                Binder.collectAggregates(e, calls);
            }
        }
        select.having().ifPresent(h -> Binder.collectAggregates(h, calls));
        select.orderBy().forEach(o -> Binder.collectAggregates(o.expr(), calls));
        Binder binder = base.in("SELECT");
        boolean aggregated = !calls.isEmpty() || !select.groupBy().isEmpty() || select.having().isPresent();
        if (aggregated) {
            Binder input = base.in("GROUP BY");
            List<Binder.Bound> groups = new ArrayList<>();
            for (Expr g : select.groupBy()) {
                Expr resolved = groupAlias(g, select, from.scope());
                if (Binder.containsAggregate(resolved)) {
                    throw new SemanticException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in GROUP BY");
                }
                groups.add(input.bind(resolved));
            }
            List<Plan.AggregateCall> aggregates = new ArrayList<>();
            List<DataType> callTypes = new ArrayList<>();
            Binder argBinder = base.in("an aggregate argument");
            for (Ast.Call c : calls) {
                Plan.Function f = Binder.function(c);
                Optional<Binder.Bound> arg = c.star() ? Optional.empty() : Optional.of(argBinder.bind(c.args().getFirst()));
                DataType argType = arg.map(Binder.Bound::type).orElse(DataType.INTEGER);
                DataType type = switch (f) {
                    case COUNT -> DataType.INTEGER;
                    case SUM -> Typing.numeric("SUM", argType);
                    case AVG -> {
                        Typing.numeric("AVG", argType);
                        yield DataType.FLOAT;
                    }
                    case MIN, MAX -> argType;
                };
                callTypes.add(type);
                aggregates.add(new Plan.AggregateCall(f, arg.map(Binder.Bound::expression)));
            }
            plan = new Plan.Aggregate(plan, groups.stream().map(Binder.Bound::expression).toList(), aggregates);
            binder = new Binder(from.scope(), Optional.of(new Binder.Grouping(input, groups, calls, callTypes)), "SELECT");
            if (select.having().isPresent()) {
                plan = new Plan.Filter(plan, binder.in("HAVING").predicate(select.having().get()));
            }
        }

        // The select list.
        List<Expression> outputs = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Optional<String>> aliases = new ArrayList<>();
        for (Ast.SelectItem item : select.items()) {
            switch (item) {
                case Ast.AllColumns(Optional<String> table) -> {
                    if (table.isPresent() && !from.scope().hasTable(table.get())) {
                        throw new SemanticException(SqlState.UNDEFINED_TABLE, "unknown table " + table.get() + " in " + table.get() + ".*");
                    }
                    if (select.from().isEmpty()) {
                        throw new SemanticException(SqlState.SYNTAX_ERROR, "SELECT * needs a FROM clause");
                    }
                    List<Scope.Entry> entries = from.scope().entries();
                    for (int i = 0; i < entries.size(); i++) {
                        Scope.Entry e = entries.get(i);
                        if (table.isEmpty() || e.table().equals(table)) {
                            Binder.Bound b = binder.bind(new Ast.ColumnRef(e.table(), e.column()));
                            outputs.add(b.expression());
                            types.add(b.type());
                            labels.add(e.column());
                            aliases.add(Optional.empty());
                        }
                    }
                }
                case Ast.ExprItem(Expr e, Optional<String> alias) -> {
                    Binder.Bound b = binder.bind(e);
                    outputs.add(b.expression());
                    types.add(b.type());
                    labels.add(alias.orElseGet(() -> e instanceof Ast.ColumnRef c ? c.column() : Ast.format(e)));
                    aliases.add(alias);
                }
            }
        }
        int visible = outputs.size();

        // ORDER BY: an output position, an output name, an output expression, or a hidden column.
        List<Plan.OrderKey> keys = new ArrayList<>();
        for (Ast.OrderItem o : select.orderBy()) {
            int index = orderTarget(o.expr(), labels, aliases, visible);
            if (index < 0) {
                Expression e = binder.in("ORDER BY").bind(o.expr()).expression();
                index = outputs.subList(0, visible).indexOf(e);
                if (index < 0) {
                    if (select.distinct()) {
                        throw new SemanticException(SqlState.INVALID_COLUMN_REFERENCE, "for SELECT DISTINCT, ORDER BY expressions must appear in the select list: "
                                + Ast.format(o.expr()));
                    }
                    outputs.add(e);
                    labels.add(Ast.format(o.expr()));
                    index = outputs.size() - 1;
                }
            }
            keys.add(new Plan.OrderKey(new Expression.Column(index, labels.get(index)), o.descending()));
        }
        plan = new Plan.Projection(plan, List.copyOf(outputs), List.copyOf(labels));
        if (select.distinct()) {
            plan = new Plan.Distinct(plan);
        }
        if (!keys.isEmpty()) {
            plan = new Plan.Order(plan, keys);
        }
        if (select.offset().isPresent()) {
            plan = new Plan.Offset(plan, count(select.offset().get(), "OFFSET"));
        }
        if (select.limit().isPresent()) {
            plan = new Plan.Limit(plan, count(select.limit().get(), "LIMIT"));
        }
        if (outputs.size() > visible) {
            List<Expression> trimmed = new ArrayList<>();
            for (int i = 0; i < visible; i++) {
                trimmed.add(new Expression.Column(i, labels.get(i)));
            }
            plan = new Plan.Projection(plan, trimmed, labels.subList(0, visible));
        }
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < visible; i++) {
            columns.add(new ResultColumn(labels.get(i), types.get(i).sqlType(), Nulls.of(plan, i)));
        }
        return new Planned(plan, List.copyOf(columns));
    }

    /**
     * A GROUP BY item that is an output position, or a bare name that is no input column but an
     * output alias, stands for that output (input columns win, as in PostgreSQL).
     */
    private static Expr groupAlias(Expr g, Ast.Select select, Scope input) {
        if (g instanceof Ast.Literal(Value.Int(long n))) {
            if (n < 1 || n > select.items().size() || !(select.items().get((int) n - 1) instanceof Ast.ExprItem item)) {
                throw new SemanticException(SqlState.INVALID_COLUMN_REFERENCE, "GROUP BY position " + n + " is not in the select list");
            }
            return item.expr();
        }
        if (g instanceof Ast.ColumnRef(Optional<String> t, String c) && t.isEmpty()
                && input.entries().stream().noneMatch(e -> e.column().equals(c))) {
            for (Ast.SelectItem i : select.items()) {
                if (i instanceof Ast.ExprItem(Expr e, Optional<String> alias) && alias.filter(c::equals).isPresent()) {
                    return e;
                }
            }
        }
        return g;
    }

    private static int orderTarget(Expr e, List<String> labels, List<Optional<String>> aliases, int visible) {
        if (e instanceof Ast.Literal(Value.Int(long n))) {
            if (n < 1 || n > visible) {
                throw new SemanticException(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + n + " is not in the select list");
            }
            return (int) n - 1;
        }
        if (e instanceof Ast.ColumnRef(Optional<String> t, String c) && t.isEmpty()) {
            int found = -1;
            for (int i = 0; i < visible; i++) {
                if (aliases.get(i).filter(c::equals).isPresent()) {
                    if (found >= 0) {
                        throw new SemanticException(SqlState.AMBIGUOUS_COLUMN, "ORDER BY " + c + " is ambiguous");
                    }
                    found = i;
                }
            }
            return found;
        }
        return -1;
    }

    /**
     * A LIMIT or OFFSET count: a constant, checked now, or an INTEGER parameter, whose value the
     * executor checks.
     */
    private static Expression count(Expr e, String clause) {
        Binder.Bound b = Binder.typed(new Binder(Scope.empty(), clause).bind(e), DataType.INTEGER);
        if (b.expression().hasParameters()) {
            if (b.type() != DataType.INTEGER) {
                throw new SemanticException(SqlState.DATATYPE_MISMATCH, clause + " must be an INTEGER, not " + b.type());
            }
            return b.expression();
        }
        Value v = b.expression().evaluate(List.of());
        if (!(v instanceof Value.Int(long n)) || n < 0) {
            throw new SemanticException(clause.equals("LIMIT") ? SqlState.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE
                    : SqlState.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE,
                    clause + " must be a non-negative integer, got " + Ast.format(e));
        }
        return new Expression.Constant(v);
    }

    private static int countTables(Ast.From from) {
        return switch (from) {
            case Ast.TableRef t -> 1;
            case Ast.Join j -> countTables(j.left()) + countTables(j.right());
        };
    }

    private Source from(Ast.From from, boolean qualified, Set<String> names) {
        return switch (from) {
            case Ast.TableRef t -> {
                Table table = catalog.require(t.table());
                if (!names.add(t.name())) {
                    throw new SemanticException(SqlState.DUPLICATE_ALIAS, "table name " + t.name() + " is used more than once in FROM; use an alias");
                }
                yield new Source(new Plan.Scan(table, t.name(), Optional.empty()), Scope.of(table, t.name(), qualified));
            }
            case Ast.Join j -> {
                Source left = from(j.left(), qualified, names);
                Source right = from(j.right(), qualified, names);
                if (j.type() == Ast.JoinType.RIGHT) {
                    // A RIGHT JOIN is a LEFT JOIN with the sides swapped, then the columns put back.
                    Scope swapped = right.scope().join(left.scope());
                    Expression on = new Binder(swapped, "ON").predicate(j.on().orElseThrow());
                    Plan join = new Plan.NestedLoopJoin(right.plan(), left.plan(), Optional.of(on), true);
                    Scope scope = left.scope().join(right.scope());
                    List<Expression> columns = new ArrayList<>();
                    List<String> labels = new ArrayList<>();
                    int lw = left.scope().size();
                    int rw = right.scope().size();
                    for (int i = 0; i < lw + rw; i++) {
                        int from0 = i < lw ? rw + i : i - lw;
                        columns.add(new Expression.Column(from0, scope.label(i)));
                        labels.add(scope.label(i));
                    }
                    yield new Source(new Plan.Projection(join, columns, labels), scope);
                }
                Scope scope = left.scope().join(right.scope());
                Optional<Expression> on = j.on().map(e -> new Binder(scope, "ON").predicate(e));
                yield new Source(new Plan.NestedLoopJoin(left.plan(), right.plan(), on, j.type() == Ast.JoinType.LEFT), scope);
            }
        };
    }
}
