package io.mynode.sql.plan;

import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.functions.Functions;
import io.mynode.sql.parse.Ast;
import io.mynode.sql.parse.Ast.Expr;
import io.mynode.sql.plan.Binder.Bound;
import io.mynode.sql.plan.Binder.Correlation;
import io.mynode.sql.store.Catalog;
import io.mynode.sql.store.Table;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Typing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plans queries: SELECT, set operations, VALUES, and FROM clauses with their joins and
 * subqueries. A SELECT is laid out in SQL's logical order:
 *
 * <pre>
 *   FROM (joins) ─► WHERE ─► GROUP BY / aggregates ─► HAVING ─► SELECT list (+ hidden ORDER BY
 *   columns) ─► DISTINCT ─► ORDER BY ─► OFFSET ─► LIMIT ─► drop hidden columns
 * </pre>
 *
 * Every query reports its column names and types, so that a set operation or a subquery is
 * type-checked against it at plan time: the columns of a UNION, like the branches of a CASE,
 * unify (INTEGER with FLOAT is FLOAT, converted where needed) or fail with both types named.
 */
final class QueryPlanner {
    /** A planned query: its plan, and the names and types of its columns. */
    record Planned(Plan plan, List<String> columns, List<DataType> types) {}

    private record Source(Plan plan, Scope scope) {}

    private final Catalog catalog;
    private final String database;

    /** A planner whose unqualified table names refer to {@code database}. */
    QueryPlanner(Catalog catalog, String database) {
        this.catalog = catalog;
        this.database = database;
    }

    /** Plans a query; {@code outer} links a subquery to the query around it. */
    Planned query(Ast.Query q, Optional<Correlation> outer) {
        return switch (q) {
            case Ast.Select s -> select(s, outer);
            case Ast.SetOperation o -> modifiers(setOperation(o, outer), o);
            case Ast.Values v -> modifiers(values(v, outer), v);
        };
    }

    /** A binder over {@code scope} that may plan subqueries. */
    Binder binder(Scope scope, String clause, Optional<Correlation> outer) {
        return new Binder(scope, Optional.empty(), clause, outer, Optional.of(this));
    }

