package io.mynode.sql.plan;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.parse.Ast.BinaryOp;
import io.mynode.sql.store.Table;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A heuristic optimizer: a few rewrites, each always a win, applied in order (as toyDB's).
 *
 * <ol>
 *   <li><b>Constant folding.</b> Subexpressions that read no column are evaluated once, and
 *       {@code AND}/{@code OR} with a constant side simplified. An expression whose evaluation
 *       fails (say {@code 1 / 0}) is left alone, so it fails only if a row reaches it.
 *   <li><b>Filter pushdown.</b> WHERE and ON conjuncts move as far down as they can: into a
 *       scan, or into the side of a join whose columns they read. For an outer join only what
 *       cannot change which rows are NULL-extended moves.
 *   <li><b>Access paths.</b> A scan whose filter bounds the primary key or an indexed column
 *       by constants ({@code id = 1}, {@code id IN (1, 2)}, {@code id > 5 AND id <= 9},
 *       {@code id < 3 OR id = 7}) reads only those key ranges: a {@code KeyScan} or an
 *       {@code IndexScan} ({@link AccessPath}). The rest of the filter stays above.
 *   <li><b>Join order.</b> Chains of inner joins are reordered, filtered and smaller inputs
 *       first ({@link JoinOrder}).
 *   <li><b>Join selection.</b> A join whose condition equates left columns with a prefix of the
 *       right table's primary key or of one of its indexes becomes an {@code IndexJoin} (a lookup
 *       per left row), unless the left side is a whole table; one that equates a left column with
 *       a right column becomes a {@code HashJoin}.
 *   <li><b>Sort elimination.</b> ORDER BY the primary key, ascending, over a scan or a key
 *       scan needs no sort: both return rows in key order already.
 *   <li><b>Short-circuiting.</b> A filter that is always false or NULL becomes {@code Nothing},
 *       and an inner join with {@code Nothing} on a side does too.
 * </ol>
 *
 * There is no cost model: without statistics, every choice is by the shape of the query.
 */
public final class Optimizer {
    private Optimizer() {}

    public static Plan optimize(Plan plan) {
        // Each subquery's plan is optimized on its own, as a whole plan.
        Plan p = mapExpressions(plan, e -> e.transform(x -> x instanceof Expression.Subquery s
                ? new Expression.Subquery(s.kind(), optimize(s.plan()), s.arguments(), s.operand(), s.comparison()) : x));
        p = mapExpressions(p, Optimizer::fold);
        p = pushDown(p);
        p = JoinOrder.reorder(p);
        return choose(p);
    }

    // ---- 1. constant folding

    static Expression fold(Expression e) {
        return e.transform(x -> {
            if (x instanceof Expression.Constant) {
                return x;
            }
            if (x.isConstant()) {
                try {
                    return new Expression.Constant(x.evaluate(List.of()));
                } catch (InvalidInputException failed) {
                    return x;
                }
            }
            if (x instanceof Expression.Binary(BinaryOp op, Expression l, Expression r)) {
                if (op == BinaryOp.AND) {
                    if (isFalse(l) || isFalse(r)) {
                        return new Expression.Constant(Value.FALSE);
                    }
                    if (isTrue(l)) {
                        return r;
                    }
                    if (isTrue(r)) {
                        return l;
                    }
                }
                if (op == BinaryOp.OR) {
                    if (isTrue(l) || isTrue(r)) {
                        return Expression.TRUE;
                    }
                    if (isFalse(l)) {
                        return r;
                    }
                    if (isFalse(r)) {
                        return l;
                    }
                }
            }
            return x;
        });
    }

    private static boolean isTrue(Expression e) {
        return e instanceof Expression.Constant(Value v) && v.equals(Value.TRUE);
    }

    private static boolean isFalse(Expression e) {
        return e instanceof Expression.Constant(Value v) && v.equals(Value.FALSE);
    }

    /** Whether a predicate can never be TRUE: a constant FALSE or NULL. */
    private static boolean never(Expression e) {
        return e instanceof Expression.Constant(Value v) && !v.equals(Value.TRUE);
    }

    // ---- 2. filter pushdown

