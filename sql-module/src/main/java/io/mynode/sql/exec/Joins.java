package io.mynode.sql.exec;

import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.plan.Expression;
import io.mynode.sql.types.Operators;
import io.mynode.sql.types.ValueOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The two join algorithms. Both stream the left side and hold the right side in memory; a
 * left row with no match is padded with NULLs when the join is outer.
 */
final class Joins {
    private Joins() {}

    /** Pairs each left row with every right row that passes {@code predicate}. */
    static RowStream nestedLoop(RowStream left, List<List<Value>> right, int rightWidth,
            Optional<Expression> predicate, boolean outer) {
        return probe(left, row -> right.iterator(), rightWidth, predicate, outer);
    }

    /**
     * Builds a hash table of the right rows on {@code rightColumn}, then probes it with each
     * left row's {@code leftColumn}. NULL and NaN keys match nothing, as {@code =} says.
     */
    static RowStream hash(RowStream left, int leftColumn, List<List<Value>> right, int rightColumn, int rightWidth,
            Optional<Expression> residual, boolean outer) {
        Map<Value, List<List<Value>>> table = new HashMap<>();
        for (List<Value> row : right) {
            Value key = row.get(rightColumn);
            if (joinable(key)) {
                table.computeIfAbsent(ValueOrder.canonical(key), k -> new ArrayList<>()).add(row);
            }
        }
        return probe(left, row -> {
            Value key = row.get(leftColumn);
            List<List<Value>> found = joinable(key) ? table.get(ValueOrder.canonical(key)) : null;
            return found == null ? Collections.emptyIterator() : found.iterator();
        }, rightWidth, residual, outer);
    }

    /**
     * The loop both joins share: for each left row, the right rows {@code candidatesFor} offers
     * that pass {@code predicate}; for an outer join, a left row nothing matched is padded with
     * NULLs. Only where the candidates come from differs between a nested loop and a hash join.
     */
    private static RowStream probe(RowStream left, Function<List<Value>, Iterator<List<Value>>> candidatesFor,
            int rightWidth, Optional<Expression> predicate, boolean outer) {
        return new Executor.Pull(left) {
            private List<Value> current;
            private Iterator<List<Value>> candidates = Collections.emptyIterator();
            private boolean matched;

            @Override
            protected List<Value> fetch() {
                while (true) {
                    while (candidates.hasNext()) {
                        List<Value> joined = concat(current, candidates.next());
                        if (predicate.isEmpty() || Operators.truthy(predicate.get().evaluate(joined))) {
                            matched = true;
                            return joined;
                        }
                    }
                    if (current != null && outer && !matched) {
                        List<Value> padded = concat(current, nulls(rightWidth));
                        current = null;
                        return padded;
                    }
                    if (!left.hasNext()) {
                        return null;
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
        return Collections.nCopies(n, Value.NULL);
    }
}
