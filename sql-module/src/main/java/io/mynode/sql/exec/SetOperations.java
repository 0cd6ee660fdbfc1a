package io.mynode.sql.exec;

import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.parse.Ast;
import io.mynode.sql.types.ValueOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UNION, INTERSECT and EXCEPT, with and without ALL. Rows are equal when DISTINCT would call
 * them equal (NULLs equal each other). UNION ALL streams both sides; UNION streams them through a
 * set of rows seen; INTERSECT and EXCEPT read the right side into a multiset (counts per row)
 * and stream the left side against it, so with ALL a row appears min(m, n) times (INTERSECT) or
 * max(m - n, 0) times (EXCEPT), and without ALL at most once.
 *
 * <p>What this buffers: UNION's seen set; the right side's counts; the left rows already emitted
 * by INTERSECT or EXCEPT without ALL.
 */
final class SetOperations {
    private SetOperations() {}

    static RowStream run(RowStream left, RowStream right, Ast.SetOperator operator, boolean all) {
        return switch (operator) {
            case UNION -> union(left, right, all);
            case INTERSECT, EXCEPT -> against(left, counts(right), operator == Ast.SetOperator.INTERSECT, all, right);
        };
    }

    private static RowStream union(RowStream left, RowStream right, boolean all) {
        Set<List<Value>> seen = all ? null : new HashSet<>();
        return new Executor.Pull(left, right) {
            @Override
            protected List<Value> fetch() {
                while (true) {
                    List<Value> row;
                    if (left.hasNext()) {
                        row = left.next();
                    } else if (right.hasNext()) {
                        row = right.next();
                    } else {
                        return null;
                    }
                    if (seen == null || seen.add(ValueOrder.canonical(row))) {
                        return row;
                    }
                }
            }
        };
    }

    private static Map<List<Value>, long[]> counts(RowStream right) {
        Map<List<Value>, long[]> counts = new HashMap<>();
        try (right) {
            while (right.hasNext()) {
                counts.computeIfAbsent(ValueOrder.canonical(right.next()), k -> new long[1])[0]++;
            }
        }
        return counts;
    }

    private static RowStream against(RowStream left, Map<List<Value>, long[]> right, boolean intersect, boolean all,
            RowStream rightStream) {
        Set<List<Value>> emitted = all ? null : new HashSet<>();
        return new Executor.Pull(left, rightStream) {
            @Override
            protected List<Value> fetch() {
                while (left.hasNext()) {
                    List<Value> row = left.next();
                    List<Value> key = ValueOrder.canonical(row);
                    long[] n = right.get(key);
                    boolean inRight = n != null && n[0] > 0;
                    if (all) {
                        if (inRight) {
                            n[0]--;
                        }
                        if (inRight == intersect) {
                            return row;
                        }
                    } else if (inRight == intersect && emitted.add(key)) {
                        return row;
                    }
                }
                return null;
            }
        };
    }
}
