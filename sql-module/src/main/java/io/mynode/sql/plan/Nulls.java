package io.mynode.sql.plan;

import io.mynode.kernel.sql.ResultColumn.Nullability;
import io.mynode.kernel.sql.Value;

/**
 * Whether a plan's output column can be NULL, for result metadata (JDBC's
 * {@code ResultSetMetaData.isNullable}). It follows a column down to the table it comes from:
 * a NOT NULL column read through filters, projections and the inner side of joins stays
 * {@code NOT_NULL}; the outer side of an outer join makes it {@code NULLABLE}; anything computed
 * is {@code UNKNOWN}, which JDBC allows. A plan node it does not know yields {@code UNKNOWN}, so
 * a new operator can only make the answer vaguer, never wrong.
 */
final class Nulls {
    private Nulls() {}

    static Nullability of(Plan plan, int column) {
        return switch (plan) {
            case Plan.Scan s -> table(s.table(), column);
            case Plan.KeyScan k -> table(k.table(), column);
            case Plan.IndexScan i -> table(i.table(), column);
            case Plan.Filter f -> of(f.source(), column);
            case Plan.Order o -> of(o.source(), column);
            case Plan.Distinct d -> of(d.source(), column);
            case Plan.Limit l -> of(l.source(), column);
            case Plan.Offset o -> of(o.source(), column);
            case Plan.Projection p -> switch (p.expressions().get(column)) {
                case Expression.Column c -> of(p.source(), c.index());
                case Expression.Constant(Value v) -> v instanceof Value.Null ? Nullability.NULLABLE : Nullability.NOT_NULL;
                default -> Nullability.UNKNOWN;
            };
            case Plan.NestedLoopJoin j -> join(j.left(), j.right(), j.kind(), column);
            case Plan.HashJoin j -> join(j.left(), j.right(), j.kind(), column);
            case Plan.SetOperation o -> either(of(o.left(), column), of(o.right(), column));
            case Plan.Aggregate a -> column >= a.groupBy().size()
                    && a.aggregates().get(column - a.groupBy().size()).function() == Plan.Function.COUNT
                    ? Nullability.NOT_NULL : Nullability.UNKNOWN;
            default -> Nullability.UNKNOWN;
        };
    }

    /** A join's column: from the side that may be padded with NULLs (the right of LEFT, both of FULL) nullable. */
    private static Nullability join(Plan left, Plan right, Plan.JoinKind kind, int column) {
        int lw = left.width();
        boolean padded = column < lw ? kind == Plan.JoinKind.FULL : kind.outer();
        Nullability n = column < lw ? of(left, column) : of(right, column - lw);
        return padded && n == Nullability.NOT_NULL ? Nullability.NULLABLE : n;
    }

    /** A column that comes from one input or another: NOT NULL only if both say so. */
    private static Nullability either(Nullability a, Nullability b) {
        if (a == b) {
            return a;
        }
        return a == Nullability.UNKNOWN || b == Nullability.UNKNOWN ? Nullability.UNKNOWN : Nullability.NULLABLE;
    }

    private static Nullability table(io.mynode.sql.store.Table table, int column) {
        return table.primaryKey().contains(column) || !table.columns().get(column).nullable()
                ? Nullability.NOT_NULL : Nullability.NULLABLE;
    }
}
