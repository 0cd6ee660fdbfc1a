package io.mynode.sql.plan;

import io.mynode.sql.parse.Ast.BinaryOp;
import io.mynode.sql.store.Index;
import io.mynode.sql.store.Table;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The order in which a chain of inner joins reads its tables: a heuristic, since there are no
 * statistics. Inner joins commute and associate, so {@code a JOIN b JOIN c} may run as
 * {@code (c JOIN a) JOIN b}; outer joins do not, and stay where they were written (a LEFT JOIN
 * is one input of the chain around it).
 *
 * <h2>The heuristic</h2>
 *
 * Each input gets a rank from how it is read ({@link #rank}): nothing or a few key points first,
 * then an index's points, then key or index ranges, then filtered scans, then whole tables. The
 * smallest goes first; then, repeatedly, the best-ranked input that a join condition connects
 * to those already joined (one that none connects is a cross product, taken last). An input
 * that a condition {@code joined.x = input.y} can look up by its primary key or an index on
 * {@code y} ranks as an index's points: each row so far finds its matches with one lookup
 * (the index nested-loop join the optimizer then chooses, {@link Plan.IndexJoin}).
 *
 * <p>The joins are rebuilt left-deep in that order, each condition placed at the first join
 * where all its columns are present, and a projection puts the columns back in the order the
 * query wrote them, so nothing above the joins changes. The order of rows out of an inner join
 * was never promised without ORDER BY.
 */
final class JoinOrder {
    private JoinOrder() {}

    /** {@code plan} with every chain of inner joins in it reordered. */
    static Plan reorder(Plan plan) {
        if (plan instanceof Plan.NestedLoopJoin j && j.kind() == Plan.JoinKind.INNER) {
            List<Leaf> leaves = new ArrayList<>();
            List<Expression> conditions = new ArrayList<>();
            flatten(j, 0, leaves, conditions);
            if (leaves.size() > 1) {
                return rebuild(leaves, conditions, plan.width());
            }
        }
        return Optimizer.mapChildren(plan, JoinOrder::reorder);
    }

    /** An input of a chain of joins: its plan, and where its columns start in the chain's row as written. */
    private record Leaf(Plan plan, int offset, int rank) {
        int width() {
            return plan.width();
        }

        boolean holds(int column) {
            return column >= offset && column < offset + width();
        }
    }

    private static void flatten(Plan p, int offset, List<Leaf> leaves, List<Expression> conditions) {
        if (p instanceof Plan.NestedLoopJoin j && j.kind() == Plan.JoinKind.INNER) {
            flatten(j.left(), offset, leaves, conditions);
            flatten(j.right(), offset + j.left().width(), leaves, conditions);
            j.predicate().ifPresent(e -> conditions.addAll(Expression.conjuncts(e.shift(offset))));
        } else {
            Plan inner = reorder(p);
            leaves.add(new Leaf(inner, offset, rank(inner)));
        }
    }

    /**
     * How many rows an input is likely to yield, as a class: 0 none or constant rows, 1 key
     * points, 2 points of a unique index, 3 points of another index or of a key prefix, 4 key or
     * index ranges, 5 a filtered or derived input, 6 a whole table.
     */
    static int rank(Plan p) {
        return switch (p) {
            case Plan.Nothing n -> 0;
            case Plan.Values v -> 0;
            case Plan.Scan s when s.filter().isEmpty() -> 6;
            case Plan.Scan s -> {
                Plan access = AccessPath.choose(s.table(), s.alias(), s.filter().get());
                yield access instanceof Plan.Scan ? 5 : rank(access);
            }
            case Plan.KeyScan k -> points(k.spans(), k.table().primaryKey().size()) ? 1
                    : k.spans().stream().anyMatch(io.mynode.sql.store.Span::bounded) ? 4 : 3;
            case Plan.IndexScan i -> points(i.spans(), i.index().columns().size()) ? (i.index().unique() ? 2 : 3)
                    : i.spans().stream().anyMatch(io.mynode.sql.store.Span::bounded) ? 4 : 3;
            case Plan.Filter f -> Math.min(rank(f.source()), 5);
            default -> 5;
        };
    }

    private static boolean points(List<io.mynode.sql.store.Span> spans, int width) {
        return spans.stream().allMatch(s -> !s.bounded() && s.prefix().size() == width);
    }

    private static Plan rebuild(List<Leaf> leaves, List<Expression> conditions, int width) {
        List<Leaf> order = order(leaves, conditions);
        if (order.equals(leaves)) {
            return rebuildInOrder(order, conditions, null);
        }
        int[] moved = new int[width];
        int at = 0;
        for (Leaf l : order) {
            for (int i = 0; i < l.width(); i++) {
                moved[l.offset() + i] = at + i;
            }
            at += l.width();
        }
        Plan joined = rebuildInOrder(order, conditions, moved);
        List<Expression> back = new ArrayList<>(width);
        List<String> labels = labels(leaves);
        for (int i = 0; i < width; i++) {
            back.add(new Expression.Column(moved[i], labels.get(i)));
        }
        return new Plan.Projection(joined, back, labels);
    }

    /** Left-deep joins of {@code order}, each condition at the first join that has its columns. */
    private static Plan rebuildInOrder(List<Leaf> order, List<Expression> conditions, int[] moved) {
        List<Expression> left = new ArrayList<>(conditions);
        BitSet present = new BitSet();
        Plan acc = order.getFirst().plan();
        mark(present, order.getFirst());
        for (Leaf l : order.subList(1, order.size())) {
            mark(present, l);
            List<Expression> here = new ArrayList<>();
            for (var it = left.iterator(); it.hasNext(); ) {
                Expression c = it.next();
                BitSet cols = c.columns();
                cols.andNot(present);
                if (cols.isEmpty()) {
                    here.add(moved == null ? c : c.transform(e -> e instanceof Expression.Column(int i, String label)
                            ? new Expression.Column(moved[i], label) : e));
                    it.remove();
                }
            }
            acc = new Plan.NestedLoopJoin(acc, l.plan(), Expression.and(here), Plan.JoinKind.INNER);
        }
        return acc;
    }

    private static void mark(BitSet present, Leaf l) {
        present.set(l.offset(), l.offset() + l.width());
    }

    /** The greedy order: the best-ranked input first, then the best connected one, repeatedly. */
    private static List<Leaf> order(List<Leaf> leaves, List<Expression> conditions) {
        List<Leaf> remaining = new ArrayList<>(leaves);
        List<Leaf> out = new ArrayList<>();
        Leaf first = remaining.getFirst();
        for (Leaf l : remaining) {
            if (l.rank() < first.rank()) {
                first = l;
            }
        }
        out.add(first);
        remaining.remove(first);
        while (!remaining.isEmpty()) {
            Leaf best = null;
            int bestRank = Integer.MAX_VALUE;
            boolean bestConnected = false;
            for (Leaf l : remaining) {
                boolean connected = connected(out, l, conditions);
                int r = connected && lookedUp(out, l, conditions) ? Math.min(l.rank(), 3) : l.rank();
                if (best == null || (connected && !bestConnected) || (connected == bestConnected && r < bestRank)) {
                    best = l;
                    bestRank = r;
                    bestConnected = connected;
                }
            }
            out.add(best);
            remaining.remove(best);
        }
        return out;
    }

    /** Whether a condition reads both {@code l} and inputs already joined, and nothing else. */
    private static boolean connected(List<Leaf> joined, Leaf l, List<Expression> conditions) {
        for (Expression c : conditions) {
            BitSet cols = c.columns();
            boolean touchesLeaf = false;
            boolean touchesJoined = false;
            boolean elsewhere = false;
            for (int i = cols.nextSetBit(0); i >= 0; i = cols.nextSetBit(i + 1)) {
                int col = i;
                if (l.holds(col)) {
                    touchesLeaf = true;
                } else if (joined.stream().anyMatch(j -> j.holds(col))) {
                    touchesJoined = true;
                } else {
                    elsewhere = true;
                }
            }
            if (touchesLeaf && touchesJoined && !elsewhere) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code l} is a table read whole or by a filter no key serves, and a condition
     * {@code joined.x = l.y} can look its rows up by a primary key or index starting with
     * {@code y}.
     */
    private static boolean lookedUp(List<Leaf> joined, Leaf l, List<Expression> conditions) {
        if (!(l.plan() instanceof Plan.Scan s) || (s.filter().isPresent()
                && !(AccessPath.choose(s.table(), s.alias(), s.filter().get()) instanceof Plan.Scan))) {
            return false;
        }
        for (Expression c : conditions) {
            if (c instanceof Expression.Binary(BinaryOp op, Expression.Column a, Expression.Column b)
                    && op == BinaryOp.EQUAL) {
                Optional<Integer> inner = l.holds(a.index()) && isJoined(joined, b.index()) ? Optional.of(a.index())
                        : l.holds(b.index()) && isJoined(joined, a.index()) ? Optional.of(b.index()) : Optional.empty();
                if (inner.isPresent() && leads(s.table(), inner.get() - l.offset())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isJoined(List<Leaf> joined, int column) {
        return joined.stream().anyMatch(j -> j.holds(column));
    }

    /** Whether column {@code c} of {@code table} is the first column of its primary key or of an index. */
    static boolean leads(Table table, int c) {
        if (table.primaryKey().getFirst() == c) {
            return true;
        }
        String name = table.columns().get(c).name();
        for (Index i : table.indexes()) {
            if (i.columns().getFirst().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Labels for the columns of the chain's row as written, for the projection that restores it. */
    private static List<String> labels(List<Leaf> leaves) {
        List<String> out = new ArrayList<>();
        for (Leaf l : leaves) {
            out.addAll(labels(l.plan()));
        }
        return out;
    }

    static List<String> labels(Plan p) {
        return switch (p) {
            case Plan.Scan s -> labels(s.table(), s.alias());
            case Plan.KeyScan k -> labels(k.table(), k.alias());
            case Plan.IndexScan i -> labels(i.table(), i.alias());
            case Plan.Projection pr -> pr.labels();
            case Plan.Filter f -> labels(f.source());
            case Plan.NestedLoopJoin j -> concat(labels(j.left()), labels(j.right()));
            default -> {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < p.width(); i++) {
                    out.add("column" + (i + 1));
                }
                yield out;
            }
        };
    }

    private static List<String> labels(Table t, String alias) {
        return t.columns().stream().map(c -> alias + "." + c.name()).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
