package io.mynode.sql.plan;

import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.functions.Functions;
import io.mynode.sql.functions.ScalarFunction;
import io.mynode.sql.parse.Ast;
import io.mynode.sql.parse.Ast.Expr;
import io.mynode.sql.types.Casts;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Typing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves the names of an AST expression against a {@link Scope} and checks its types,
 * producing a bound {@link Expression}. After GROUP BY, a binder also maps grouped expressions
 * and aggregate calls to the columns of the aggregate's output, and refuses bare columns that
 * are neither.
 *
 * <p>A subquery is planned by the {@link QueryPlanner} with a {@link Correlation} back to this
 * binder: a name the subquery's own FROM does not have is looked up here (and, failing that,
 * further out), bound as an expression over this query's row, and passed into the subquery as
 * an argument, which the subquery reads as an {@link Expression.Outer}. So a correlated
 * subquery is an ordinary plan with parameters, and the optimizer may move the expression that
 * holds it like any other: its arguments move with it.
 */
final class Binder {
    /** A bound expression with its type. */
    record Bound(Expression expression, DataType type) {}

    /** What an aggregated query binds to: the input scope, the groups and the aggregate calls. */
    record Grouping(Binder input, List<Bound> groups, List<Ast.Call> calls, List<DataType> callTypes) {}

    /**
     * A subquery's link to the query around it: the binder of the clause the subquery appears
     * in, and the outer expressions the subquery has asked for so far (its arguments).
     */
    static final class Correlation {
        private final Binder outer;
        private final List<Expression> arguments = new ArrayList<>();

        Correlation(Binder outer) {
            this.outer = outer;
        }

        List<Expression> arguments() {
            return List.copyOf(arguments);
        }

        /** Binds a column the subquery does not have, as an argument taken from the outer row. */
        Bound column(Ast.ColumnRef ref) {
            Bound b = outer.bind(ref);
            int i = arguments.indexOf(b.expression());
            if (i < 0) {
                arguments.add(b.expression());
                i = arguments.size() - 1;
            }
            return new Bound(new Expression.Outer(i, "$" + (i + 1)), b.type());
        }
    }

    private final Scope scope;
    private final Optional<Grouping> grouping;
    private final String clause;
    private final Optional<Correlation> outer;
    private final Optional<QueryPlanner> queries;

    /** A binder for {@code clause} (named in errors, e.g. "DEFAULT") with no subqueries and no outer query. */
    Binder(Scope scope, String clause) {
        this(scope, Optional.empty(), clause, Optional.empty(), Optional.empty());
    }

    Binder(Scope scope, Optional<Grouping> grouping, String clause, Optional<Correlation> outer,
            Optional<QueryPlanner> queries) {
        this.scope = scope;
        this.grouping = grouping;
        this.clause = clause;
        this.outer = outer;
        this.queries = queries;
    }

    Scope scope() {
        return scope;
    }

    Optional<Correlation> outer() {
        return outer;
    }

    Binder in(String otherClause) {
        return new Binder(scope, grouping, otherClause, outer, queries);
    }

    /** The same binder after GROUP BY: grouped expressions and aggregates become output columns. */
    Binder grouped(Grouping g, String otherClause) {
        return new Binder(scope, Optional.of(g), otherClause, outer, queries);
    }

    Bound bind(Expr e) {
        if (grouping.isPresent()) {
            Optional<Bound> m = matchGroup(grouping.get(), e);
            if (m.isPresent()) {
                return m.get();
            }
        }
        // Each case is a method of its own: one method holding every case's locals would make a
        // stack frame so large that a chain of 900 operators overflowed the stack.
        return switch (e) {
            case Ast.Literal(Value v) -> new Bound(new Expression.Constant(v), DataType.of(v));
            // Untyped until its context gives it a type (see typed()).
            case Ast.Parameter(int index) -> new Bound(new Expression.Parameter(index, DataType.NULL), DataType.NULL);
            case Ast.ColumnRef ref -> column(ref);
            case Ast.Unary u -> unary(u);
            case Ast.Binary b -> binary(b);
            case Ast.Call c -> call(c);
            case Ast.IsNull(Expr x, boolean negated) ->
                    new Bound(new Expression.IsNull(bind(x).expression(), negated), DataType.BOOLEAN);
            case Ast.IsTruth t -> isTruth(t);
            case Ast.Like l -> like(l);
            case Ast.InList i -> inList(i);
            case Ast.Between b -> between(b);
            case Ast.Case c -> caseExpression(c);
            case Ast.Cast c -> cast(c);
            case Ast.ScalarSubquery(Ast.Query q) -> scalarSubquery(q);
            case Ast.Exists(Ast.Query q) -> exists(q);
            case Ast.InSubquery i -> inSubquery(i);
            case Ast.Quantified(Expr x, Ast.BinaryOp op, boolean all, Ast.Query q) ->
                    quantified(x, op, all, q, op.symbol + (all ? " ALL" : " ANY"));
            case Ast.Default d -> throw new SemanticException(SqlState.SYNTAX_ERROR, "DEFAULT is not allowed in " + clause
                    + "; only as a whole value in INSERT VALUES or UPDATE SET");
        };
    }

