package io.mynode.sql.plan;

import io.mynode.kernel.sql.Value;
import io.mynode.sql.store.Index;
import io.mynode.sql.store.Span;
import io.mynode.sql.store.Table;
import java.util.List;
import java.util.Optional;

/**
 * A query plan: a tree of operators, each producing rows of a fixed {@link #width()}. The
 * planner builds a straightforward tree; the {@link Optimizer} rewrites it; the executor turns
 * each node into a Volcano iterator. Expressions in a node refer to positions in the rows of its
 * input (for joins: the left row followed by the right row).
 */
public sealed interface Plan {

    /** Every row of a table in primary-key order, keeping those that pass {@code filter}. */
    record Scan(Table table, String alias, Optional<Expression> filter) implements Plan {}

    /**
     * The rows whose primary keys lie in {@code spans}: a range scan, or point reads when every
     * span is one key. Rows come in primary-key order, each once.
     */
    record KeyScan(Table table, String alias, List<Span> spans) implements Plan {}

    /**
     * The rows whose entries in {@code index} lie in {@code spans}, in index order, each read by
     * its primary key.
     */
    record IndexScan(Table table, String alias, Index index, List<Span> spans) implements Plan {}

    /** Rows computed from constant expressions: a FROM-less SELECT, or INSERT's VALUES. */
    record Values(List<List<Expression>> rows, int width) implements Plan {}

    /** No rows at all: what a filter that is always false leaves. */
    record Nothing(int width) implements Plan {}

    record Filter(Plan source, Expression predicate) implements Plan {}

    record Projection(Plan source, List<Expression> expressions, List<String> labels) implements Plan {}

    /**
     * Every left row paired with every right row that satisfies {@code predicate}; with
     * {@code outer}, a left row without a match is paired with NULLs (LEFT JOIN; RIGHT JOIN is
     * planned as a LEFT JOIN with its sides swapped).
     */
    record NestedLoopJoin(Plan left, Plan right, Optional<Expression> predicate, boolean outer) implements Plan {}

    /**
     * An equi-join: the right side is read into a hash table on {@code rightColumn} (a column of
     * the right row, counted from 0), then each left row probes it with {@code leftColumn}; a
     * candidate pair must also pass {@code residual}, evaluated on the joined row. {@code label}
     * is the equality as EXPLAIN prints it.
     */
    record HashJoin(Plan left, int leftColumn, Plan right, int rightColumn, Optional<Expression> residual,
            boolean outer, String label) implements Plan {}

    /** Groups by {@code groupBy} and computes {@code aggregates}; rows are the groups, then the aggregates. */
    record Aggregate(Plan source, List<Expression> groupBy, List<AggregateCall> aggregates) implements Plan {}

    /** One aggregate function call; {@code argument} is empty for {@code COUNT(*)}. */
    record AggregateCall(Function function, Optional<Expression> argument) {
        public String format() {
            return function.name().toLowerCase(java.util.Locale.ROOT) + "("
                    + argument.map(Expression::format).orElse("*") + ")";
        }
    }

    /** The aggregate functions. */
    enum Function { COUNT, SUM, AVG, MIN, MAX }

    record Order(Plan source, List<OrderKey> keys) implements Plan {}

    record OrderKey(Expression expression, boolean descending) {}

    record Distinct(Plan source) implements Plan {}

    /**
     * The first {@code limit} rows. The count is a constant, or a parameter of a prepared
     * statement ({@code LIMIT ?}) that {@link Expression#bind} makes one; the executor checks it
     * is a non-negative INTEGER when it starts.
     */
    record Limit(Plan source, Expression limit) implements Plan {}

    /** All rows but the first {@code offset}; the count is as {@link Limit}'s. */
    record Offset(Plan source, Expression offset) implements Plan {}

    /** Inserts the rows of {@code source}, which are full rows of {@code table} in column order. */
    record Insert(Table table, Plan source) implements Plan {}

    /** Sets {@code assignments} (column position, new value over the old row) on each source row. */
    record Update(Table table, Plan source, List<Assignment> assignments) implements Plan {}

    record Assignment(int column, Expression value) {}

    record Delete(Table table, Plan source) implements Plan {}

    /** How many values each row of this node has. */
    default int width() {
        return switch (this) {
            case Scan s -> s.table().columns().size();
            case KeyScan k -> k.table().columns().size();
            case IndexScan i -> i.table().columns().size();
            case Values v -> v.width();
            case Nothing n -> n.width();
            case Filter f -> f.source().width();
            case Projection p -> p.expressions().size();
            case NestedLoopJoin j -> j.left().width() + j.right().width();
            case HashJoin j -> j.left().width() + j.right().width();
            case Aggregate a -> a.groupBy().size() + a.aggregates().size();
            case Order o -> o.source().width();
            case Distinct d -> d.source().width();
            case Limit l -> l.source().width();
            case Offset o -> o.source().width();
            case Insert i -> 0;
            case Update u -> 0;
            case Delete d -> 0;
        };
    }
}
