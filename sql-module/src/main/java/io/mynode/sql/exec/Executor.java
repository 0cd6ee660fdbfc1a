package io.mynode.sql.exec;

import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.plan.Expression;
import io.mynode.sql.plan.Plan;
import io.mynode.sql.store.Span;
import io.mynode.sql.store.TableData;
import io.mynode.sql.types.Operators;
import io.mynode.sql.types.ValueOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Runs plans as Volcano iterators: each node becomes a {@link RowStream} that pulls rows from
 * its children on demand, so a scan feeding a LIMIT stops reading when the limit is reached and
 * a large result streams to the client. Only the operators that must see all their input hold
 * it in memory, each in one place: ORDER BY ({@link #order}), aggregation ({@link Aggregation}),
 * DISTINCT ({@link #distinct}), set operations ({@link SetOperations}), the build side of a hash
 * join and the inner side of a nested-loop join ({@link #materialize}, then {@link Joins}), and
 * subquery answers ({@link Subqueries}). Writes read all their input rows before changing
 * anything (which is what keeps {@code UPDATE t SET id = id + 1} from seeing its own writes: no
 * Halloween problem); {@link Writes} runs them.
 *
 * <p>An executor is also the {@link Expression.Context} its expressions evaluate in: a
 * subquery's executor holds the argument values it was run with, which its plan reads as outer
 * values, and all executors of a statement share one {@link Subqueries}.
 *
 * <p>One thread, one statement.
 */
public final class Executor implements Expression.Context {
    private final TableData data;
    private final List<Value> outer;
    private final Subqueries subqueries;

    public Executor(TableData data) {
        this.data = data;
        this.outer = List.of();
        this.subqueries = new Subqueries(data);
    }

    /** The executor of a subquery run with {@code outer} as its argument values. */
    Executor(TableData data, List<Value> outer, Subqueries subqueries) {
        this.data = data;
        this.outer = outer;
        this.subqueries = subqueries;
    }

    @Override
    public Value outer(int index) {
        return outer.get(index);
    }

    @Override
    public Value subquery(Expression.Subquery query, List<Value> arguments, Value operand) {
        return subqueries.evaluate(query, arguments, operand);
    }

    /** The rows of a query plan. */
    public RowStream rows(Plan plan) {
        return switch (plan) {
            case Plan.Scan s -> {
                // A correlated subquery scans the same table once per outer value: its rows are
                // read once per statement and kept (see Subqueries.rows).
                Optional<List<List<Value>>> kept = outer.isEmpty() ? Optional.empty() : subqueries.rows(s.table());
                RowStream all = kept.isPresent() ? RowStream.of(kept.get().iterator()) : data.scan(s.table());
                yield s.filter().isPresent() ? filter(all, s.filter().get()) : all;
            }
            case Plan.KeyScan k -> data.scan(k.table(), k.spans());
            case Plan.IndexScan i -> data.scan(i.table(), i.index(), i.spans());
            case Plan.Values v -> {
                List<List<Value>> rows = new ArrayList<>();
                for (List<Expression> row : v.rows()) {
                    Value[] out = new Value[row.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = row.get(i).evaluate(List.of(), this);
                    }
                    rows.add(List.of(out));
                }
                yield RowStream.of(rows.iterator());
            }
            case Plan.Nothing n -> TableData.empty();
            case Plan.Filter f -> filter(rows(f.source()), f.predicate());
            case Plan.Projection p -> map(rows(p.source()), row -> {
                Value[] out = new Value[p.expressions().size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = p.expressions().get(i).evaluate(row, this);
                }
                return List.of(out);
            });
            case Plan.NestedLoopJoin j -> Joins.nestedLoop(rows(j.left()), j.left().width(), materialize(rows(j.right())),
                    j.right().width(), j.predicate(), j.kind(), this);
            case Plan.HashJoin j -> Joins.hash(rows(j.left()), j.left().width(), j.leftColumn(),
                    materialize(rows(j.right())), j.rightColumn(), j.right().width(), j.residual(), j.kind(), this);
            case Plan.IndexJoin j -> Joins.lookup(rows(j.left()), row -> lookup(j.right(), row), j.right().width(),
                    j.residual(), j.kind(), this);
            case Plan.Lookup l -> throw new InternalFailure("a lookup runs only inside its index join");
            case Plan.Aggregate a -> Aggregation.run(rows(a.source()), a.groupBy(), a.aggregates(), this);
            case Plan.Order o -> order(rows(o.source()), o.keys());
            case Plan.Distinct d -> distinct(rows(d.source()));
            case Plan.SetOperation o -> SetOperations.run(rows(o.left()), rows(o.right()), o.operator(), o.all());
            case Plan.Limit l -> limit(rows(l.source()), count(l.limit(), "LIMIT", SqlState.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE));
            case Plan.Offset o -> offset(rows(o.source()),
                    count(o.offset(), "OFFSET", SqlState.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE));
            case Plan.Insert i -> throw new InternalFailure("INSERT has no rows; use write()");
            case Plan.Update u -> throw new InternalFailure("UPDATE has no rows; use write()");
            case Plan.Delete d -> throw new InternalFailure("DELETE has no rows; use write()");
        };
    }

    /** Runs an INSERT, UPDATE or DELETE plan; returns how many rows it changed. */
    public long write(Plan plan) {
        return execute(plan).count();
    }

    /** What a write did: how many rows it changed, and its RETURNING rows (empty without RETURNING). */
    public record Written(long count, List<List<Value>> returned) {}

    /** Runs an INSERT, UPDATE or DELETE plan, with its ON CONFLICT and RETURNING clauses. */
    public Written execute(Plan plan) {
        return new Writes(data, this).run(plan);
    }

    /** The rows {@code lookup} finds for one left row of its join. */
    private java.util.Iterator<List<Value>> lookup(Plan.Lookup lookup, List<Value> left) {
        List<Value> key = new ArrayList<>(lookup.keys().size());
        List<String> columns = lookup.index().map(i -> i.columns()).orElseGet(() -> lookup.table().primaryKeyNames());
        for (int i = 0; i < lookup.keys().size(); i++) {
            java.util.Optional<Value> v = TableData.keyValue(lookup.keys().get(i).evaluate(left, this),
                    lookup.table().column(columns.get(i)).type());
            if (v.isEmpty() || v.get() instanceof Value.Null) {
                return java.util.Collections.emptyIterator(); // NULL, NaN or a fraction for an integer equal nothing
            }
            key.add(v.get());
        }
        List<Span> spans = List.of(Span.prefix(key));
        RowStream found = lookup.index().isPresent() ? data.scan(lookup.table(), lookup.index().get(), spans)
                : data.scan(lookup.table(), spans);
        if (lookup.filter().isPresent()) {
            found = filter(found, lookup.filter().get());
        }
        return materialize(found).iterator();
    }

    static List<List<Value>> materialize(RowStream s) {
        List<List<Value>> rows = new ArrayList<>();
        try (s) {
            s.forEachRemaining(rows::add);
        }
        return rows;
    }

    private RowStream filter(RowStream source, Expression predicate) {
        return new Pull(source) {
            @Override
            protected List<Value> fetch() {
                while (source.hasNext()) {
                    List<Value> row = source.next();
                    if (Operators.truthy(predicate.evaluate(row, Executor.this))) {
                        return row;
                    }
                }
                return null;
            }
        };
    }

    private static RowStream map(RowStream source, java.util.function.Function<List<Value>, List<Value>> f) {
        return new Pull(source) {
            @Override
            protected List<Value> fetch() {
                return source.hasNext() ? f.apply(source.next()) : null;
            }
        };
    }

    /** ORDER BY: a stable sort; NULLs first or last by each key's own rule, whatever its direction. */
    private static RowStream order(RowStream source, List<Plan.OrderKey> keys) {
        List<List<Value>> rows = materialize(source);
        Comparator<List<Value>> cmp = (a, b) -> {
            for (Plan.OrderKey k : keys) {
                Value x = k.expression().evaluate(a);
                Value y = k.expression().evaluate(b);
                boolean xNull = x instanceof Value.Null;
                boolean yNull = y instanceof Value.Null;
                if (xNull || yNull) {
                    if (xNull != yNull) {
                        return xNull == k.nullsFirst() ? -1 : 1;
                    }
                    continue;
                }
                int c = ValueOrder.INSTANCE.compare(x, y);
                if (c != 0) {
                    return k.descending() ? -c : c;
                }
            }
            return 0;
        };
        rows.sort(cmp);
        return RowStream.of(rows.iterator());
    }

    private static RowStream distinct(RowStream source) {
        Set<List<Value>> seen = new HashSet<>();
        return new Pull(source) {
            @Override
            protected List<Value> fetch() {
                while (source.hasNext()) {
                    List<Value> row = source.next();
                    if (seen.add(ValueOrder.canonical(row))) {
                        return row;
                    }
                }
                return null;
            }
        };
    }

    /**
     * A LIMIT or OFFSET count: the planner checked a constant one already, a parameter's value is
     * checked here, before any row is read.
     */
    private static long count(Expression e, String clause, SqlState state) {
        Value v = e.evaluate(List.of());
        return switch (v) {
            case Value.Int(long n) when n >= 0 -> n;
            default -> throw new InvalidInputException(state, clause + " must be a non-negative integer, got "
                    + Operators.literal(v));
        };
    }

    private static RowStream limit(RowStream source, long limit) {
        return new Pull(source) {
            private long taken;

            @Override
            protected List<Value> fetch() {
                if (taken >= limit || !source.hasNext()) {
                    return null;
                }
                taken++;
                return source.next();
            }
        };
    }

    private static RowStream offset(RowStream source, long offset) {
        return new Pull(source) {
            private long skipped;

            @Override
            protected List<Value> fetch() {
                while (skipped < offset && source.hasNext()) {
                    source.next();
                    skipped++;
                }
                return source.hasNext() ? source.next() : null;
            }
        };
    }

    /** A row stream that computes its next row on demand; {@link #fetch()} returns null at the end. */
    abstract static class Pull implements RowStream {
        private final RowStream[] inputs;
        private List<Value> next;
        private boolean done;

        Pull(RowStream... inputs) {
            this.inputs = inputs;
        }

        protected abstract List<Value> fetch();

        @Override
        public final boolean hasNext() {
            if (next == null && !done) {
                next = fetch();
                done = next == null;
            }
            return next != null;
        }

        @Override
        public final List<Value> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<Value> row = next;
            next = null;
            return row;
        }

        @Override
        public void close() {
            for (RowStream c : inputs) {
                c.close();
            }
        }
    }

}