    private static Plan pushDown(Plan plan) {
        Plan p = mapChildren(plan, Optimizer::pushDown);
        return switch (p) {
            case Plan.Filter(Plan source, Expression predicate) -> filter(source, predicate);
            case Plan.NestedLoopJoin j when j.predicate().isPresent() -> {
                int lw = j.left().width();
                List<Expression> stay = new ArrayList<>();
                List<Expression> toLeft = new ArrayList<>();
                List<Expression> toRight = new ArrayList<>();
                for (Expression c : Expression.conjuncts(j.predicate().get())) {
                    BitSet cols = c.columns();
                    boolean leftOnly = cols.isEmpty() || cols.previousSetBit(cols.length()) < lw;
                    boolean rightOnly = cols.nextSetBit(0) >= lw || cols.isEmpty();
                    if (j.kind() == Plan.JoinKind.FULL) {
                        // Every row of both sides survives a FULL JOIN: nothing may filter either side.
                        stay.add(c);
                    } else if (j.outer()) {
                        // ON conditions on the right side only decide which right rows match.
                        (rightOnly ? toRight : stay).add(c);
                    } else if (leftOnly && !cols.isEmpty()) {
                        toLeft.add(c);
                    } else if (rightOnly && !cols.isEmpty()) {
                        toRight.add(c);
                    } else {
                        stay.add(c);
                    }
                }
                Plan left = Expression.and(toLeft).map(e -> filter(j.left(), e)).orElse(j.left());
                Plan right = Expression.and(toRight).map(e -> filter(j.right(), e.shift(-lw))).orElse(j.right());
                yield new Plan.NestedLoopJoin(left, right, Expression.and(stay), j.kind());
            }
            default -> p;
        };
    }

    /** Places {@code predicate} over {@code source}, as deep as it can go. */
    private static Plan filter(Plan source, Expression predicate) {
        return switch (source) {
            case Plan.Scan(Table t, String alias, Optional<Expression> f) ->
                    new Plan.Scan(t, alias, Optional.of(f.map(x -> and(x, predicate)).orElse(predicate)));
            case Plan.Filter(Plan s, Expression f) -> filter(s, and(f, predicate));
            case Plan.Projection(Plan s, List<Expression> exprs, List<String> labels) ->
                    new Plan.Projection(filter(s, substitute(predicate, exprs)), exprs, labels);
            case Plan.NestedLoopJoin j -> {
                int lw = j.left().width();
                List<Expression> stay = new ArrayList<>();
                List<Expression> toLeft = new ArrayList<>();
                List<Expression> toRight = new ArrayList<>();
                for (Expression c : Expression.conjuncts(predicate)) {
                    BitSet cols = c.columns();
                    if (cols.isEmpty() || j.kind() == Plan.JoinKind.FULL) {
                        stay.add(c);
                    } else if (cols.previousSetBit(cols.length()) < lw) {
                        toLeft.add(c);
                    } else if (cols.nextSetBit(0) >= lw && !j.outer()) {
                        toRight.add(c);
                    } else {
                        stay.add(c);
                    }
                }
                Plan left = Expression.and(toLeft).map(e -> filter(j.left(), e)).orElse(j.left());
                Plan right = Expression.and(toRight).map(e -> filter(j.right(), e.shift(-lw))).orElse(j.right());
                Plan joined;
                if (j.outer()) {
                    joined = new Plan.NestedLoopJoin(left, right, j.predicate(), j.kind());
                } else {
                    // An inner join's WHERE conditions on both sides are join conditions.
                    List<Expression> on = new ArrayList<>();
                    j.predicate().ifPresent(on::add);
                    List<Expression> both = new ArrayList<>();
                    for (Expression c : stay) {
                        (c.isConstant() ? both : on).add(c);
                    }
                    stay = both;
                    joined = new Plan.NestedLoopJoin(left, right, Expression.and(on), Plan.JoinKind.INNER);
                }
                yield Expression.and(stay).<Plan>map(e -> new Plan.Filter(joined, e)).orElse(joined);
            }
            default -> new Plan.Filter(source, predicate);
        };
    }

    private static Expression and(Expression a, Expression b) {
        return new Expression.Binary(BinaryOp.AND, a, b);
    }

