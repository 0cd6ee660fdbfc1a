package io.mynode.sql.plan;

import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.parse.Ast;
import io.mynode.sql.parse.Ast.Expr;
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
 */
final class Binder {
    /** A bound expression with its type. */
    record Bound(Expression expression, DataType type) {}

    /** What an aggregated query binds to: the input scope, the groups and the aggregate calls. */
    record Grouping(Binder input, List<Bound> groups, List<Ast.Call> calls, List<DataType> callTypes) {}

    private final Scope scope;
    private final Optional<Grouping> grouping;
    private final String clause;

    /** A binder for {@code clause} (named in errors, e.g. "WHERE") where aggregates are not allowed. */
    Binder(Scope scope, String clause) {
        this(scope, Optional.empty(), clause);
    }

    Binder(Scope scope, Optional<Grouping> grouping, String clause) {
        this.scope = scope;
        this.grouping = grouping;
        this.clause = clause;
    }

    Scope scope() {
        return scope;
    }

    Binder in(String otherClause) {
        return new Binder(scope, grouping, otherClause);
    }

    Bound bind(Expr e) {
        if (grouping.isPresent()) {
            Optional<Bound> m = matchGroup(grouping.get(), e);
            if (m.isPresent()) {
                return m.get();
            }
        }
        return switch (e) {
            case Ast.Literal(Value v) -> new Bound(new Expression.Constant(v), DataType.of(v));
            // Untyped until its context gives it a type (see typed()).
            case Ast.Parameter(int index) -> new Bound(new Expression.Parameter(index, DataType.NULL), DataType.NULL);
            case Ast.ColumnRef(Optional<String> t, String c) -> {
                if (grouping.isPresent()) {
                    int i = grouping.get().input().scope().resolve(t, c);
                    throw new SemanticException(SqlState.GROUPING_ERROR, "column " + grouping.get().input().scope().label(i)
                            + " must appear in the GROUP BY clause or be used in an aggregate function");
                }
                int i = scope.resolve(t, c);
                yield new Bound(new Expression.Column(i, scope.label(i)), scope.type(i));
            }
            case Ast.Unary(Ast.UnaryOp op, Expr x) -> {
                Bound b = bind(x);
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
                yield new Bound(new Expression.Unary(op, b.expression()), type);
            }
            case Ast.Binary(Ast.BinaryOp op, Expr l, Expr r) -> {
                Bound lb = bind(l);
                Bound rb = bind(r);
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
                    case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL ->
                            Typing.comparison(op.symbol, lb.type(), rb.type());
                    case CONCAT -> Typing.strings("||", lb.type(), rb.type(), DataType.STRING);
                    case ADD, SUBTRACT, MULTIPLY, DIVIDE, REMAINDER, POWER ->
                            Typing.arithmetic(op.symbol, lb.type(), rb.type());
                };
                yield new Bound(new Expression.Binary(op, lb.expression(), rb.expression()), type);
            }
            case Ast.Call c -> {
                Plan.Function f = function(c);
                throw new SemanticException(SqlState.GROUPING_ERROR, "aggregate function " + f.name().toLowerCase(Locale.ROOT)
                        + (grouping.isPresent() ? " cannot be nested in another aggregate" : " is not allowed in " + clause));
            }
            case Ast.IsNull(Expr x, boolean negated) ->
                    new Bound(new Expression.IsNull(bind(x).expression(), negated), DataType.BOOLEAN);
            case Ast.Like(Expr x, Expr p, boolean negated) -> {
                Bound xb = typed(bind(x), DataType.STRING);
                Bound pb = typed(bind(p), DataType.STRING);
                Typing.strings("LIKE", xb.type(), pb.type(), DataType.BOOLEAN);
                yield new Bound(new Expression.Like(xb.expression(), pb.expression(), negated), DataType.BOOLEAN);
            }
            case Ast.InList(Expr x, List<Expr> list, boolean negated) -> {
                Bound xb = bind(x);
                List<Bound> bound = new ArrayList<>();
                for (Expr i : list) {
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
                yield new Bound(new Expression.InList(xb.expression(), List.copyOf(items), negated), DataType.BOOLEAN);
            }
        };
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

    private static Optional<Bound> matchGroup(Grouping g, Expr e) {
        if (e instanceof Ast.Call c && isAggregate(c)) {
            int j = g.calls().indexOf(c);
            if (j < 0) {
                throw new SemanticException("internal: aggregate " + Ast.format(c) + " was not collected");
            }
            return Optional.of(new Bound(new Expression.Column(g.groups().size() + j, Ast.format(c)), g.callTypes().get(j)));
        }
        if (e instanceof Ast.Literal || e instanceof Ast.Parameter || containsAggregate(e)) {
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

    /** The aggregate function a call names, or a SemanticException. */
    static Plan.Function function(Ast.Call c) {
        Plan.Function f;
        try {
            f = Plan.Function.valueOf(c.name().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SemanticException(SqlState.UNDEFINED_FUNCTION, "unknown function " + c.name());
        }
        if (c.star() ? f != Plan.Function.COUNT : c.args().size() != 1) {
            throw new SemanticException(SqlState.UNDEFINED_FUNCTION, c.star() ? c.name() + "(*) is not allowed; only count(*)"
                    : "function " + c.name() + " takes exactly one argument, got " + c.args().size());
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

    static boolean containsAggregate(Expr e) {
        return switch (e) {
            case Ast.Literal l -> false;
            case Ast.Parameter p -> false;
            case Ast.ColumnRef c -> false;
            case Ast.Unary u -> containsAggregate(u.operand());
            case Ast.Binary b -> containsAggregate(b.left()) || containsAggregate(b.right());
            case Ast.Call c -> true;
            case Ast.IsNull i -> containsAggregate(i.operand());
            case Ast.Like l -> containsAggregate(l.operand()) || containsAggregate(l.pattern());
            case Ast.InList i -> containsAggregate(i.operand()) || i.list().stream().anyMatch(Binder::containsAggregate);
        };
    }

    /** Adds the aggregate calls in {@code e} to {@code out}, each once, outermost only. */
    static void collectAggregates(Expr e, List<Ast.Call> out) {
        switch (e) {
            case Ast.Literal l -> { }
            case Ast.Parameter p -> { }
            case Ast.ColumnRef c -> { }
            case Ast.Unary u -> collectAggregates(u.operand(), out);
            case Ast.Binary b -> {
                collectAggregates(b.left(), out);
                collectAggregates(b.right(), out);
            }
            case Ast.Call c -> {
                function(c);
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
            case Ast.IsNull i -> collectAggregates(i.operand(), out);
            case Ast.Like l -> {
                collectAggregates(l.operand(), out);
                collectAggregates(l.pattern(), out);
            }
            case Ast.InList i -> {
                collectAggregates(i.operand(), out);
                i.list().forEach(x -> collectAggregates(x, out));
            }
        }
    }
}
