package io.mynode.sql.exec;

import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.plan.Expression;
import io.mynode.sql.plan.Plan;
import io.mynode.sql.types.Operators;
import io.mynode.sql.types.ValueOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash aggregation: one pass over the input, one accumulator per aggregate per group, groups
 * emitted in the order first seen. Without GROUP BY there is exactly one group, even over no
 * rows (so {@code SELECT COUNT(*) FROM empty} is 0). Aggregates skip NULL inputs; SUM, AVG,
 * MIN and MAX of no values are NULL. SUM of integers is an integer and overflow is an error;
 * AVG is always a float.
 */
final class Aggregation {
    private Aggregation() {}

    static RowStream run(RowStream source, List<Expression> groupBy, List<Plan.AggregateCall> calls) {
        Map<List<Value>, Group> groups = new LinkedHashMap<>();
        try (source) {
            while (source.hasNext()) {
                List<Value> row = source.next();
                Value[] key = new Value[groupBy.size()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = groupBy.get(i).evaluate(row);
                }
                List<Value> keyRow = List.of(key);
                Group g = groups.computeIfAbsent(ValueOrder.canonical(keyRow), k -> new Group(keyRow, calls));
                for (int i = 0; i < calls.size(); i++) {
                    Plan.AggregateCall c = calls.get(i);
                    g.accumulators[i].add(c.argument().map(e -> e.evaluate(row)).orElse(Value.TRUE));
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
                accumulators[i] = new Accumulator(calls.get(i).function());
            }
        }
    }

    private static final class Accumulator {
        private final Plan.Function function;
        private long count;
        private Value value = Value.NULL;
        private BigDecimal exact = BigDecimal.ZERO;
        private double floating;
        private boolean sawFloat;

        Accumulator(Plan.Function function) {
            this.function = function;
        }

        void add(Value v) {
            if (v instanceof Value.Null) {
                return;
            }
            count++;
            switch (function) {
                case COUNT -> { }
                case SUM -> value = value instanceof Value.Null ? v : Operators.add(value, v);
                case AVG -> {
                    switch (v) {
                        case Value.Int(long i) -> exact = exact.add(BigDecimal.valueOf(i));
                        case Value.Float(double d) -> {
                            floating += d;
                            sawFloat = true;
                        }
                        default -> throw new InternalFailure("AVG of " + v);
                    }
                }
                case MIN -> value = value instanceof Value.Null || ValueOrder.INSTANCE.compare(v, value) < 0 ? v : value;
                case MAX -> value = value instanceof Value.Null || ValueOrder.INSTANCE.compare(v, value) > 0 ? v : value;
            }
        }

        Value result() {
            return switch (function) {
                case COUNT -> Value.of(count);
                case SUM, MIN, MAX -> value;
                case AVG -> count == 0 ? Value.NULL
                        : Value.of(sawFloat ? (floating + exact.doubleValue()) / count
                                : exact.divide(BigDecimal.valueOf(count), java.math.MathContext.DECIMAL64).doubleValue());
            };
        }
    }
}