    /** Rewrites a predicate over a projection's output into one over its input. */
    private static Expression substitute(Expression e, List<Expression> exprs) {
        return e.transform(x -> x instanceof Expression.Column(int i, String l) ? exprs.get(i) : x);
    }

    // ---- 3, 4, 5. access paths, join algorithms, short-circuits

    private static Plan choose(Plan plan) {
        Plan p = mapChildren(plan, Optimizer::choose);
        return switch (p) {
            case Plan.Scan(Table t, String alias, Optional<Expression> f) when f.isPresent() -> {
                Expression folded = fold(f.get());
                if (never(folded)) {
                    yield new Plan.Nothing(p.width());
                }
                if (isTrue(folded)) {
                    yield new Plan.Scan(t, alias, Optional.empty());
                }
                yield AccessPath.choose(t, alias, folded);
            }
            case Plan.Filter(Plan s, Expression f) when never(fold(f)) -> new Plan.Nothing(p.width());
            case Plan.Filter(Plan s, Expression f) when isTrue(fold(f)) -> s;
            case Plan.Filter(Plan s, Expression f) when s instanceof Plan.Nothing -> s;
            case Plan.Projection(Plan.Projection(Plan s, List<Expression> inner, List<String> il), List<Expression> outer,
                    List<String> labels) ->
                    new Plan.Projection(s, outer.stream().map(e -> substitute(e, inner)).toList(), labels);
            case Plan.NestedLoopJoin j when !j.outer() && (j.left() instanceof Plan.Nothing
                    || j.right() instanceof Plan.Nothing || j.predicate().filter(Optimizer::never).isPresent()) ->
                    new Plan.Nothing(p.width());
            case Plan.NestedLoopJoin j when j.kind() == Plan.JoinKind.LEFT && j.left() instanceof Plan.Nothing ->
                    new Plan.Nothing(p.width());
            case Plan.NestedLoopJoin j when j.predicate().isPresent() -> indexJoin(j).orElseGet(() -> hashJoin(j));
            case Plan.Order(Plan.Projection proj, List<Plan.OrderKey> keys) when inKeyOrder(proj, keys) -> proj;
            default -> p;
        };
    }