    private Bound unary(Ast.Unary u) {
        Ast.UnaryOp op = u.op();
        Bound b = bind(u.operand());
        b = switch (op) {
            case NOT -> typed(b, DataType.BOOLEAN);
            case FACTORIAL -> typed(b, DataType.INTEGER);
            case PLUS, MINUS -> b;
        };
        DataType type = switch (op) {
            case NOT -> Typing.logical("NOT", b.type());
            case PLUS, MINUS -> Typing.sign(op.symbol, b.type());
            case FACTORIAL -> Typing.factorial(b.type());
        };
        return new Bound(new Expression.Unary(op, b.expression()), type);
    }

    private Bound binary(Ast.Binary bin) {
        Ast.BinaryOp op = bin.op();
        Bound lb = bind(bin.left());
        Bound rb = bind(bin.right());
        switch (op) {
            case AND, OR -> {
                lb = typed(lb, DataType.BOOLEAN);
                rb = typed(rb, DataType.BOOLEAN);
            }
            case CONCAT -> {
                lb = typed(lb, DataType.STRING);
                rb = typed(rb, DataType.STRING);
            }
            default -> {
                // A parameter compared with or combined with a typed operand takes its type.
                lb = typed(lb, rb.type());
                rb = typed(rb, lb.type());
            }
        }
        DataType type = switch (op) {
            case AND, OR -> Typing.logical(op.symbol, lb.type(), rb.type());
            case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, IS_DISTINCT_FROM,
                    IS_NOT_DISTINCT_FROM -> Typing.comparison(op.symbol, lb.type(), rb.type());
            case CONCAT -> Typing.concat(lb.type(), rb.type());
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, REMAINDER, POWER -> Typing.arithmetic(op.symbol, lb.type(), rb.type());
        };
        return new Bound(new Expression.Binary(op, lb.expression(), rb.expression()), type);
    }

    private Bound isTruth(Ast.IsTruth t) {
        Bound b = typed(bind(t.operand()), DataType.BOOLEAN);
        Typing.logical("IS " + t.truth(), b.type());
        return new Bound(t.truth() == Ast.Truth.UNKNOWN ? new Expression.IsNull(b.expression(), t.negated())
                : new Expression.IsTruth(b.expression(), t.truth() == Ast.Truth.TRUE, t.negated()), DataType.BOOLEAN);
    }

    private Bound like(Ast.Like l) {
        Bound xb = typed(bind(l.operand()), DataType.STRING);
        Bound pb = typed(bind(l.pattern()), DataType.STRING);
        String op = l.caseInsensitive() ? "ILIKE" : "LIKE";
        Typing.strings(op, xb.type(), pb.type(), DataType.BOOLEAN);
        Optional<Expression> escape = Optional.empty();
        if (l.escape().isPresent()) {
            Bound eb = typed(bind(l.escape().get()), DataType.STRING);
            Typing.strings("ESCAPE", eb.type(), DataType.STRING, DataType.BOOLEAN);
            escape = Optional.of(eb.expression());
        }
        return new Bound(new Expression.Like(xb.expression(), pb.expression(), l.negated(), l.caseInsensitive(), escape),
                DataType.BOOLEAN);
    }

    private Bound inList(Ast.InList in) {
        Bound xb = bind(in.operand());
        List<Bound> bound = new ArrayList<>();
        for (Expr i : in.list()) {
            Bound ib = bind(i);
            bound.add(ib);
            xb = typed(xb, ib.type());
        }
        List<Expression> items = new ArrayList<>();
        for (Bound ib : bound) {
            ib = typed(ib, xb.type());
            Typing.comparison("IN", xb.type(), ib.type());
            items.add(ib.expression());
        }
        return new Bound(new Expression.InList(xb.expression(), List.copyOf(items), in.negated()), DataType.BOOLEAN);
    }

