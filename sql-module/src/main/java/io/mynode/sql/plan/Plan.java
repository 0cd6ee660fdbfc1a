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
     * Which unmatched rows a join keeps, padded with NULLs: none (INNER), the left side's (LEFT;
     * a RIGHT JOIN is planned as a LEFT JOIN with its sides swapped), or both sides' (FULL).
     */
    enum JoinKind {
        INNER, LEFT, FULL;

        /** Whether unmatched left rows are kept. */
        public boolean outer() {
            return this != INNER;
        }
    }

    /**
     * Every left row paired with every right row that satisfies {@code predicate}; unmatched
     * rows kept as {@code kind} says.
     */
    record NestedLoopJoin(Plan left, Plan right, Optional<Expression> predicate, JoinKind kind) implements Plan {
        /** Whether unmatched left rows are kept (LEFT or FULL). */
        public boolean outer() {
            return kind.outer();
        }
    }

    /**
     * An equi-join: the right side is read into a hash table on {@code rightColumn} (a column of
     * the right row, counted from 0), then each left row probes it with {@code leftColumn}; a
     * candidate pair must also pass {@code residual}, evaluated on the joined row. {@code label}
     * is the equality as EXPLAIN prints it.
     */
    record HashJoin(Plan left, int leftColumn, Plan right, int rightColumn, Optional<Expression> residual,
            JoinKind kind, String label) implements Plan {
        public boolean outer() {
            return kind.outer();
        }
    }

    /**
     * An index nested-loop join: for each left row, the rows {@code right} finds by looking its
     * key up with values of that row; a pair must also pass {@code residual}, evaluated on the
     * joined row. A LEFT one pairs a left row without a match with NULLs; there is no FULL one.
     */
    record IndexJoin(Plan left, Lookup right, Optional<Expression> residual, JoinKind kind) implements Plan {
        public boolean outer() {
            return kind.outer();
        }
    }

    /**
     * The inner side of an {@link IndexJoin}: the rows of {@code table} whose primary key (or
     * {@code index}, when present) starts with {@code keys}, evaluated on the join's left row, and
     * that pass {@code filter}, evaluated on the table's row. Runs only inside its join.
     */
    record Lookup(Table table, String alias, Optional<Index> index, List<Expression> keys, Optional<Expression> filter)
            implements Plan {}

    /** Groups by {@code groupBy} and computes {@code aggregates}; rows are the groups, then the aggregates. */
    record Aggregate(Plan source, List<Expression> groupBy, List<AggregateCall> aggregates) implements Plan {}

    /**
     * One aggregate function call: its arguments (none for {@code COUNT(*)}; STRING_AGG's
     * second is the separator), and whether only distinct values count ({@code COUNT(DISTINCT x)}).
     */
    record AggregateCall(Function function, List<Expression> arguments, boolean distinct) {
        public AggregateCall {
            arguments = List.copyOf(arguments);
        }

        public AggregateCall(Function function, Optional<Expression> argument) {
            this(function, argument.stream().toList(), false);
        }

        /** The aggregated value's expression; empty for {@code COUNT(*)}. */
        public Optional<Expression> argument() {
            return arguments.isEmpty() ? Optional.empty() : Optional.of(arguments.getFirst());
        }

        public String format() {
            return function.name().toLowerCase(java.util.Locale.ROOT) + "(" + (distinct ? "DISTINCT " : "")
                    + (arguments.isEmpty() ? "*" : arguments.stream().map(Expression::format)
                            .collect(java.util.stream.Collectors.joining(", "))) + ")";
        }
    }

    /**
     * The aggregate functions. EVERY is BOOL_AND's standard name; VARIANCE and STDDEV are the
     * sample ones, as in PostgreSQL.
     */
    enum Function {
        COUNT, SUM, AVG, MIN, MAX, BOOL_AND, BOOL_OR, EVERY, STRING_AGG, VAR_POP, VAR_SAMP, VARIANCE, STDDEV_POP,
        STDDEV_SAMP, STDDEV;

        /** How many arguments a call takes. */
        public int arity() {
            return this == STRING_AGG ? 2 : 1;
        }
    }

    record Order(Plan source, List<OrderKey> keys) implements Plan {}

    /** A sort key; NULLs go first or last as {@code nullsFirst} says, whatever the direction. */
    record OrderKey(Expression expression, boolean descending, boolean nullsFirst) {
        /** A key with PostgreSQL's default: NULLs last ascending, first descending. */
        public OrderKey(Expression expression, boolean descending) {
            this(expression, descending, descending);
        }
    }

    record Distinct(Plan source) implements Plan {}

    /**
     * UNION, INTERSECT or EXCEPT of two inputs of the same width and column types; with
     * {@code all} duplicates count (bag semantics), without it the result has none. Rows compare
     * as DISTINCT does: NULLs equal each other.
     */
    record SetOperation(Plan left, Plan right, io.mynode.sql.parse.Ast.SetOperator operator, boolean all)
            implements Plan {}

    /**
     * The first {@code limit} rows. The count is a constant, or a parameter of a prepared
     * statement ({@code LIMIT ?}) that {@link Expression#bind} makes one; the executor checks it
     * is a non-negative INTEGER when it starts.
     */
    record Limit(Plan source, Expression limit) implements Plan {}

    /** All rows but the first {@code offset}; the count is as {@link Limit}'s. */
    record Offset(Plan source, Expression offset) implements Plan {}

    /**
     * Inserts the rows of {@code source}, which are full rows of {@code table} in column order.
     * With {@code conflict}, a row whose primary key or unique value is taken is skipped or
     * turns into an update of the row that holds it.
     */
    record Insert(Table table, Plan source, Optional<Conflict> conflict, Optional<Returning> returning)
            implements Plan {
        public Insert(Table table, Plan source) {
            this(table, source, Optional.empty(), Optional.empty());
        }
    }

    /**
     * ON CONFLICT: {@code target} the columns whose uniqueness is meant (empty: any primary key
     * or unique index); {@code update} empty is DO NOTHING, else DO UPDATE's assignments, over a
     * row made of the existing row followed by the proposed one (EXCLUDED), filtered by
     * {@code where} over the same row.
     */
    record Conflict(List<Integer> target, Optional<List<Assignment>> update, Optional<Expression> where) {}

    /** Sets {@code assignments} (column position, new value over the old row) on each source row. */
    record Update(Table table, Plan source, List<Assignment> assignments, Optional<Returning> returning)
            implements Plan {
        public Update(Table table, Plan source, List<Assignment> assignments) {
            this(table, source, assignments, Optional.empty());
        }
    }

    record Assignment(int column, Expression value) {}

    record Delete(Table table, Plan source, Optional<Returning> returning) implements Plan {
        public Delete(Table table, Plan source) {
            this(table, source, Optional.empty());
        }
    }

    /**
     * RETURNING: expressions over each written row (the new row for INSERT and UPDATE, the old
     * one for DELETE), with their column labels.
     */
    record Returning(List<Expression> expressions, List<String> labels, List<io.mynode.sql.types.DataType> types) {}

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
            case IndexJoin j -> j.left().width() + j.right().width();
            case Lookup l -> l.table().columns().size();
            case Aggregate a -> a.groupBy().size() + a.aggregates().size();
            case Order o -> o.source().width();
            case Distinct d -> d.source().width();
            case SetOperation o -> o.left().width();
            case Limit l -> l.source().width();
            case Offset o -> o.source().width();
            case Insert i -> i.returning().map(r -> r.expressions().size()).orElse(0);
            case Update u -> u.returning().map(r -> r.expressions().size()).orElse(0);
            case Delete d -> d.returning().map(r -> r.expressions().size()).orElse(0);
        };
    }
}
