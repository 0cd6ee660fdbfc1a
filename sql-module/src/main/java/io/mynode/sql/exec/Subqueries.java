package io.mynode.sql.exec;

import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.plan.Expression;
import io.mynode.sql.store.Table;
import io.mynode.sql.store.TableData;
import io.mynode.sql.types.Operators;
import io.mynode.sql.types.ValueOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the subqueries of one statement and remembers their answers. An uncorrelated subquery
 * runs once per statement; a correlated one once per distinct set of argument values (an outer
 * row that repeats a key asks again for free), so {@code WHERE x IN (SELECT ...)} over a large
 * table does not rerun the subquery per row.
 *
 * <p>What is kept: a scalar subquery's value, EXISTS's answer, and for ANY/ALL (and IN) the
 * subquery's column, with a hash set of it for {@code = ANY}; and the rows of each table a
 * correlated subquery scans, read once for the statement instead of once per outer value (the
 * statement reads at one snapshot, and a write that reads its own table reads it whole before
 * writing, so these rows cannot go stale). These are the operator's buffered rows; the cache
 * stops growing past {@link #MAX_CACHED_VALUES} values in all (then a correlated subquery simply
 * runs again per row, and scans its table again).
 *
 * <p>Semantics, as in PostgreSQL: a scalar subquery with no row is NULL and with two rows an
 * error; {@code x = ANY (s)} is TRUE if some row equals x, else NULL if x or some row is NULL,
 * else FALSE (so {@code x NOT IN (s)} is never TRUE when s holds a NULL); {@code x op ALL (s)}
 * is FALSE if some row fails, else NULL if some comparison is NULL, else TRUE (TRUE for no rows).
 */
final class Subqueries {
    /** The most values the cache holds for one statement, across all its subqueries. */
    static final int MAX_CACHED_VALUES = 1_000_000;

    private final TableData data;
    private final Map<Expression.Subquery, Map<List<Value>, Answer>> cache = new IdentityHashMap<>();
    private final Map<String, Optional<List<List<Value>>>> tables = new HashMap<>();
    private long cached;

    Subqueries(TableData data) {
        this.data = data;
    }

    /** A subquery's answer for one set of argument values. */
    private record Answer(Value value, List<Value> column, Set<Value> set, boolean hasNull) {}

    /** Every row of {@code table}, read once; empty if it is too large to keep. */
    Optional<List<List<Value>>> rows(Table table) {
        return tables.computeIfAbsent(table.name(), name -> {
            List<List<Value>> rows = new ArrayList<>();
            long width = Math.max(1, table.columns().size());
            try (RowStream scan = data.scan(table)) {
                while (scan.hasNext()) {
                    if (cached + (rows.size() + 1) * width > MAX_CACHED_VALUES) {
                        return Optional.empty();
                    }
                    rows.add(scan.next());
                }
            }
            cached += rows.size() * width;
            return Optional.of(rows);
        });
    }

    Value evaluate(Expression.Subquery q, List<Value> arguments, Value operand) {
        Map<List<Value>, Answer> answers = cache.computeIfAbsent(q, k -> new HashMap<>());
        // Exact values as the key: -0.0 and 0, or 1.0 and 1, may give different answers.
        List<Value> key = List.copyOf(arguments);
        Answer a = answers.get(key);
        if (a == null) {
            a = run(q, arguments);
            long size = 1 + a.column().size();
            if (cached + size <= MAX_CACHED_VALUES) {
                answers.put(key, a);
                cached += size;
            }
        }
        return switch (q.kind()) {
            case SCALAR, EXISTS -> a.value();
            case ANY -> any(q, a, operand);
            case ALL -> all(q, a, operand);
        };
    }

    private Answer run(Expression.Subquery q, List<Value> arguments) {
        Executor inner = new Executor(data, arguments, this);
        try (RowStream rows = inner.rows(q.plan())) {
            switch (q.kind()) {
                case SCALAR -> {
                    if (!rows.hasNext()) {
                        return new Answer(Value.NULL, List.of(), Set.of(), false);
                    }
                    Value v = rows.next().getFirst();
                    if (rows.hasNext()) {
                        throw new InvalidInputException(SqlState.CARDINALITY_VIOLATION,
                                "more than one row returned by a subquery used as an expression");
                    }
                    return new Answer(v, List.of(), Set.of(), false);
                }
                case EXISTS -> {
                    return new Answer(Value.of(rows.hasNext()), List.of(), Set.of(), false);
                }
                default -> {
                    List<Value> column = new ArrayList<>();
                    Set<Value> set = new HashSet<>();
                    boolean hasNull = false;
                    while (rows.hasNext()) {
                        Value v = rows.next().getFirst();
                        column.add(v);
                        if (v instanceof Value.Null) {
                            hasNull = true;
                        } else {
                            set.add(ValueOrder.canonical(v));
                        }
                    }
                    return new Answer(Value.NULL, column, set, hasNull);
                }
            }
        }
    }

    private static Value any(Expression.Subquery q, Answer a, Value operand) {
        Operators.CompareOp op = q.comparison().orElseThrow();
        if (a.column().isEmpty()) {
            return Value.FALSE;
        }
        if (operand instanceof Value.Null) {
            return Value.NULL;
        }
        if (op == Operators.CompareOp.EQUAL && !(operand instanceof Value.Float(double d) && Double.isNaN(d))) {
            // NaN is the one value the set finds that = does not (NaN = NaN is false).
            if (a.set().contains(ValueOrder.canonical(operand))) {
                return Value.TRUE;
            }
            return a.hasNull() ? Value.NULL : Value.FALSE;
        }
        Value result = Value.FALSE;
        for (Value v : a.column()) {
            Value c = Operators.compare(operand, v, op);
            if (c.equals(Value.TRUE)) {
                return Value.TRUE;
            }
            if (c instanceof Value.Null) {
                result = Value.NULL;
            }
        }
        return result;
    }

    private static Value all(Expression.Subquery q, Answer a, Value operand) {
        Operators.CompareOp op = q.comparison().orElseThrow();
        Value result = Value.TRUE;
        for (Value v : a.column()) {
            Value c = Operators.compare(operand, v, op);
            if (c.equals(Value.FALSE)) {
                return Value.FALSE;
            }
            if (c instanceof Value.Null) {
                result = Value.NULL;
            }
        }
        return result;
    }
}