    /**
     * Whether ordering a projection of a scan by {@code keys} changes nothing: a scan yields rows
     * in ascending primary-key order, so {@code ORDER BY id} (ascending; for a key of several
     * columns, its columns in order) needs no sort, and a LIMIT above it stops the scan early.
     */
    private static boolean inKeyOrder(Plan.Projection proj, List<Plan.OrderKey> keys) {
        Plan source = proj.source();
        while (source instanceof Plan.Filter f) {
            source = f.source(); // a filter keeps the order of its input
        }
        Table table = switch (source) {
            case Plan.Scan s -> s.table();
            case Plan.KeyScan k -> k.table();
            default -> null;
        };
        if (table == null || keys.size() < table.primaryKey().size()) {
            return false;
        }
        // The first keys must be the primary key's columns, ascending; the rest then never matter.
        for (int k = 0; k < table.primaryKey().size(); k++) {
            if (keys.get(k).descending() || !(keys.get(k).expression() instanceof Expression.Column(int i, String l)
                    && proj.expressions().get(i) instanceof Expression.Column(int c, String l2)
                    && c == table.primaryKey().get(k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * An index nested-loop join, when the right side is a table read whole or by a filter no key
     * serves, the condition equates left columns with a prefix of its primary key or of an index,
     * and the left side is not itself a whole table (then one pass over each side, a hash join,
     * reads less than a lookup per row).
     */
    private static Optional<Plan> indexJoin(Plan.NestedLoopJoin j) {
        if (j.kind() == Plan.JoinKind.FULL
                || !(j.right() instanceof Plan.Scan(Table table, String alias, Optional<Expression> filter))
                || (j.left() instanceof Plan.Scan s && s.filter().isEmpty())) {
            return Optional.empty();
        }
        int lw = j.left().width();
        List<Expression> parts = Expression.conjuncts(j.predicate().orElseThrow());
        // For each column of the right table, a left expression it must equal, and which conjunct said so.
        java.util.Map<Integer, Integer> equalTo = new java.util.HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Expression.Binary(BinaryOp op, Expression.Column a, Expression.Column b)
                    && op == BinaryOp.EQUAL && (a.index() < lw) != (b.index() < lw)) {
                Expression.Column r = a.index() < lw ? b : a;
                equalTo.putIfAbsent(r.index() - lw, i);
            }
        }
        List<Optional<io.mynode.sql.store.Index>> keys = new ArrayList<>();
        keys.add(Optional.empty());
        table.indexes().forEach(i -> keys.add(Optional.of(i)));
        Optional<io.mynode.sql.store.Index> best = Optional.empty();
        List<Integer> bestColumns = List.of();
        for (Optional<io.mynode.sql.store.Index> k : keys) {
            List<Integer> columns = k.map(i -> table.positions(i.columns())).orElse(table.primaryKey());
            int n = 0;
            while (n < columns.size() && equalTo.containsKey(columns.get(n))) {
                n++;
            }
            if (n > bestColumns.size()) {
                best = k;
                bestColumns = columns.subList(0, n);
            }
        }
        if (bestColumns.isEmpty()) {
            return Optional.empty();
        }
        List<Expression> lookupKeys = new ArrayList<>();
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int c : bestColumns) {
            int part = equalTo.get(c);
            used.add(part);
            Expression.Binary eq = (Expression.Binary) parts.get(part);
            Expression.Column a = (Expression.Column) eq.left();
            lookupKeys.add(a.index() < lw ? a : eq.right());
        }
        List<Expression> rest = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (!used.contains(i)) {
                rest.add(parts.get(i));
            }
        }
        Plan.Lookup lookup = new Plan.Lookup(table, alias, best, lookupKeys, filter);
        return Optional.of(new Plan.IndexJoin(j.left(), lookup, Expression.and(rest), j.kind()));
    }

    private static Plan hashJoin(Plan.NestedLoopJoin j) {
        int lw = j.left().width();
        List<Expression> parts = Expression.conjuncts(j.predicate().orElseThrow());
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Expression.Binary(BinaryOp op, Expression.Column a, Expression.Column b)
                    && op == BinaryOp.EQUAL && (a.index() < lw) != (b.index() < lw)) {
                Expression.Column l = a.index() < lw ? a : b;
                Expression.Column r = a.index() < lw ? b : a;
                List<Expression> rest = new ArrayList<>(parts);
                rest.remove(i);
                return new Plan.HashJoin(j.left(), l.index(), j.right(), r.index() - lw, Expression.and(rest), j.kind(),
                        parts.get(i).format());
            }
        }
        return j;
    }

    // ---- tree plumbing

    /** The same node with {@code f} applied to each child plan (not to subqueries' plans). */
    public static Plan mapChildren(Plan p, UnaryOperator<Plan> f) {
        return switch (p) {
            case Plan.Scan s -> s;
            case Plan.KeyScan k -> k;
            case Plan.IndexScan i -> i;
            case Plan.Values v -> v;
            case Plan.Nothing n -> n;
            case Plan.Filter(Plan s, Expression e) -> new Plan.Filter(f.apply(s), e);
            case Plan.Projection(Plan s, List<Expression> e, List<String> l) -> new Plan.Projection(f.apply(s), e, l);
            case Plan.NestedLoopJoin(Plan l, Plan r, Optional<Expression> e, Plan.JoinKind k) ->
                    new Plan.NestedLoopJoin(f.apply(l), f.apply(r), e, k);
            case Plan.HashJoin(Plan l, int lc, Plan r, int rc, Optional<Expression> e, Plan.JoinKind k, String label) ->
                    new Plan.HashJoin(f.apply(l), lc, f.apply(r), rc, e, k, label);
            case Plan.IndexJoin(Plan l, Plan.Lookup r, Optional<Expression> e, Plan.JoinKind k) ->
                    new Plan.IndexJoin(f.apply(l), r, e, k);
            case Plan.Lookup l -> l;
            case Plan.Aggregate(Plan s, List<Expression> g, List<Plan.AggregateCall> a) -> new Plan.Aggregate(f.apply(s), g, a);
            case Plan.Order(Plan s, List<Plan.OrderKey> k) -> new Plan.Order(f.apply(s), k);
            case Plan.Distinct(Plan s) -> new Plan.Distinct(f.apply(s));
            case Plan.SetOperation(Plan l, Plan r, var op, boolean all) -> new Plan.SetOperation(f.apply(l), f.apply(r), op, all);
            case Plan.Limit(Plan s, Expression n) -> new Plan.Limit(f.apply(s), n);
            case Plan.Offset(Plan s, Expression n) -> new Plan.Offset(f.apply(s), n);
            case Plan.Insert(Table t, Plan s, var c, var r) -> new Plan.Insert(t, f.apply(s), c, r);
            case Plan.Update(Table t, Plan s, List<Plan.Assignment> a, var r) -> new Plan.Update(t, f.apply(s), a, r);
            case Plan.Delete(Table t, Plan s, var r) -> new Plan.Delete(t, f.apply(s), r);
        };
    }

    /**
     * The same tree with {@code f} applied to every expression of every node a planner makes (the
     * key and index scans and hash joins only the optimizer makes hold values, not expressions;
     * the plans of subqueries are the expressions' own, see {@link Expression#bind}).
     * This is how a prepared statement's parameters get their values ({@link Expression#bind}): a
     * node whose expressions this skips would keep a parameter unbound.
     */
    public static Plan mapExpressions(Plan plan, UnaryOperator<Expression> f) {
        Plan p = mapChildren(plan, c -> mapExpressions(c, f));
        return switch (p) {
            case Plan.Scan(Table t, String a, Optional<Expression> e) -> new Plan.Scan(t, a, e.map(f));
            case Plan.Values(List<List<Expression>> rows, int w) ->
                    new Plan.Values(rows.stream().map(r -> r.stream().map(f).toList()).toList(), w);
            case Plan.Filter(Plan s, Expression e) -> new Plan.Filter(s, f.apply(e));
            case Plan.Projection(Plan s, List<Expression> e, List<String> l) ->
                    new Plan.Projection(s, e.stream().map(f).toList(), l);
            case Plan.NestedLoopJoin(Plan l, Plan r, Optional<Expression> e, Plan.JoinKind k) ->
                    new Plan.NestedLoopJoin(l, r, e.map(f), k);
            case Plan.HashJoin(Plan l, int lc, Plan r, int rc, Optional<Expression> e, Plan.JoinKind k, String label) ->
                    new Plan.HashJoin(l, lc, r, rc, e.map(f), k, label);
            case Plan.Aggregate(Plan s, List<Expression> g, List<Plan.AggregateCall> a) -> new Plan.Aggregate(s,
                    g.stream().map(f).toList(),
                    a.stream().map(c -> new Plan.AggregateCall(c.function(), c.arguments().stream().map(f).toList(),
                            c.distinct())).toList());
            case Plan.Insert(Table t, Plan s, Optional<Plan.Conflict> c, Optional<Plan.Returning> r) -> new Plan.Insert(t, s,
                    c.map(x -> new Plan.Conflict(x.target(), x.update().map(u -> assignments(u, f)), x.where().map(f))),
                    r.map(x -> returning(x, f)));
            case Plan.Update(Table t, Plan s, List<Plan.Assignment> a, Optional<Plan.Returning> r) ->
                    new Plan.Update(t, s, assignments(a, f), r.map(x -> returning(x, f)));
            case Plan.Delete(Table t, Plan s, Optional<Plan.Returning> r) -> new Plan.Delete(t, s, r.map(x -> returning(x, f)));
            case Plan.Order(Plan s, List<Plan.OrderKey> k) -> new Plan.Order(s,
                    k.stream().map(x -> new Plan.OrderKey(f.apply(x.expression()), x.descending(), x.nullsFirst())).toList());
            case Plan.Limit(Plan s, Expression n) -> new Plan.Limit(s, f.apply(n));
            case Plan.Offset(Plan s, Expression n) -> new Plan.Offset(s, f.apply(n));
            default -> p;
        };
    }

    private static List<Plan.Assignment> assignments(List<Plan.Assignment> a, UnaryOperator<Expression> f) {
        return a.stream().map(x -> new Plan.Assignment(x.column(), f.apply(x.value()))).toList();
    }

    private static Plan.Returning returning(Plan.Returning r, UnaryOperator<Expression> f) {
        return new Plan.Returning(r.expressions().stream().map(f).toList(), r.labels(), r.types());
    }
}
