package io.mynode.sql.plan;

import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.functions.ScalarFunction;
import io.mynode.sql.parse.Ast.BinaryOp;
import io.mynode.sql.parse.Ast.UnaryOp;
import io.mynode.sql.types.Casts;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Operators;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A bound expression: names resolved to positions in the input row, types checked. Evaluation
 * is a function of the input row and a {@link Context} (the values a correlated subquery takes
 * from its enclosing query, and the means to run subqueries), so the optimizer may fold and move
 * expressions freely: only {@link #isConstant() constant} ones are folded.
 */
public sealed interface Expression {

    record Constant(Value value) implements Expression {}

    /**
     * Parameter {@code index} (from 1) of a prepared statement, of the type its context gave it
     * ({@code NULL} while unknown). A plan holding parameters is bound, not runnable:
     * {@link #bind} replaces each with its value's {@link Constant} before the optimizer and the
     * executor see it, so neither ever evaluates one.
     */
    record Parameter(int index, DataType type) implements Expression {}

    /** The value at {@code index} of the input row; {@code label} is how EXPLAIN names it. */
    record Column(int index, String label) implements Expression {}

    record Unary(UnaryOp op, Expression operand) implements Expression {}

    record Binary(BinaryOp op, Expression left, Expression right) implements Expression {}

    record IsNull(Expression operand, boolean negated) implements Expression {}

    /** {@code IS [NOT] TRUE | FALSE}; never NULL. */
    record IsTruth(Expression operand, boolean truth, boolean negated) implements Expression {}

    /** LIKE and ILIKE; {@code escape} empty means a backslash. */
    record Like(Expression operand, Expression pattern, boolean negated, boolean caseInsensitive,
            Optional<Expression> escape) implements Expression {
        public Like(Expression operand, Expression pattern, boolean negated) {
            this(operand, pattern, negated, false, Optional.empty());
        }
    }

    record InList(Expression operand, List<Expression> list, boolean negated) implements Expression {}

    /** A searched CASE: the result of the first condition that is TRUE, else {@code otherwise} (NULL if none). */
    record Case(List<Expression> conditions, List<Expression> results, Optional<Expression> otherwise)
            implements Expression {}

    record Cast(Expression operand, DataType type) implements Expression {}

    /** A scalar function call; the arguments are already of the function's parameter types. */
    record Call(ScalarFunction function, List<Expression> arguments) implements Expression {}

    /**
     * A value of the enclosing query's row, in a correlated subquery: the subquery's
     * {@link Subquery#arguments() argument} {@code index}, evaluated on that row.
     */
    record Outer(int index, String label) implements Expression {}

    /**
     * A subquery used as a value. {@code arguments} are expressions over this (the enclosing)
     * row whose values the subquery's plan reads as {@link Outer}s; an uncorrelated subquery has
     * none. {@code operand} and {@code comparison} belong to ANY and ALL ({@code x IN (...)} is
     * {@code x = ANY (...)}).
     */
    record Subquery(SubqueryKind kind, Plan plan, List<Expression> arguments, Optional<Expression> operand,
            Optional<Operators.CompareOp> comparison) implements Expression {}

    /** What a subquery answers: its one value, whether it has rows, or a comparison with every row. */
    enum SubqueryKind { SCALAR, EXISTS, ANY, ALL }

    /** What evaluation needs beyond the row: outer values and a way to run subqueries. */
    interface Context {
        /** The enclosing query's value {@code index} (a correlated subquery's argument). */
        Value outer(int index);

        /** Runs a subquery with the given argument values (and ANY/ALL operand, else NULL). */
        Value subquery(Subquery query, List<Value> arguments, Value operand);

        /** A context with no outer values and no subqueries: for constants. */
        Context NONE = new Context() {
            @Override
            public Value outer(int index) {
                throw new InternalFailure("an outer value outside a subquery");
            }

            @Override
            public Value subquery(Subquery query, List<Value> arguments, Value operand) {
                throw new InternalFailure("a subquery evaluated without an executor");
            }
        };
    }

    Constant TRUE = new Constant(Value.TRUE);

    /** Evaluates a constant expression, or one over a row that needs no context. */
    default Value evaluate(List<Value> row) {
        return evaluate(row, Context.NONE);
    }

    /** Evaluates against one row. Errors (overflow, division by zero) are InvalidInputExceptions. */
    default Value evaluate(List<Value> row, Context context) {
        return switch (this) {
            case Constant(Value v) -> v;
            case Parameter(int index, DataType type) ->
                    throw new io.mynode.kernel.error.InternalFailure("parameter $" + index + " was not bound to a value");
            case Column(int index, String label) -> row.get(index);
            case Unary(UnaryOp op, Expression x) -> {
                Value v = x.evaluate(row, context);
                yield switch (op) {
                    case PLUS -> Operators.identity(v);
                    case MINUS -> Operators.negate(v);
                    case NOT -> Operators.not(v);
                    case FACTORIAL -> Operators.factorial(v);
                };
            }
            case Binary(BinaryOp op, Expression l, Expression r) -> binary(op, l, r, row, context);
            case IsNull(Expression x, boolean negated) -> Value.of((x.evaluate(row, context) instanceof Value.Null) != negated);
            case IsTruth(Expression x, boolean truth, boolean negated) ->
                    Value.of(x.evaluate(row, context).equals(Value.of(truth)) != negated);
            case Like l -> {
                Value v = Operators.like(l.operand().evaluate(row, context), l.pattern().evaluate(row, context),
                        l.escape().isPresent() ? l.escape().get().evaluate(row, context) : Value.of("\\"),
                        l.caseInsensitive());
                yield l.negated() ? Operators.not(v) : v;
            }
            case InList(Expression x, List<Expression> list, boolean negated) -> {
                Value v = x.evaluate(row, context);
                Value result = Value.FALSE;
                if (v instanceof Value.Null) {
                    result = Value.NULL;
                } else {
                    for (Expression e : list) {
                        Value eq = Operators.compare(v, e.evaluate(row, context), Operators.CompareOp.EQUAL);
                        if (eq.equals(Value.TRUE)) {
                            result = Value.TRUE;
                            break;
                        }
                        if (eq instanceof Value.Null) {
                            result = Value.NULL;
                        }
                    }
                }
                yield negated ? Operators.not(result) : result;
            }
            case Case(List<Expression> conditions, List<Expression> results, Optional<Expression> otherwise) -> {
                for (int i = 0; i < conditions.size(); i++) {
                    if (Operators.truthy(conditions.get(i).evaluate(row, context))) {
                        yield results.get(i).evaluate(row, context);
                    }
                }
                yield otherwise.isPresent() ? otherwise.get().evaluate(row, context) : Value.NULL;
            }
            case Cast(Expression x, DataType type) -> Casts.cast(x.evaluate(row, context), type);
            case Call(ScalarFunction f, List<Expression> args) -> f.body().apply(new ScalarFunction.Arguments() {
                private final Value[] values = new Value[args.size()];

                @Override
                public int size() {
                    return values.length;
                }

                @Override
                public Value get(int i) {
                    if (values[i] == null) {
                        values[i] = args.get(i).evaluate(row, context);
                    }
                    return values[i];
                }
            });
            case Outer(int index, String label) -> context.outer(index);
            case Subquery s -> {
                List<Value> arguments = new ArrayList<>(s.arguments().size());
                for (Expression a : s.arguments()) {
                    arguments.add(a.evaluate(row, context));
                }
                Value operand = s.operand().isPresent() ? s.operand().get().evaluate(row, context) : Value.NULL;
                yield context.subquery(s, arguments, operand);
            }
        };
    }

    private static Value binary(BinaryOp op, Expression l, Expression r, List<Value> row, Context context) {
        // AND and OR short-circuit on the left value, as three-valued logic allows.
        if (op == BinaryOp.AND) {
            Value lv = l.evaluate(row, context);
            return lv.equals(Value.FALSE) ? Value.FALSE : Operators.and(lv, r.evaluate(row, context));
        }
        if (op == BinaryOp.OR) {
            Value lv = l.evaluate(row, context);
            return lv.equals(Value.TRUE) ? Value.TRUE : Operators.or(lv, r.evaluate(row, context));
        }
        Value lv = l.evaluate(row, context);
        Value rv = r.evaluate(row, context);
        return switch (op) {
            case ADD -> Operators.add(lv, rv);
            case SUBTRACT -> Operators.subtract(lv, rv);
            case MULTIPLY -> Operators.multiply(lv, rv);
            case DIVIDE -> Operators.divide(lv, rv);
            case REMAINDER -> Operators.remainder(lv, rv);
            case POWER -> Operators.power(lv, rv);
            case CONCAT -> Operators.concat(lv, rv);
            case IS_DISTINCT_FROM -> Operators.distinct(lv, rv);
            case IS_NOT_DISTINCT_FROM -> Operators.not(Operators.distinct(lv, rv));
            case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL ->
                    Operators.compare(lv, rv, op.comparison().orElseThrow());
            case AND, OR -> throw new InternalFailure("AND and OR are handled above");
        };
    }

    /**
     * Rebuilds this expression bottom-up, applying {@code f} to every node after its children.
     * A subquery's arguments and operand are its children; its plan is not (it has its own rows).
     */
    default Expression transform(UnaryOperator<Expression> f) {
        Expression e = switch (this) {
            case Constant c -> c;
            case Parameter p -> p;
            case Column c -> c;
            case Outer o -> o;
            case Unary(UnaryOp op, Expression x) -> new Unary(op, x.transform(f));
            case Binary(BinaryOp op, Expression l, Expression r) -> new Binary(op, l.transform(f), r.transform(f));
            case IsNull(Expression x, boolean n) -> new IsNull(x.transform(f), n);
            case IsTruth(Expression x, boolean t, boolean n) -> new IsTruth(x.transform(f), t, n);
            case Like l -> new Like(l.operand().transform(f), l.pattern().transform(f), l.negated(), l.caseInsensitive(),
                    l.escape().map(x -> x.transform(f)));
            case InList(Expression x, List<Expression> list, boolean n) -> new InList(x.transform(f), all(list, f), n);
            case Case(List<Expression> c, List<Expression> r, Optional<Expression> o) ->
                    new Case(all(c, f), all(r, f), o.map(x -> x.transform(f)));
            case Cast(Expression x, DataType t) -> new Cast(x.transform(f), t);
            case Call(ScalarFunction fn, List<Expression> args) -> new Call(fn, all(args, f));
            case Subquery s -> new Subquery(s.kind(), s.plan(), all(s.arguments(), f), s.operand().map(x -> x.transform(f)),
                    s.comparison());
        };
        return f.apply(e);
    }

    private static List<Expression> all(List<Expression> list, UnaryOperator<Expression> f) {
        return list.stream().map(x -> x.transform(f)).toList();
    }

    /** The input columns this expression reads. */
    default BitSet columns() {
        BitSet out = new BitSet();
        transform(e -> {
            if (e instanceof Column c) {
                out.set(c.index());
            }
            return e;
        });
        return out;
    }

    /**
     * Whether it has one value, known now, for every row, so the optimizer may evaluate it once:
     * it reads no column, no outer value and no parameter, runs no subquery and calls no
     * function such as {@code random()}.
     */
    default boolean isConstant() {
        boolean[] constant = {true};
        transform(e -> {
            if (e instanceof Column || e instanceof Outer || e instanceof Subquery || e instanceof Parameter
                    || e instanceof Call c && !c.function().deterministic()) {
                constant[0] = false;
            }
            return e;
        });
        return constant[0];
    }

    /** Whether a parameter occurs in it, or in the plan of a subquery in it. */
    default boolean hasParameters() {
        boolean[] found = {false};
        transform(e -> {
            if (e instanceof Parameter) {
                found[0] = true;
            }
            if (e instanceof Subquery s) {
                Optimizer.mapExpressions(s.plan(), x -> {
                    found[0] |= x.hasParameters();
                    return x;
                });
            }
            return e;
        });
        return found[0];
    }

    /**
     * The same expression with each parameter replaced by its value ({@code values.get(index - 1)}),
     * in the plans of its subqueries too.
     */
    default Expression bind(List<Value> values) {
        return transform(e -> switch (e) {
            case Parameter(int index, DataType t) -> new Constant(values.get(index - 1));
            case Subquery s -> new Subquery(s.kind(), Optimizer.mapExpressions(s.plan(), x -> x.bind(values)), s.arguments(),
                    s.operand(), s.comparison());
            default -> e;
        });
    }

    /** The same expression over a row whose columns moved by {@code delta}. */
    default Expression shift(int delta) {
        return delta == 0 ? this : transform(e -> e instanceof Column(int i, String l) ? new Column(i + delta, l) : e);
    }

    /** Splits a conjunction into its parts. */
    static List<Expression> conjuncts(Expression e) {
        List<Expression> out = new ArrayList<>();
        if (e instanceof Binary(BinaryOp op, Expression l, Expression r) && op == BinaryOp.AND) {
            out.addAll(conjuncts(l));
            out.addAll(conjuncts(r));
        } else {
            out.add(e);
        }
        return out;
    }

    /** Joins parts with AND; empty for none. */
    static Optional<Expression> and(List<Expression> parts) {
        Expression out = null;
        for (Expression p : parts) {
            out = out == null ? p : new Binary(BinaryOp.AND, out, p);
        }
        return Optional.ofNullable(out);
    }

    /** SQL text, for EXPLAIN and column labels. */
    default String format() {
        return switch (this) {
            case Constant(Value v) -> Operators.literal(v);
            case Parameter(int index, DataType t) -> "$" + index;
            case Column(int i, String label) -> label;
            case Outer(int i, String label) -> label;
            case Unary(UnaryOp op, Expression x) -> op == UnaryOp.FACTORIAL ? wrap(x) + "!" : op.symbol + wrap(x);
            case Binary(BinaryOp op, Expression l, Expression r) -> wrap(l) + " " + op.symbol + " " + wrap(r);
            case IsNull(Expression x, boolean n) -> wrap(x) + (n ? " IS NOT NULL" : " IS NULL");
            case IsTruth(Expression x, boolean t, boolean n) -> wrap(x) + (n ? " IS NOT " : " IS ") + (t ? "TRUE" : "FALSE");
            case Like l -> wrap(l.operand()) + (l.negated() ? " NOT" : "") + (l.caseInsensitive() ? " ILIKE " : " LIKE ")
                    + wrap(l.pattern()) + l.escape().map(x -> " ESCAPE " + wrap(x)).orElse("");
            case InList(Expression x, List<Expression> list, boolean n) -> wrap(x) + (n ? " NOT IN (" : " IN (")
                    + list.stream().map(Expression::format).collect(Collectors.joining(", ")) + ")";
            case Case(List<Expression> c, List<Expression> r, Optional<Expression> o) -> {
                StringBuilder sb = new StringBuilder("CASE");
                for (int i = 0; i < c.size(); i++) {
                    sb.append(" WHEN ").append(c.get(i).format()).append(" THEN ").append(r.get(i).format());
                }
                o.ifPresent(x -> sb.append(" ELSE ").append(x.format()));
                yield sb.append(" END").toString();
            }
            case Cast(Expression x, DataType t) -> "CAST(" + x.format() + " AS " + t.sql() + ")";
            case Call(ScalarFunction f, List<Expression> args) ->
                    f.name() + "(" + args.stream().map(Expression::format).collect(Collectors.joining(", ")) + ")";
            case Subquery s -> switch (s.kind()) {
                case SCALAR -> "(subquery)";
                case EXISTS -> "EXISTS (subquery)";
                case ANY, ALL -> wrap(s.operand().orElseThrow()) + " " + s.comparison().orElseThrow().symbol() + " "
                        + s.kind() + " (subquery)";
            };
        };
    }

    private static String wrap(Expression e) {
        return e instanceof Constant || e instanceof Column || e instanceof Parameter || e instanceof Outer
                || e instanceof Call || e instanceof Cast || e instanceof Case
                || e instanceof Subquery s && s.kind() != SubqueryKind.ANY && s.kind() != SubqueryKind.ALL
                ? e.format() : "(" + e.format() + ")";
    }
}