    private Bound cast(Ast.Cast c) {
        Bound b = typed(bind(c.operand()), c.type());
        Casts.check(b.type(), c.type());
        return new Bound(b.type() == c.type() ? b.expression() : new Expression.Cast(b.expression(), c.type()), c.type());
    }

    private Bound scalarSubquery(Ast.Query q) {
        Subplan p = subquery(q, "a scalar subquery", true);
        return new Bound(new Expression.Subquery(Expression.SubqueryKind.SCALAR, p.plan(), p.arguments(), Optional.empty(),
                Optional.empty()), p.type());
    }

    private Bound exists(Ast.Query q) {
        Subplan p = subquery(q, "EXISTS", false);
        return new Bound(new Expression.Subquery(Expression.SubqueryKind.EXISTS, p.plan(), p.arguments(), Optional.empty(),
                Optional.empty()), DataType.BOOLEAN);
    }

    private Bound inSubquery(Ast.InSubquery i) {
        Bound in = quantified(i.operand(), Ast.BinaryOp.EQUAL, false, i.query(), "IN");
        return i.negated() ? new Bound(new Expression.Unary(Ast.UnaryOp.NOT, in.expression()), DataType.BOOLEAN) : in;
    }

    /**
     * {@code b} with the type {@code type} when it is a parameter no context has typed yet, so
     * that {@code id = ?} gives the parameter {@code id}'s type; anything else unchanged. A
     * parameter stays untyped ({@code NULL}) where nothing fixes its type ({@code SELECT ?}).
     */
    static Bound typed(Bound b, DataType type) {
        if (type != DataType.NULL && b.expression() instanceof Expression.Parameter(int index, DataType t)
                && t == DataType.NULL) {
            return new Bound(new Expression.Parameter(index, type), type);
        }
        return b;
    }

    /** Binds a predicate, which must be BOOLEAN (or NULL). */
    Expression predicate(Expr e) {
        Bound b = typed(bind(e), DataType.BOOLEAN);
        if (b.type() != DataType.BOOLEAN && b.type() != DataType.NULL) {
            throw new SemanticException(SqlState.DATATYPE_MISMATCH, clause + " must be BOOLEAN, not " + b.type() + ": " + Ast.format(e));
        }
        return b.expression();
    }

    /** {@code expression} converted to {@code type} if it is an INTEGER where a FLOAT is wanted. */
    static Expression widen(Bound b, DataType type) {
        return b.type() != type && b.type() != DataType.NULL ? new Expression.Cast(b.expression(), type) : b.expression();
    }

    private Bound column(Ast.ColumnRef ref) {
        Optional<Integer> local = scope.find(ref.table(), ref.column());
        if (local.isPresent()) {
            if (grouping.isPresent()) {
                throw new SemanticException(SqlState.GROUPING_ERROR, "column " + scope.label(local.get())
                        + " must appear in the GROUP BY clause or be used in an aggregate function");
            }
            return new Bound(new Expression.Column(local.get(), scope.label(local.get())), scope.type(local.get()));
        }
        if (outer.isPresent()) {
            return outer.get().column(ref);
        }
        throw scope.unknown(ref.table(), ref.column());
    }

