package io.mynode.sql.plan;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.SqlType;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Operators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a prepared statement: their types, found in its bound plan, and the binding
 * of values to them before each execution.
 *
 * <h2>Types at prepare time</h2>
 *
 * <p>The binder gives a parameter the type of its context ({@code id = ?} the column's, an
 * INSERT value its column's, {@code LIMIT ?} INTEGER; see {@code Binder.typed}). A type the
 * client declares (PostgreSQL's Parse may) wins where the context gives none, and must agree
 * with it otherwise. What neither fixes ({@code SELECT ?}) is an error, as in PostgreSQL: the
 * client must declare it or write a context.
 *
 * <h2>Values at execution</h2>
 *
 * <p>{@link #bind} checks each value against its parameter's type (an INTEGER widens to a
 * FLOAT) and replaces every parameter of the plan by a constant. The optimizer then runs on the
 * bound plan, as on a statement written with literals, so {@code id = ?} becomes a key scan
 * exactly as {@code id = 7} does: PostgreSQL's "custom plan". Planning (names, types, the plan's
 * shape) is done once; the optimizer's heuristic rewrites, a few tree walks, run per execution.
 */
public final class Parameters {
    private Parameters() {}

    /**
     * The type of each parameter {@code 1..count} of {@code plan}, in order, with the client's
     * {@code declared} types (by parameter number) applied.
     */
    public static List<SqlType> types(Plan plan, int count, Map<Integer, SqlType> declared) {
        DataType[] found = new DataType[count + 1];
        collect(plan, count, found);
        for (int n : declared.keySet()) {
            if (n < 1 || n > count) {
                throw new SemanticException(SqlState.UNDEFINED_PARAMETER, "a type is declared for parameter $" + n
                        + " but the statement has " + count + " parameters");
            }
        }
        List<SqlType> types = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            SqlType given = declared.get(i);
            DataType type = found[i];
            if (given != null && given != SqlType.NULL) {
                if (type != null && !given.assignableTo(type.sqlType())) {
                    throw new SemanticException(SqlState.DATATYPE_MISMATCH, "parameter $" + i + " is declared " + given
                            + " but used as " + type);
                }
                types.add(type == null ? given : type.sqlType());
            } else if (type == null) {
                throw new SemanticException(SqlState.INDETERMINATE_DATATYPE, "could not determine the type of parameter $"
                        + i + "; use it where its type is clear (id = $" + i + ") or declare its type");
            } else {
                types.add(type.sqlType());
            }
        }
        return List.copyOf(types);
    }

    /** Records the type of each parameter in {@code plan}, and in the plans of its subqueries. */
    private static void collect(Plan plan, int count, DataType[] found) {
        Optimizer.mapExpressions(plan, e -> {
            e.transform(x -> {
                if (x instanceof Expression.Parameter(int index, DataType type) && type != DataType.NULL) {
                    if (index <= count) {
                        if (found[index] != null && found[index] != type) {
                            throw new SemanticException(SqlState.AMBIGUOUS_PARAMETER, "parameter $" + index
                                    + " is used both as " + found[index] + " and as " + type);
                        }
                        found[index] = type;
                    }
                }
                if (x instanceof Expression.Subquery q) {
                    collect(q.plan(), count, found);
                }
                return x;
            });
            return e;
        });
    }

    /**
     * {@code values} checked against {@code types}: the right count, each of its parameter's type
     * or NULL, an INTEGER widened where a FLOAT is expected. A wrong value fails here, before
     * anything runs.
     */
    public static List<Value> check(List<SqlType> types, List<Value> values) {
        if (values.size() != types.size()) {
            throw new InvalidInputException(SqlState.PROTOCOL_VIOLATION, "the statement has " + types.size()
                    + " parameters but " + values.size() + (values.size() == 1 ? " value was" : " values were") + " given");
        }
        List<Value> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            SqlType type = types.get(i);
            SqlType actual = SqlType.of(v);
            if (!actual.assignableTo(type)) {
                throw new InvalidInputException(SqlState.DATATYPE_MISMATCH, "parameter $" + (i + 1) + " is " + type
                        + ", but the value given is " + actual + " " + Operators.literal(v));
            }
            out.add(type == SqlType.FLOAT && v instanceof Value.Int(long n) ? Value.of((double) n) : v);
        }
        return out;
    }

    /** {@code plan} with every parameter replaced by its value ({@code values.get(index - 1)}). */
    public static Plan bind(Plan plan, List<Value> values) {
        return values.isEmpty() ? plan : Optimizer.mapExpressions(plan, e -> e.bind(values));
    }
}
