package io.mynode.sql.exec;

import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.plan.Expression;
import io.mynode.sql.plan.Plan;
import io.mynode.sql.types.Operators;
import io.mynode.sql.types.ValueOrder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hash aggregation: one pass over the input, one accumulator per aggregate per group, groups
 * emitted in the order first seen. Without GROUP BY there is exactly one group, even over no
 * rows (so {@code SELECT COUNT(*) FROM empty} is 0). Aggregates skip NULL inputs; everything but
 * COUNT of no values is NULL. SUM of integers is an integer and overflow is an error; AVG and
 * the variances are floats. The variances sum values and their squares in 60-digit decimals
 * (every double is a BigDecimal), so they come out right to the last bit however the input is
 * ordered, where a running float sum would drift ({@code var_samp} of 1, 2, 4, 4 is 2.25, not 2.2499999999999996); an
 * infinite or NaN input makes them NaN. {@code DISTINCT} keeps a set of the values seen per group
 * and aggregate.
 *
 * <p>What this buffers: the groups with their accumulators, and the DISTINCT sets.
 */
final class Aggregation {
    private Aggregation() {}

    static RowStream run(RowStream source, List<Expression> groupBy, List<Plan.AggregateCall> calls,
            Expression.Context context) {
        Map<List<Value>, Group> groups = new LinkedHashMap<>();
        try (source) {
            while (source.hasNext()) {
                List<Value> row = source.next();
                Value[] key = new Value[groupBy.size()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = groupBy.get(i).evaluate(row, context);
                }
                List<Value> keyRow = List.of(key);
                Group g = groups.computeIfAbsent(ValueOrder.canonical(keyRow), k -> new Group(keyRow, calls));
                for (int i = 0; i < calls.size(); i++) {
                    Plan.AggregateCall c = calls.get(i);
                    Value v = c.argument().isPresent() ? c.argument().get().evaluate(row, context) : Value.TRUE;
                    Value extra = c.arguments().size() > 1 ? c.arguments().get(1).evaluate(row, context) : Value.NULL;
                    g.accumulators[i].add(v, extra);
                }
            }
        }
        if (groups.isEmpty() && groupBy.isEmpty()) {
            groups.put(List.of(), new Group(List.of(), calls));
        }
        List<List<Value>> out = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            List<Value> row = new ArrayList<>(g.key);
            for (Accumulator a : g.accumulators) {
                row.add(a.result());
            }
            out.add(List.copyOf(row));
        }
        return RowStream.of(out.iterator());
    }

    private static final class Group {
        final List<Value> key;
        final Accumulator[] accumulators;

        Group(List<Value> key, List<Plan.AggregateCall> calls) {
            this.key = key;
            this.accumulators = new Accumulator[calls.size()];
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i] = new Accumulator(calls.get(i).function(), calls.get(i).distinct());
            }
        }
    }

    /**
     * Precision of the variances' sums: far beyond a double's 17 digits, so that the
     * cancellation in n·Σx² − (Σx)² costs nothing visible, without letting the exact squares of
     * tiny doubles grow to a thousand digits.
     */
    private static final MathContext SUMS = new MathContext(60);

    private static final class Accumulator {
        private final Plan.Function function;
        private final Set<Value> seen;
        private long count;
        private Value value = Value.NULL;
        private BigDecimal exact = BigDecimal.ZERO;
        private BigDecimal exactSquares = BigDecimal.ZERO;
        private boolean sawFloat;
        private double floating;
        private boolean nonFinite;
        private StringBuilder text;

        Accumulator(Plan.Function function, boolean distinct) {
            this.function = function;
            this.seen = distinct ? new HashSet<>() : null;
        }

        void add(Value v, Value separator) {
            if (v instanceof Value.Null || seen != null && !seen.add(ValueOrder.canonical(v))) {
                return;
            }
            count++;
            switch (function) {
                case COUNT -> { }
                case SUM -> value = value instanceof Value.Null ? v : Operators.add(value, v);
                case AVG, VAR_POP, VAR_SAMP, VARIANCE, STDDEV_POP, STDDEV_SAMP, STDDEV -> moments(v);
                case MIN -> value = value instanceof Value.Null || ValueOrder.INSTANCE.compare(v, value) < 0 ? v : value;
                case MAX -> value = value instanceof Value.Null || ValueOrder.INSTANCE.compare(v, value) > 0 ? v : value;
                case BOOL_AND, EVERY -> value = value instanceof Value.Null ? v : Operators.and(value, v);
                case BOOL_OR -> value = value instanceof Value.Null ? v : Operators.or(value, v);
                case STRING_AGG -> {
                    if (text == null) {
                        text = new StringBuilder();
                    } else if (separator instanceof Value.Str(String s)) {
                        text.append(s);
                    }
                    text.append(((Value.Str) v).value());
                    Operators.checkLength(text);
                }
            }
        }

        /** Sum and sum of squares, exactly; a float sum too, for AVG of floats (IEEE, so Infinity stays). */
        private void moments(Value v) {
            BigDecimal b;
            switch (v) {
                case Value.Int(long i) -> b = BigDecimal.valueOf(i);
                case Value.Float(double d) -> {
                    sawFloat = true;
                    floating += d;
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        nonFinite = true;
                        return;
                    }
                    b = new BigDecimal(d);
                }
                default -> throw new InternalFailure(function + " of " + v);
            }
            exact = exact.add(b, SUMS);
            exactSquares = exactSquares.add(b.multiply(b, SUMS), SUMS);
        }

        Value result() {
            return switch (function) {
                case COUNT -> Value.of(count);
                case SUM, MIN, MAX, BOOL_AND, BOOL_OR, EVERY -> value;
                case STRING_AGG -> text == null ? Value.NULL : Value.of(text.toString());
                case AVG -> count == 0 ? Value.NULL
                        : Value.of(sawFloat ? floating / count : exact.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64).doubleValue());
                case VAR_POP -> variance(false, false);
                case VAR_SAMP, VARIANCE -> variance(true, false);
                case STDDEV_POP -> variance(false, true);
                case STDDEV_SAMP, STDDEV -> variance(true, true);
            };
        }

        private Value variance(boolean sample, boolean root) {
            long n = count;
            if (n == 0 || sample && n == 1) {
                return Value.NULL;
            }
            if (nonFinite) {
                return Value.of(Double.NaN);
            }
            // (n * sum(x^2) - sum(x)^2) / (n * (n - 1 or n)), exactly until the division.
            BigDecimal num = BigDecimal.valueOf(n).multiply(exactSquares).subtract(exact.multiply(exact));
            BigDecimal den = BigDecimal.valueOf(n).multiply(BigDecimal.valueOf(sample ? n - 1 : n));
            double var = num.divide(den, MathContext.DECIMAL128).doubleValue();
            return Value.of(root ? Math.sqrt(var) : var);
        }
    }
}
