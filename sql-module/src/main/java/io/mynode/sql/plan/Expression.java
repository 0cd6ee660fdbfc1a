package io.mynode.sql.plan;

import io.mynode.kernel.sql.Value;
import io.mynode.sql.parse.Ast.BinaryOp;
import io.mynode.sql.parse.Ast.UnaryOp;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Operators;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A bound expression: names resolved to positions in the input row, types checked. Evaluation
 * is a pure function of the input row, so the optimizer may fold and move expressions freely.
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

    record Like(Expression operand, Expression pattern, boolean negated) implements Expression {}

    record InList(Expression operand, List<Expression> list, boolean negated) implements Expression {}

    Constant TRUE = new Constant(Value.TRUE);

    /** Evaluates against one row. Errors (overflow, division by zero) are InvalidInputExceptions. */
    default Value evaluate(List<Value> row) {
        return switch (this) {
            case Constant(Value v) -> v;
            case Parameter(int index, DataType type) ->
                    throw new io.mynode.kernel.error.InternalFailure("parameter $" + index + " was not bound to a value");
            case Column(int index, String label) -> row.get(index);
            case Unary(UnaryOp op, Expression x) -> {
                Value v = x.evaluate(row);
                yield switch (op) {
                    case PLUS -> Operators.identity(v);
                    case MINUS -> Operators.negate(v);
                    case NOT -> Operators.not(v);
                    case FACTORIAL -> Operators.factorial(v);
                };
            }
            case Binary(BinaryOp op, Expression l, Expression r) -> binary(op, l, r, row);
            case IsNull(Expression x, boolean negated) -> Value.of((x.evaluate(row) instanceof Value.Null) != negated);
            case Like(Expression x, Expression p, boolean negated) -> {
                Value v = Operators.like(x.evaluate(row), p.evaluate(row));
                yield negated ? Operators.not(v) : v;
            }
            case InList(Expression x, List<Expression> list, boolean negated) -> {
                Value v = x.evaluate(row);
                Value result = Value.FALSE;
                if (v instanceof Value.Null) {
                    result = Value.NULL;
                } else {
                    for (Expression e : list) {
                        Value eq = Operators.compare(v, e.evaluate(row), Operators.CompareOp.EQUAL);
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
        };
    }

    private static Value binary(BinaryOp op, Expression l, Expression r, List<Value> row) {
        // AND and OR short-circuit on the left value, as three-valued logic allows.
        if (op == BinaryOp.AND) {
            Value lv = l.evaluate(row);
            return lv.equals(Value.FALSE) ? Value.FALSE : Operators.and(lv, r.evaluate(row));
        }
        if (op == BinaryOp.OR) {
            Value lv = l.evaluate(row);
            return lv.equals(Value.TRUE) ? Value.TRUE : Operators.or(lv, r.evaluate(row));
        }
        Value lv = l.evaluate(row);
        Value rv = r.evaluate(row);
        return switch (op) {
            case ADD -> Operators.add(lv, rv);
            case SUBTRACT -> Operators.subtract(lv, rv);
            case MULTIPLY -> Operators.multiply(lv, rv);
            case DIVIDE -> Operators.divide(lv, rv);
            case REMAINDER -> Operators.remainder(lv, rv);
            case POWER -> Operators.power(lv, rv);
            case CONCAT -> Operators.concat(lv, rv);
            case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL ->
                    Operators.compare(lv, rv, op.comparison().orElseThrow());
            case AND, OR -> throw new io.mynode.kernel.error.InternalFailure("AND and OR are handled above");
        };
    }

    /** Rebuilds this expression bottom-up, applying {@code f} to every node after its children. */
    default Expression transform(UnaryOperator<Expression> f) {
        Expression e = switch (this) {
            case Constant c -> c;
            case Parameter p -> p;
            case Column c -> c;
            case Unary(UnaryOp op, Expression x) -> new Unary(op, x.transform(f));
            case Binary(BinaryOp op, Expression l, Expression r) -> new Binary(op, l.transform(f), r.transform(f));
            case IsNull(Expression x, boolean n) -> new IsNull(x.transform(f), n);
            case Like(Expression x, Expression p, boolean n) -> new Like(x.transform(f), p.transform(f), n);
            case InList(Expression x, List<Expression> list, boolean n) ->
                    new InList(x.transform(f), list.stream().map(i -> i.transform(f)).toList(), n);
        };
        return f.apply(e);
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
     * Whether it reads no column and no parameter, so it has one value, known now, for every
     * row: what constant folding may evaluate.
     */
    default boolean isConstant() {
        return columns().isEmpty() && !hasParameters();
    }

    /** Whether a parameter occurs in it. */
    default boolean hasParameters() {
        boolean[] found = {false};
        transform(e -> {
            if (e instanceof Parameter) {
                found[0] = true;
            }
            return e;
        });
        return found[0];
    }

    /** The same expression with each parameter replaced by its value ({@code values.get(index - 1)}). */
    default Expression bind(List<Value> values) {
        return transform(e -> e instanceof Parameter(int index, DataType t) ? new Constant(values.get(index - 1)) : e);
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
    static java.util.Optional<Expression> and(List<Expression> parts) {
        Expression out = null;
        for (Expression p : parts) {
            out = out == null ? p : new Binary(BinaryOp.AND, out, p);
        }
        return java.util.Optional.ofNullable(out);
    }

    /** SQL text, for EXPLAIN and column labels. */
    default String format() {
        return switch (this) {
            case Constant(Value v) -> Operators.literal(v);
            case Parameter(int index, DataType t) -> "$" + index;
            case Column(int i, String label) -> label;
            case Unary(UnaryOp op, Expression x) -> op == UnaryOp.FACTORIAL ? wrap(x) + "!" : op.symbol + wrap(x);
            case Binary(BinaryOp op, Expression l, Expression r) -> wrap(l) + " " + op.symbol + " " + wrap(r);
            case IsNull(Expression x, boolean n) -> wrap(x) + (n ? " IS NOT NULL" : " IS NULL");
            case Like(Expression x, Expression p, boolean n) -> wrap(x) + (n ? " NOT LIKE " : " LIKE ") + wrap(p);
            case InList(Expression x, List<Expression> list, boolean n) -> wrap(x) + (n ? " NOT IN (" : " IN (")
                    + list.stream().map(Expression::format).collect(Collectors.joining(", ")) + ")";
        };
    }

    private static String wrap(Expression e) {
        return e instanceof Constant || e instanceof Column || e instanceof Parameter ? e.format() : "(" + e.format() + ")";
    }
}
