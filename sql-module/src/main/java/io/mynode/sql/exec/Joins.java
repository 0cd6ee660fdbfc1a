package io.mynode.sql.exec;

import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.plan.Expression;
import io.mynode.sql.plan.Plan;
import io.mynode.sql.types.Operators;
import io.mynode.sql.types.ValueOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The join algorithms. Each streams the left side. A nested-loop and a hash join hold the
 * right side in memory (the caller materializes it: that list is the join's buffer); an index
 * join looks each left row's matches up instead. A left row with no match is padded with NULLs
 * when the join is LEFT or FULL, and after the left side ends a FULL join emits every right row
 * nothing matched, padded on the left.
 */
final class Joins {
    private Joins() {}

    /** Pairs each left row with every right row that passes {@code predicate}. */
    static RowStream nestedLoop(RowStream left, int leftWidth, List<List<Value>> right, int rightWidth,
            Optional<Expression> predicate, Plan.JoinKind kind, Expression.Context context) {
        return probe(left, leftWidth, right, row -> IntStream.range(0, right.size()).iterator(), rightWidth, predicate,
                kind, context);
    }

    /**
     * Builds a hash table of the right rows on {@code rightColumn}, then probes it with each
     * left row's {@code leftColumn}. NULL and NaN keys match nothing, as {@code =} says.
     */
    static RowStream hash(RowStream left, int leftWidth, int leftColumn, List<List<Value>> right, int rightColumn,
            int rightWidth, Optional<Expression> residual, Plan.JoinKind kind, Expression.Context context) {
        Map<Value, List<Integer>> table = new HashMap<>();
        for (int i = 0; i < right.size(); i++) {
            Value key = right.get(i).get(rightColumn);
            if (joinable(key)) {
                table.computeIfAbsent(ValueOrder.canonical(key), k -> new ArrayList<>()).add(i);
            }
        }
        return probe(left, leftWidth, right, row -> {
            Value key = row.get(leftColumn);
            List<Integer> found = joinable(key) ? table.get(ValueOrder.canonical(key)) : null;
            return found == null ? IntStream.empty().iterator() : found.stream().mapToInt(Integer::intValue).iterator();
        }, rightWidth, residual, kind, context);
    }

    /**
     * Pairs each left row with the right rows {@code lookup} finds for it (an index nested-loop
     * join, INNER or LEFT): nothing is held in memory but one left row's matches.
     */
    static RowStream lookup(RowStream left, Function<List<Value>, java.util.Iterator<List<Value>>> lookup,
            int rightWidth, Optional<Expression> residual, Plan.JoinKind kind, Expression.Context context) {
        return new Executor.Pull(left) {
            private List<Value> current;
            private java.util.Iterator<List<Value>> candidates = java.util.Collections.emptyIterator();
            private boolean matched;

            @Override
            protected List<Value> fetch() {
                while (true) {
                    while (candidates.hasNext()) {
                        List<Value> joined = concat(current, candidates.next());
                        if (residual.isEmpty() || Operators.truthy(residual.get().evaluate(joined, context))) {
                            matched = true;
                            return joined;
                        }
                    }
                    if (current != null && kind.outer() && !matched) {
                        List<Value> padded = concat(current, nulls(rightWidth));
                        current = null;
                        return padded;
                    }
                    if (!left.hasNext()) {
                        return null;
                    }
                    current = left.next();
                    matched = false;
                    candidates = lookup.apply(current);
                }
            }
        };
    }

    /**
     * The loop both joins share: for each left row, the right rows {@code candidatesFor} offers
     * (by position) that pass {@code predicate}; unmatched rows padded as the kind says. Only
     * where the candidates come from differs between a nested loop and a hash join.
     */
    private static RowStream probe(RowStream left, int leftWidth, List<List<Value>> right,
            Function<List<Value>, PrimitiveIterator.OfInt> candidatesFor, int rightWidth, Optional<Expression> predicate,
            Plan.JoinKind kind, Expression.Context context) {
        BitSet matchedRight = kind == Plan.JoinKind.FULL ? new BitSet(right.size()) : null;
        return new Executor.Pull(left) {
            private List<Value> current;
            private PrimitiveIterator.OfInt candidates = IntStream.empty().iterator();
            private boolean matched;
            private int unmatched = -1;

            @Override
            protected List<Value> fetch() {
                while (true) {
                    if (unmatched >= 0) {
                        // FULL: after the left side, the right rows nothing matched.
                        unmatched = matchedRight.nextClearBit(unmatched);
                        if (unmatched >= right.size()) {
                            return null;
                        }
                        return concat(nulls(leftWidth), right.get(unmatched++));
                    }
                    while (candidates.hasNext()) {
                        int i = candidates.nextInt();
                        List<Value> joined = concat(current, right.get(i));
                        if (predicate.isEmpty() || Operators.truthy(predicate.get().evaluate(joined, context))) {
                            matched = true;
                            if (matchedRight != null) {
                                matchedRight.set(i);
                            }
                            return joined;
                        }
                    }
                    if (current != null && kind.outer() && !matched) {
                        List<Value> padded = concat(current, nulls(rightWidth));
                        current = null;
                        return padded;
                    }
                    if (!left.hasNext()) {
                        if (matchedRight == null) {
                            return null;
                        }
                        unmatched = 0;
                        continue;
                    }
                    current = left.next();
                    matched = false;
                    candidates = candidatesFor.apply(current);
                }
            }
        };
    }

    private static boolean joinable(Value key) {
        return !(key instanceof Value.Null) && !(key instanceof Value.Float(double d) && Double.isNaN(d));
    }

    static List<Value> concat(List<Value> a, List<Value> b) {
        Value[] out = new Value[a.size() + b.size()];
        for (int i = 0; i < a.size(); i++) {
            out[i] = a.get(i);
        }
        for (int i = 0; i < b.size(); i++) {
            out[a.size() + i] = b.get(i);
        }
        return List.of(out);
    }

    static List<Value> nulls(int n) {
        return java.util.Collections.nCopies(n, Value.NULL);
    }
}