    private Planned select(Ast.Select select, Optional<Correlation> outer) {
        Source from = select.from().isPresent()
                ? from(select.from().get(), countTables(select.from().get()) > 1, new HashSet<>(), outer)
                : new Source(new Plan.Values(List.of(List.of()), 0), Scope.empty());
        Plan plan = from.plan();
        Binder base = binder(from.scope(), "WHERE", outer);
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
            List<Bound> groups = new ArrayList<>();
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
                List<Bound> args = c.args().stream().map(argBinder::bind).toList();
                callTypes.add(aggregateType(f, args));
                aggregates.add(new Plan.AggregateCall(f, args.stream().map(Bound::expression).toList(), c.distinct()));
            }
            plan = new Plan.Aggregate(plan, groups.stream().map(Bound::expression).toList(), aggregates);
            binder = base.grouped(new Binder.Grouping(input, groups, calls, callTypes), "SELECT");
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
                        if (!e.generated() && (table.isEmpty() ? !e.hidden() : e.table().equals(table))) {
                            // By position (a subquery may have two columns of one name), unless
                            // grouping must first check the column is grouped.
                            Bound b = aggregated ? binder.bind(new Ast.ColumnRef(e.table(), e.column()))
                                    : new Bound(new Expression.Column(i, from.scope().label(i)), e.type());
                            outputs.add(b.expression());
                            types.add(b.type());
                            labels.add(e.column());
                            aliases.add(Optional.empty());
                        }
                    }
                }
                case Ast.ExprItem(Expr e, Optional<String> alias) -> {
                    Bound b = binder.bind(e);
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
            keys.add(key(new Expression.Column(index, labels.get(index)), o));
        }
        plan = new Plan.Projection(plan, List.copyOf(outputs), List.copyOf(labels));
        if (select.distinct()) {
            plan = new Plan.Distinct(plan);
        }
        if (!keys.isEmpty()) {
            plan = new Plan.Order(plan, keys);
        }
        plan = limits(plan, select);
        if (outputs.size() > visible) {
            List<Expression> trimmed = new ArrayList<>();
            for (int i = 0; i < visible; i++) {
                trimmed.add(new Expression.Column(i, labels.get(i)));
            }
            plan = new Plan.Projection(plan, trimmed, labels.subList(0, visible));
        }
        return new Planned(plan, List.copyOf(labels.subList(0, visible)), List.copyOf(types.subList(0, visible)));
    }

    private static Plan.OrderKey key(Expression column, Ast.OrderItem o) {
        return new Plan.OrderKey(column, o.descending(), o.nullsFirst().orElse(o.descending()));
    }

    private static Plan limits(Plan plan, Ast.Query q) {
        if (q.offset().isPresent()) {
            plan = new Plan.Offset(plan, count(q.offset().get(), "OFFSET"));
        }
        if (q.limit().isPresent()) {
            plan = new Plan.Limit(plan, count(q.limit().get(), "LIMIT"));
        }
        return plan;
    }

    /** The type of an aggregate call's result, its arguments' types checked. */
    private static DataType aggregateType(Plan.Function f, List<Bound> args) {
        DataType arg = args.isEmpty() ? DataType.INTEGER : args.getFirst().type();
        String name = f.name();
        return switch (f) {
            case COUNT -> DataType.INTEGER;
            case SUM -> Typing.numeric(name, arg);
            case AVG, VAR_POP, VAR_SAMP, VARIANCE, STDDEV_POP, STDDEV_SAMP, STDDEV -> {
                Typing.numeric(name, arg);
                yield DataType.FLOAT;
            }
            case MIN, MAX -> arg;
            case BOOL_AND, BOOL_OR, EVERY -> Typing.logical(name, arg);
            case STRING_AGG -> Typing.strings(name, arg, args.get(1).type(), DataType.STRING);
        };
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
    static Expression count(Expr e, String clause) {
        Bound b = Binder.typed(new Binder(Scope.empty(), clause).bind(e), DataType.INTEGER);
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

    // ---- set operations and VALUES

    private Planned setOperation(Ast.SetOperation o, Optional<Correlation> outer) {
        Planned left = query(o.left(), outer);
        Planned right = query(o.right(), outer);
        String op = o.operator().name();
        if (left.columns().size() != right.columns().size()) {
            throw new SemanticException(SqlState.SYNTAX_ERROR, "each " + op + " query must have the same number of columns: "
                    + left.columns().size() + " and " + right.columns().size());
        }
        List<DataType> types = new ArrayList<>();
        for (int i = 0; i < left.types().size(); i++) {
            types.add(Typing.unify(op, List.of(left.types().get(i), right.types().get(i))));
        }
        Plan plan = new Plan.SetOperation(conform(left, types), conform(right, types), o.operator(), o.all());
        return new Planned(plan, left.columns(), List.copyOf(types));
    }

    /** The planned query with its INTEGER columns converted where {@code types} wants FLOAT. */
    private static Plan conform(Planned p, List<DataType> types) {
        if (p.types().equals(types) || types.stream().noneMatch(t -> t == DataType.FLOAT)) {
            return p.plan();
        }
        List<Expression> columns = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            Expression c = new Expression.Column(i, p.columns().get(i));
            columns.add(Binder.widen(new Bound(c, p.types().get(i)), types.get(i)));
        }
        return new Plan.Projection(p.plan(), columns, p.columns());
    }

    private Planned values(Ast.Values v, Optional<Correlation> outer) {
        int width = v.rows().getFirst().size();
        Binder binder = binder(Scope.empty(), "VALUES", outer);
        List<List<Bound>> rows = new ArrayList<>();
        for (List<Expr> row : v.rows()) {
            if (row.size() != width) {
                throw new SemanticException(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length: " + width + " and " + row.size());
            }
            rows.add(row.stream().map(binder::bind).toList());
        }
        List<DataType> types = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            int column = i;
            types.add(Typing.unify("VALUES", rows.stream().map(r -> r.get(column).type()).toList()));
            labels.add("column" + (i + 1));
        }
        List<List<Expression>> out = rows.stream()
                .map(r -> {
                    List<Expression> row = new ArrayList<>();
                    for (int i = 0; i < width; i++) {
                        row.add(Binder.widen(r.get(i), types.get(i)));
                    }
                    return List.copyOf(row);
                }).toList();
        return new Planned(new Plan.Values(out, width), List.copyOf(labels), List.copyOf(types));
    }

    /**
     * ORDER BY, OFFSET and LIMIT over a set operation or VALUES, whose ORDER BY may name only
     * output columns, by name or position, as in PostgreSQL.
     */
    private static Planned modifiers(Planned p, Ast.Query q) {
        Plan plan = p.plan();
        List<Plan.OrderKey> keys = new ArrayList<>();
        for (Ast.OrderItem o : q.orderBy()) {
            int index = -1;
            if (o.expr() instanceof Ast.Literal(Value.Int(long n))) {
                if (n < 1 || n > p.columns().size()) {
                    throw new SemanticException(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + n + " is not in the select list");
                }
                index = (int) n - 1;
            } else if (o.expr() instanceof Ast.ColumnRef(Optional<String> t, String c) && t.isEmpty()) {
                index = p.columns().indexOf(c);
                if (index >= 0 && p.columns().lastIndexOf(c) != index) {
                    throw new SemanticException(SqlState.AMBIGUOUS_COLUMN, "ORDER BY " + c + " is ambiguous");
                }
            }
            if (index < 0) {
                throw new SemanticException(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY of a UNION, INTERSECT, EXCEPT or VALUES must name an output "
                        + "column or its position, not " + Ast.format(o.expr()));
            }
            keys.add(key(new Expression.Column(index, p.columns().get(index)), o));
        }
        if (!keys.isEmpty()) {
            plan = new Plan.Order(plan, keys);
        }
        return new Planned(limits(plan, q), p.columns(), p.types());
    }

    // ---- FROM

    private static int countTables(Ast.From from) {
        return switch (from) {
            case Ast.TableRef t -> 1;
            case Ast.Derived d -> 1;
            case Ast.Join j -> countTables(j.left()) + countTables(j.right());
        };
    }

    private Source from(Ast.From from, boolean qualified, Set<String> names, Optional<Correlation> outer) {
        return switch (from) {
            case Ast.TableRef t -> {
                Table table = catalog.require(database, t.table());
                if (!names.add(t.name())) {
                    throw new SemanticException(SqlState.DUPLICATE_ALIAS, "table name " + t.name() + " is used more than once in FROM; use an alias");
                }
                yield new Source(new Plan.Scan(table, t.name(), Optional.empty()), Scope.of(table, t.name(), qualified));
            }
            case Ast.Derived d -> {
                if (!names.add(d.alias())) {
                    throw new SemanticException(SqlState.DUPLICATE_ALIAS, "table name " + d.alias() + " is used more than once in FROM; use an alias");
                }
                Planned p = query(d.query(), outer);
                List<String> columns = new ArrayList<>(p.columns());
                if (d.columns().size() > columns.size()) {
                    throw new SemanticException(SqlState.INVALID_COLUMN_REFERENCE, "table " + d.alias() + " has " + columns.size()
                            + " columns available but " + d.columns().size() + " columns specified");
                }
                for (int i = 0; i < d.columns().size(); i++) {
                    columns.set(i, d.columns().get(i));
                }
                yield new Source(p.plan(), Scope.of(d.alias(), columns, p.types(), qualified));
            }
            case Ast.Join j -> join(j, qualified, names, outer);
        };
    }

    private Source join(Ast.Join j, boolean qualified, Set<String> names, Optional<Correlation> outer) {
        Source left = from(j.left(), qualified, names, outer);
        Source right = from(j.right(), qualified, names, outer);
        Scope scope = left.scope().join(right.scope());
        int lw = left.scope().size();
        int rw = right.scope().size();
        List<String> using = j.natural() ? common(left.scope(), right.scope()) : j.using();
        Optional<Expression> on;
        List<int[]> merged = new ArrayList<>();
        if (j.natural() || !using.isEmpty()) {
            List<Expression> conditions = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String name : using) {
                if (!seen.add(name)) {
                    throw new SemanticException(SqlState.DUPLICATE_COLUMN, "column " + name + " appears more than once in USING");
                }
                int l = left.scope().find(Optional.empty(), name).orElseThrow(() -> new SemanticException(
                        "column " + name + " specified in USING does not exist in the left table"));
                int r = right.scope().find(Optional.empty(), name).orElseThrow(() -> new SemanticException(
                        "column " + name + " specified in USING does not exist in the right table"));
                Typing.comparison("USING (" + name + ")", left.scope().type(l), right.scope().type(r));
                conditions.add(new Expression.Binary(Ast.BinaryOp.EQUAL, new Expression.Column(l, scope.label(l)),
                        new Expression.Column(lw + r, scope.label(lw + r))));
                merged.add(new int[] {l, r});
            }
            on = Expression.and(conditions);
        } else {
            on = j.on().map(e -> binder(scope, "ON", outer).predicate(e));
        }
        Plan plan = switch (j.type()) {
            case CROSS, INNER -> new Plan.NestedLoopJoin(left.plan(), right.plan(), on, Plan.JoinKind.INNER);
            case LEFT -> new Plan.NestedLoopJoin(left.plan(), right.plan(), on, Plan.JoinKind.LEFT);
            case FULL -> new Plan.NestedLoopJoin(left.plan(), right.plan(), on, Plan.JoinKind.FULL);
            case RIGHT -> {
                // A RIGHT JOIN is a LEFT JOIN with the sides swapped, then the columns put back.
                Optional<Expression> swapped = on.map(e -> e.transform(x -> x instanceof Expression.Column(int i, String l)
                        ? new Expression.Column(i < lw ? i + rw : i - lw, l) : x));
                Plan join = new Plan.NestedLoopJoin(right.plan(), left.plan(), swapped, Plan.JoinKind.LEFT);
                List<Expression> columns = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                for (int i = 0; i < lw + rw; i++) {
                    columns.add(new Expression.Column(i < lw ? rw + i : i - lw, scope.label(i)));
                    labels.add(scope.label(i));
                }
                yield new Plan.Projection(join, columns, labels);
            }
        };
        if (merged.isEmpty()) {
            return new Source(plan, scope);
        }
        return merge(plan, scope, left.scope(), lw, merged, j.type());
    }

    /**
     * The columns of a USING or NATURAL join: each merged column once, first, then every column
     * of both sides, the merged ones hidden (reachable as {@code a.id}, not as {@code id} or by
     * {@code *}). A merged column is the left value, the right one for a RIGHT JOIN, and the
     * one that is not NULL for a FULL JOIN.
     */
    private static Source merge(Plan plan, Scope scope, Scope left, int lw, List<int[]> merged, Ast.JoinType type) {
        List<Expression> columns = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Scope.Entry> entries = new ArrayList<>();
        Set<Integer> hidden = new HashSet<>();
        for (int[] m : merged) {
            int l = m[0];
            int r = lw + m[1];
            Bound lb = new Bound(new Expression.Column(l, scope.label(l)), scope.type(l));
            Bound rb = new Bound(new Expression.Column(r, scope.label(r)), scope.type(r));
            DataType t = Typing.unify("USING", List.of(lb.type(), rb.type()));
            Expression e = switch (type) {
                case RIGHT -> Binder.widen(rb, t);
                case FULL -> new Expression.Call(Functions.find("coalesce").orElseThrow(),
                        List.of(Binder.widen(lb, t), Binder.widen(rb, t)));
                default -> Binder.widen(lb, t);
            };
            String name = left.entries().get(l).column();
            columns.add(e);
            labels.add(name);
            entries.add(new Scope.Entry(Optional.empty(), name, t));
            hidden.add(l);
            hidden.add(r);
        }
        for (int i = 0; i < scope.size(); i++) {
            columns.add(new Expression.Column(i, scope.label(i)));
            labels.add(scope.label(i));
            Scope.Entry e = scope.entries().get(i);
            entries.add(hidden.contains(i) ? e.hide() : e);
        }
        return new Source(new Plan.Projection(plan, columns, labels), new Scope(entries, scope.qualified()));
    }

    /** NATURAL JOIN's columns: the names both sides show, in the left side's order. */
    private static List<String> common(Scope left, Scope right) {
        List<String> out = new ArrayList<>();
        for (Scope.Entry e : left.entries()) {
            if (!e.hidden() && !out.contains(e.column()) && right.find(Optional.empty(), e.column()).isPresent()) {
                left.find(Optional.empty(), e.column());
                out.add(e.column());
            }
        }
        return out;
    }
}