    private Bound call(Ast.Call c) {
        if (isAggregate(c)) {
            Plan.Function f = function(c);
            throw new SemanticException(SqlState.GROUPING_ERROR, "aggregate function " + f.name().toLowerCase(Locale.ROOT)
                    + (grouping.isPresent() ? " cannot be nested in another aggregate" : " is not allowed in " + clause));
        }
        ScalarFunction f = Functions.find(c.name())
                .orElseThrow(() -> new SemanticException(SqlState.UNDEFINED_FUNCTION, "unknown function " + c.name()));
        if (c.star() || c.distinct()) {
            throw new SemanticException(SqlState.UNDEFINED_FUNCTION, c.star() ? c.name() + "(*) is not allowed; only count(*)"
                    : "DISTINCT is allowed only in aggregate functions, not in " + c.name());
        }
        List<Bound> args = c.args().stream().map(this::bind).toList();
        ScalarFunction.Signature sig = f.signature(args.stream().map(Bound::type).toList());
        List<Expression> converted = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            DataType p = sig.parameters().get(i);
            converted.add(widen(typed(args.get(i), p), p));
        }
        return new Bound(new Expression.Call(f, List.copyOf(converted)), sig.result());
    }

    /** BETWEEN as the comparisons it means, which the optimizer can use for ranges. */
    private Bound between(Ast.Between b) {
        Bound x = bind(b.operand());
        Bound low = bind(b.low());
        Bound high = bind(b.high());
        x = typed(typed(x, low.type()), high.type());
        low = typed(low, x.type());
        high = typed(high, x.type());
        Typing.comparison("BETWEEN", x.type(), low.type());
        Typing.comparison("BETWEEN", x.type(), high.type());
        Expression in = range(x.expression(), low.expression(), high.expression(), b.negated());
        if (b.symmetric()) {
            Expression swapped = range(x.expression(), high.expression(), low.expression(), b.negated());
            in = new Expression.Binary(b.negated() ? Ast.BinaryOp.AND : Ast.BinaryOp.OR, in, swapped);
        }
        return new Bound(in, DataType.BOOLEAN);
    }

    private static Expression range(Expression x, Expression low, Expression high, boolean negated) {
        return negated
                ? new Expression.Binary(Ast.BinaryOp.OR, new Expression.Binary(Ast.BinaryOp.LESS, x, low),
                        new Expression.Binary(Ast.BinaryOp.GREATER, x, high))
                : new Expression.Binary(Ast.BinaryOp.AND, new Expression.Binary(Ast.BinaryOp.GREATER_OR_EQUAL, x, low),
                        new Expression.Binary(Ast.BinaryOp.LESS_OR_EQUAL, x, high));
    }

    /** CASE: conditions BOOLEAN, results unified to one type (INTEGER with FLOAT is FLOAT). */
    private Bound caseExpression(Ast.Case c) {
        Optional<Bound> operand = c.operand().map(this::bind);
        List<Expression> conditions = new ArrayList<>();
        List<Bound> results = new ArrayList<>();
        for (Ast.When w : c.whens()) {
            Bound when = bind(w.condition());
            if (operand.isPresent()) {
                when = typed(when, operand.get().type());
                Typing.comparison("CASE", operand.get().type(), when.type());
                conditions.add(new Expression.Binary(Ast.BinaryOp.EQUAL, operand.get().expression(), when.expression()));
            } else {
                when = typed(when, DataType.BOOLEAN);
                if (when.type() != DataType.BOOLEAN && when.type() != DataType.NULL) {
                    throw new SemanticException(SqlState.DATATYPE_MISMATCH, "CASE WHEN must be BOOLEAN, not " + when.type() + ": "
                            + Ast.format(w.condition()));
                }
                conditions.add(when.expression());
            }
            results.add(bind(w.result()));
        }
        Optional<Bound> otherwise = c.otherwise().map(this::bind);
        List<DataType> types = new ArrayList<>(results.stream().map(Bound::type).toList());
        otherwise.ifPresent(o -> types.add(o.type()));
        DataType type = Typing.unify("CASE", types);
        return new Bound(new Expression.Case(List.copyOf(conditions),
                results.stream().map(r -> widen(typed(r, type), type)).toList(),
                otherwise.map(o -> widen(typed(o, type), type))), type);
    }

    /** A planned subquery with its arguments from this query, and its one column's type. */
    private record Subplan(Plan plan, List<Expression> arguments, DataType type) {}

    private Subplan subquery(Ast.Query q, String what, boolean oneColumn) {
        QueryPlanner planner = queries.orElseThrow(() -> new SemanticException(SqlState.FEATURE_NOT_SUPPORTED,
                "subqueries are not allowed in " + clause));
        Correlation correlation = new Correlation(this);
        QueryPlanner.Planned p = planner.query(q, Optional.of(correlation));
        if (oneColumn && p.columns().size() != 1) {
            throw new SemanticException(SqlState.SYNTAX_ERROR, what + " must return exactly one column, not "
                    + p.columns().size());
        }
        return new Subplan(p.plan(), correlation.arguments(), p.types().getFirst());
    }

    /** {@code x op ANY|ALL (subquery)}; IN is {@code = ANY}. */
    private Bound quantified(Expr x, Ast.BinaryOp op, boolean all, Ast.Query q, String what) {
        Subplan p = subquery(q, "the subquery of " + what, true);
        Bound operand = typed(bind(x), p.type());
        Typing.comparison(what, operand.type(), p.type());
        return new Bound(new Expression.Subquery(all ? Expression.SubqueryKind.ALL : Expression.SubqueryKind.ANY, p.plan(),
                p.arguments(), Optional.of(operand.expression()), op.comparison()), DataType.BOOLEAN);
    }

    private static Optional<Bound> matchGroup(Grouping g, Expr e) {
        if (e instanceof Ast.Call c && isAggregate(c)) {
            int j = g.calls().indexOf(c);
            if (j < 0) {
                throw new SemanticException("internal: aggregate " + Ast.format(c) + " was not collected");
            }
            return Optional.of(new Bound(new Expression.Column(g.groups().size() + j, Ast.format(c)), g.callTypes().get(j)));
        }
        // Subqueries are bound where they stand: matching them to a GROUP BY expression would
        // plan each twice, and nested ones exponentially often.
        if (e instanceof Ast.Literal || e instanceof Ast.Parameter || containsAggregate(e) || containsSubquery(e)) {
            return Optional.empty();
        }
        Bound b = g.input().bind(e);
        for (int i = 0; i < g.groups().size(); i++) {
            if (g.groups().get(i).expression().equals(b.expression())) {
                return Optional.of(new Bound(new Expression.Column(i, b.expression().format()), b.type()));
            }
        }
        return Optional.empty();
    }

    /** The aggregate function a call names, with its arguments checked, or a SemanticException. */
    static Plan.Function function(Ast.Call c) {
        Plan.Function f;
        try {
            f = Plan.Function.valueOf(c.name().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SemanticException(SqlState.UNDEFINED_FUNCTION, "unknown function " + c.name());
        }
        if (c.star()) {
            if (f != Plan.Function.COUNT) {
                throw new SemanticException(SqlState.UNDEFINED_FUNCTION, c.name() + "(*) is not allowed; only count(*)");
            }
        } else if (c.args().size() != f.arity()) {
            throw new SemanticException(SqlState.UNDEFINED_FUNCTION, "function " + c.name() + " takes exactly "
                    + (f.arity() == 1 ? "one argument"
                    : f.arity() + " arguments") + ", got " + c.args().size());
        }
        return f;
    }

    static boolean isAggregate(Ast.Call c) {
        try {
            Plan.Function.valueOf(c.name().toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The expressions directly inside {@code e}, not looking into subqueries (they aggregate on their own). */
    static List<Expr> children(Expr e) {
        return switch (e) {
            case Ast.Literal l -> List.of();
            case Ast.Parameter p -> List.of();
            case Ast.ColumnRef c -> List.of();
            case Ast.Default d -> List.of();
            case Ast.ScalarSubquery s -> List.of();
            case Ast.Exists x -> List.of();
            case Ast.InSubquery i -> List.of(i.operand());
            case Ast.Quantified q -> List.of(q.operand());
            case Ast.Unary u -> List.of(u.operand());
            case Ast.Binary b -> List.of(b.left(), b.right());
            case Ast.Call c -> c.args();
            case Ast.IsNull i -> List.of(i.operand());
            case Ast.IsTruth i -> List.of(i.operand());
            case Ast.Like l -> l.escape().isPresent() ? List.of(l.operand(), l.pattern(), l.escape().get())
                    : List.of(l.operand(), l.pattern());
            case Ast.InList i -> {
                List<Expr> out = new ArrayList<>(List.of(i.operand()));
                out.addAll(i.list());
                yield out;
            }
            case Ast.Between b -> List.of(b.operand(), b.low(), b.high());
            case Ast.Case c -> {
                List<Expr> out = new ArrayList<>();
                c.operand().ifPresent(out::add);
                c.whens().forEach(w -> {
                    out.add(w.condition());
                    out.add(w.result());
                });
                c.otherwise().ifPresent(out::add);
                yield out;
            }
            case Ast.Cast c -> List.of(c.operand());
        };
    }

    static boolean containsAggregate(Expr e) {
        return e instanceof Ast.Call c && isAggregate(c) || children(e).stream().anyMatch(Binder::containsAggregate);
    }

    static boolean containsSubquery(Expr e) {
        return e instanceof Ast.ScalarSubquery || e instanceof Ast.Exists || e instanceof Ast.InSubquery
                || e instanceof Ast.Quantified || children(e).stream().anyMatch(Binder::containsSubquery);
    }

    /** Adds the aggregate calls in {@code e} to {@code out}, each once, outermost only. */
    static void collectAggregates(Expr e, List<Ast.Call> out) {
        if (e instanceof Ast.Call c && isAggregate(c)) {
            function(c);
            if (!out.contains(c)) {
                out.add(c);
            }
            return;
        }
        children(e).forEach(x -> collectAggregates(x, out));
    }
}
