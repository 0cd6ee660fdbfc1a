package io.mynode.sql.plan;

import io.mynode.kernel.sql.Value;
import io.mynode.sql.parse.Ast.BinaryOp;
import io.mynode.sql.store.Index;
import io.mynode.sql.store.Span;
import io.mynode.sql.store.Table;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.ValueOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a filtered scan reads its table: every row, or only the key ranges its filter allows, on
 * the primary key or on an index.
 *
 * <h2>From conjuncts to spans</h2>
 *
 * Each conjunct of the filter that compares one column with constants ({@code =}, {@code <},
 * {@code <=}, {@code >}, {@code >=}, {@code IN}, and ORs and ANDs of those on one column) says
 * which values of that column can pass: a union of intervals, a {@link Ranges}. The conjuncts on
 * one column intersect. A key (the primary key, or an index's columns) then turns into
 * {@link Span}s column by column: while a column is pinned to a few points, each span is
 * extended by each point; the first column with a real range ends the spans with bounds; a column
 * without a condition ends them as a prefix. {@code a IN (1, 2) AND b > 5} on a key {@code (a, b)}
 * is two spans, {@code a = 1, b > 5} and {@code a = 2, b > 5}.
 *
 * <h2>Exact, or not used</h2>
 *
 * A conjunct becomes part of a span only if the span selects exactly the rows the conjunct
 * passes, so the conjunct leaves the filter. Where that is not certain, the conjunct is not
 * used at all and stays in the filter: a comparison with NULL, {@code !=}, an integer constant
 * beyond 2^53 against a FLOAT column (or the reverse), where conversion to the column's type
 * could round. NaN compares false with everything, so {@code x < 'NaN'} selects nothing; and
 * since NaN's key sorts above +Infinity, a range on a FLOAT column without an upper bound stops
 * at +Infinity.
 *
 * <h2>Choosing</h2>
 *
 * There are no statistics, so the choice is by shape: a key pinned on every column (one row per
 * point for the primary key or a unique index) beats one pinned on fewer columns, which beats a
 * bounded range; the primary key wins ties, since an index costs a second read per row. A filter
 * no key can use stays a full scan.
 */
final class AccessPath {
    /** Most spans a scan takes; a larger product of IN lists stops extending the key. */
    static final int MAX_SPANS = 1000;

    private AccessPath() {}

    /** The plan that reads the rows of {@code table} passing {@code filter}, with what is left of the filter above it. */
    static Plan choose(Table table, String alias, Expression filter) {
        List<Expression> parts = Expression.conjuncts(filter);
        Map<Integer, Ranges> byColumn = new HashMap<>();
        Map<Integer, Integer> columnOf = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Optional<Condition> c = condition(parts.get(i), table);
            if (c.isPresent()) {
                columnOf.put(i, c.get().column());
                byColumn.merge(c.get().column(), c.get().ranges(), Ranges::intersect);
            }
        }
        for (Ranges r : byColumn.values()) {
            if (r.isEmpty()) {
                return new Plan.Nothing(table.columns().size());
            }
        }
        Choice best = spans(table.primaryKey(), byColumn, true);
        for (Index index : table.indexes()) {
            Choice c = spans(table.positions(index.columns()), byColumn, index.unique());
            if (c.score() > best.score()) {
                best = new Choice(c.spans(), c.used(), c.score(), Optional.of(index));
            }
        }
        if (best.used().isEmpty()) {
            return new Plan.Scan(table, alias, Optional.of(filter));
        }
        List<Expression> rest = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Integer column = columnOf.get(i);
            if (column == null || !best.used().contains(column)) {
                rest.add(parts.get(i));
            }
        }
        Choice chosen = best;
        Plan access = chosen.index().<Plan>map(i -> new Plan.IndexScan(table, alias, i, chosen.spans()))
                .orElseGet(() -> new Plan.KeyScan(table, alias, chosen.spans()));
        return Expression.and(rest).<Plan>map(e -> new Plan.Filter(access, e)).orElse(access);
    }

    /** What a conjunct allows of one column. */
    private record Condition(int column, Ranges ranges) {}

    /** The spans a key allows, which columns they used, and how good they are. */
    private record Choice(List<Span> spans, Set<Integer> used, int score, Optional<Index> index) {}

    /**
     * The spans over {@code key} (column positions) that the conditions allow. Score: two points
     * per pinned column, one for a final range, and a bonus when every column is pinned on a
     * {@code unique} key, so a point read wins over anything that may return more rows.
     */
    private static Choice spans(List<Integer> key, Map<Integer, Ranges> byColumn, boolean unique) {
        List<List<Value>> prefixes = new ArrayList<>();
        prefixes.add(List.of());
        Set<Integer> used = new HashSet<>();
        int score = 0;
        for (int column : key) {
            Ranges r = byColumn.get(column);
            if (r == null || (long) prefixes.size() * r.intervals().size() > MAX_SPANS) {
                break;
            }
            used.add(column);
            if (r.points()) {
                List<List<Value>> extended = new ArrayList<>();
                for (List<Value> p : prefixes) {
                    for (Ranges.Interval i : r.intervals()) {
                        List<Value> q = new ArrayList<>(p);
                        q.add(i.lower().orElseThrow().value());
                        extended.add(q);
                    }
                }
                prefixes = extended;
                score += 2;
                continue;
            }
            List<Span> spans = new ArrayList<>();
            for (List<Value> p : prefixes) {
                for (Ranges.Interval i : r.intervals()) {
                    spans.add(i.isPoint() ? Span.prefix(append(p, i.lower().orElseThrow().value()))
                            : new Span(p, i.lower(), i.upper()));
                }
            }
            return new Choice(spans, used, score + 1, Optional.empty());
        }
        if (unique && used.size() == key.size()) {
            score += 100;
        }
        return new Choice(prefixes.stream().map(Span::prefix).toList(), used, score, Optional.empty());
    }

    private static List<Value> append(List<Value> prefix, Value v) {
        List<Value> out = new ArrayList<>(prefix);
        out.add(v);
        return out;
    }

    /** The condition {@code e} puts on one column of {@code table}, if it is one a span can express exactly. */
    private static Optional<Condition> condition(Expression e, Table table) {
        return switch (e) {
            case Expression.Binary(BinaryOp op, Expression.Column c, Expression.Constant(Value v))
                    when op.comparison().isPresent() -> compare(op, c.index(), v, table);
            case Expression.Binary(BinaryOp op, Expression.Constant(Value v), Expression.Column c)
                    when op.comparison().isPresent() -> compare(flip(op), c.index(), v, table);
            case Expression.InList(Expression.Column c, List<Expression> list, boolean negated) when !negated -> {
                Ranges r = Ranges.NONE;
                for (Expression item : list) {
                    if (!(item instanceof Expression.Constant(Value v))) {
                        yield Optional.empty();
                    }
                    if (v instanceof Value.Null) {
                        continue; // x IN (1, NULL) passes the rows x IN (1) passes
                    }
                    Optional<Condition> one = compare(BinaryOp.EQUAL, c.index(), v, table);
                    if (one.isEmpty()) {
                        yield Optional.empty();
                    }
                    r = r.union(one.get().ranges());
                }
                yield Optional.of(new Condition(c.index(), r));
            }
            case Expression.Binary(BinaryOp op, Expression l, Expression r) when op == BinaryOp.OR || op == BinaryOp.AND -> {
                Optional<Condition> a = condition(l, table);
                Optional<Condition> b = condition(r, table);
                if (a.isEmpty() || b.isEmpty() || a.get().column() != b.get().column()) {
                    yield Optional.empty();
                }
                Ranges ranges = op == BinaryOp.OR ? a.get().ranges().union(b.get().ranges())
                        : a.get().ranges().intersect(b.get().ranges());
                yield Optional.of(new Condition(a.get().column(), ranges));
            }
            default -> Optional.empty();
        };
    }

    /** {@code a op b} as {@code b op' a}. */
    private static BinaryOp flip(BinaryOp op) {
        return switch (op) {
            case LESS -> BinaryOp.GREATER;
            case LESS_OR_EQUAL -> BinaryOp.GREATER_OR_EQUAL;
            case GREATER -> BinaryOp.LESS;
            case GREATER_OR_EQUAL -> BinaryOp.LESS_OR_EQUAL;
            default -> op;
        };
    }

    /** Exact integers as doubles: beyond this, a conversion between INTEGER and FLOAT may round. */
    private static final double EXACT = 0x1p52;

    /** {@code column op v}, as ranges of the column's own type, if exact. */
    private static Optional<Condition> compare(BinaryOp op, int column, Value v, Table table) {
        if (op == BinaryOp.NOT_EQUAL || v instanceof Value.Null) {
            return Optional.empty();
        }
        DataType type = table.columns().get(column).type();
        Ranges r;
        if (type == DataType.INTEGER && v instanceof Value.Float(double d)) {
            if (Double.isNaN(d)) {
                r = Ranges.NONE;
            } else if (Math.abs(d) > EXACT) {
                return Optional.empty();
            } else {
                // An integer column against a fraction: id > 1.5 is id >= 2, id = 1.5 is nothing.
                r = switch (op) {
                    case EQUAL -> d == Math.rint(d) ? Ranges.point(Value.of((long) d)) : Ranges.NONE;
                    case LESS -> Ranges.upTo(Value.of((long) Math.ceil(d) - 1), true);
                    case LESS_OR_EQUAL -> Ranges.upTo(Value.of((long) Math.floor(d)), true);
                    case GREATER -> Ranges.from(Value.of((long) Math.floor(d) + 1), true);
                    case GREATER_OR_EQUAL -> Ranges.from(Value.of((long) Math.ceil(d)), true);
                    default -> throw new IllegalStateException("not a range comparison: " + op);
                };
            }
        } else {
            Value key;
            if (type == DataType.FLOAT && v instanceof Value.Int(long i)) {
                if (Math.abs((double) i) > EXACT) {
                    return Optional.empty();
                }
                key = Value.of((double) i);
            } else if (DataType.of(v) == type) {
                key = v;
            } else {
                return Optional.empty();
            }
            if (key instanceof Value.Float(double d) && Double.isNaN(d)) {
                r = Ranges.NONE; // NaN compares false with everything
            } else {
                r = switch (op) {
                    case EQUAL -> Ranges.point(key);
                    case LESS -> Ranges.upTo(key, false);
                    case LESS_OR_EQUAL -> Ranges.upTo(key, true);
                    case GREATER -> Ranges.from(key, false);
                    case GREATER_OR_EQUAL -> Ranges.from(key, true);
                    default -> throw new IllegalStateException("not a range comparison: " + op);
                };
            }
        }
        if (type == DataType.FLOAT) {
            // A NaN key sorts above +Infinity, and NaN passes no comparison: stop there.
            r = r.intersect(Ranges.between(Value.of(Double.NEGATIVE_INFINITY), Value.of(Double.POSITIVE_INFINITY)));
        }
        return Optional.of(new Condition(column, r));
    }

    /**
     * A set of values of one column as sorted, disjoint intervals, in {@link ValueOrder} (which for
     * values of one type is their key order). No interval holds NULL.
     */
    record Ranges(List<Interval> intervals) {
        static final Ranges NONE = new Ranges(List.of());

        /** An interval; an empty end is unbounded. */
        record Interval(Optional<Span.Bound> lower, Optional<Span.Bound> upper) {
            boolean isPoint() {
                return lower.isPresent() && upper.isPresent() && lower.get().inclusive() && upper.get().inclusive()
                        && ValueOrder.INSTANCE.compare(lower.get().value(), upper.get().value()) == 0;
            }

            /** Whether no value lies inside. */
            boolean isEmpty() {
                if (lower.isEmpty() || upper.isEmpty()) {
                    return false;
                }
                int c = ValueOrder.INSTANCE.compare(lower.get().value(), upper.get().value());
                return c > 0 || (c == 0 && !(lower.get().inclusive() && upper.get().inclusive()));
            }
        }

        static Ranges point(Value v) {
            return of(new Interval(Optional.of(new Span.Bound(v, true)), Optional.of(new Span.Bound(v, true))));
        }

        static Ranges from(Value v, boolean inclusive) {
            return of(new Interval(Optional.of(new Span.Bound(v, inclusive)), Optional.empty()));
        }

        static Ranges upTo(Value v, boolean inclusive) {
            return of(new Interval(Optional.empty(), Optional.of(new Span.Bound(v, inclusive))));
        }

        static Ranges between(Value low, Value high) {
            return of(new Interval(Optional.of(new Span.Bound(low, true)), Optional.of(new Span.Bound(high, true))));
        }

        private static Ranges of(Interval i) {
            return i.isEmpty() ? NONE : new Ranges(List.of(i));
        }

        boolean isEmpty() {
            return intervals.isEmpty();
        }

        /** Whether every interval is a single value. */
        boolean points() {
            return intervals.stream().allMatch(Interval::isPoint);
        }

        Ranges union(Ranges other) {
            List<Interval> all = new ArrayList<>(intervals);
            all.addAll(other.intervals);
            all.sort((a, b) -> compareLower(a.lower(), b.lower()));
            List<Interval> out = new ArrayList<>();
            for (Interval i : all) {
                Interval last = out.isEmpty() ? null : out.getLast();
                if (last != null && meets(last.upper(), i.lower())) {
                    out.set(out.size() - 1, new Interval(last.lower(),
                            compareUpper(last.upper(), i.upper()) >= 0 ? last.upper() : i.upper()));
                } else {
                    out.add(i);
                }
            }
            return new Ranges(List.copyOf(out));
        }

        Ranges intersect(Ranges other) {
            List<Interval> out = new ArrayList<>();
            for (Interval a : intervals) {
                for (Interval b : other.intervals) {
                    Interval i = new Interval(compareLower(a.lower(), b.lower()) >= 0 ? a.lower() : b.lower(),
                            compareUpper(a.upper(), b.upper()) <= 0 ? a.upper() : b.upper());
                    if (!i.isEmpty()) {
                        out.add(i);
                    }
                }
            }
            // The pieces of disjoint sorted intervals come out disjoint; union() sorts them.
            return NONE.union(new Ranges(out));
        }

        /** Orders lower ends: unbounded first, then by value, an inclusive end before an exclusive one. */
        private static int compareLower(Optional<Span.Bound> a, Optional<Span.Bound> b) {
            if (a.isEmpty() || b.isEmpty()) {
                return Boolean.compare(a.isPresent(), b.isPresent());
            }
            int c = ValueOrder.INSTANCE.compare(a.get().value(), b.get().value());
            return c != 0 ? c : Boolean.compare(!a.get().inclusive(), !b.get().inclusive());
        }

        /** Orders upper ends: by value, an exclusive end before an inclusive one, unbounded last. */
        private static int compareUpper(Optional<Span.Bound> a, Optional<Span.Bound> b) {
            if (a.isEmpty() || b.isEmpty()) {
                return Boolean.compare(a.isEmpty(), b.isEmpty());
            }
            int c = ValueOrder.INSTANCE.compare(a.get().value(), b.get().value());
            return c != 0 ? c : Boolean.compare(a.get().inclusive(), b.get().inclusive());
        }

        /** Whether an interval ending at {@code upper} overlaps or touches one starting at {@code lower}. */
        private static boolean meets(Optional<Span.Bound> upper, Optional<Span.Bound> lower) {
            if (upper.isEmpty() || lower.isEmpty()) {
                return true;
            }
            int c = ValueOrder.INSTANCE.compare(upper.get().value(), lower.get().value());
            return c > 0 || (c == 0 && (upper.get().inclusive() || lower.get().inclusive()));
        }
    }
}
