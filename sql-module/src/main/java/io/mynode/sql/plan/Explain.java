package io.mynode.sql.plan;

import io.mynode.sql.store.Span;
import io.mynode.sql.types.Operators;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a plan as EXPLAIN prints it: one node per line, children below their parent on
 * {@code ├─}/{@code └─} branches, e.g.
 *
 * <pre>
 *   Projection: a.title, b.name
 *   └─ HashJoin: inner on a.id = b.a_id
 *      ├─ Scan: a
 *      └─ Scan: b (b.x &gt; 3)
 * </pre>
 */
public final class Explain {
    private Explain() {}

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        render(plan, "", "", out);
        return out.toString();
    }

    private static void render(Plan plan, String first, String rest, StringBuilder out) {
        if (!out.isEmpty()) {
            out.append('\n');
        }
        out.append(first).append(describe(plan));
        List<Plan> children = children(plan);
        List<Expression.Subquery> subqueries = subqueries(plan);
        int total = children.size() + subqueries.size();
        for (int i = 0; i < total; i++) {
            boolean last = i == total - 1;
            String childFirst = rest + (last ? "└─ " : "├─ ");
            String childRest = rest + (last ? "   " : "│  ");
            if (i < children.size()) {
                render(children.get(i), childFirst, childRest, out);
            } else {
                Expression.Subquery q = subqueries.get(i - children.size());
                out.append('\n').append(childFirst).append("Subquery: ").append(q.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .append(q.comparison().map(c -> " " + c.symbol()).orElse(""))
                        .append(q.arguments().isEmpty() ? "" : ", correlated: " + java.util.stream.IntStream
                                .range(0, q.arguments().size()).mapToObj(a -> "$" + (a + 1) + " = "
                                        + q.arguments().get(a).format()).collect(Collectors.joining(", ")));
                render(q.plan(), childRest + "└─ ", childRest + "   ", out);
            }
        }
    }

    /** The subqueries in a node's own expressions (not its children's), outermost first. */
    private static List<Expression.Subquery> subqueries(Plan plan) {
        List<Expression.Subquery> found = new java.util.ArrayList<>();
        Optimizer.mapExpressions(Optimizer.mapChildren(plan, c -> new Plan.Nothing(c.width())), e -> {
            collect(e, found);
            return e;
        });
        return found;
    }

    private static void collect(Expression e, List<Expression.Subquery> found) {
        e.transform(x -> {
            if (x instanceof Expression.Subquery q && !found.contains(q)) {
                found.add(q);
            }
            return x;
        });
    }

    private static String table(String name, String alias) {
        return name.equals(alias) ? name : name + " as " + alias;
    }

    private static String describe(Plan plan) {
        return switch (plan) {
            case Plan.Scan s -> "Scan: " + table(s.table().name(), s.alias())
                    + s.filter().map(f -> " (" + f.format() + ")").orElse("");
            case Plan.KeyScan k -> "KeyScan: " + table(k.table().name(), k.alias()) + " ("
                    + spans(k.spans(), k.table().primaryKeyNames()) + ")";
            case Plan.IndexScan i -> "IndexScan: " + table(i.table().name(), i.alias()) + " using " + i.index().name()
                    + " (" + spans(i.spans(), i.index().columns()) + ")";
            case Plan.Values v -> "Values: " + v.rows().size() + (v.rows().size() == 1 ? " row" : " rows");
            case Plan.Nothing n -> "Nothing";
            case Plan.Filter f -> "Filter: " + f.predicate().format();
            case Plan.Projection p -> "Projection: "
                    + p.expressions().stream().map(Expression::format).collect(Collectors.joining(", "));
            case Plan.NestedLoopJoin j -> "NestedLoopJoin: " + (j.outer() ? kind(j.kind())
                    : j.predicate().isPresent() ? "inner" : "cross") + j.predicate().map(p -> " on " + p.format()).orElse("");
            case Plan.HashJoin j -> "HashJoin: " + kind(j.kind()) + " on " + j.label()
                    + j.residual().map(r -> " and " + r.format()).orElse("");
            case Plan.IndexJoin j -> "IndexJoin: " + kind(j.kind())
                    + j.residual().map(r -> " on " + r.format()).orElse("");
            case Plan.Lookup l -> "Lookup: " + table(l.table().name(), l.alias())
                    + l.index().map(i -> " using " + i.name()).orElse("") + " (" + lookupKeys(l) + ")"
                    + l.filter().map(f -> ", filter: " + f.format()).orElse("");
            case Plan.Aggregate a -> "Aggregate: " + String.join(", ", aggregateParts(a));
            case Plan.Order o -> "Order: " + o.keys().stream()
                    .map(k -> k.expression().format() + (k.descending() ? " desc" : " asc")
                            + (k.nullsFirst() != k.descending() ? (k.nullsFirst() ? " nulls first" : " nulls last") : ""))
                    .collect(Collectors.joining(", "));
            case Plan.Distinct d -> "Distinct";
            case Plan.SetOperation o -> "SetOperation: " + o.operator().name().toLowerCase(java.util.Locale.ROOT)
                    + (o.all() ? " all" : "");
            case Plan.Limit l -> "Limit: " + l.limit().format();
            case Plan.Offset o -> "Offset: " + o.offset().format();
            case Plan.Insert i -> "Insert: " + i.table().name() + i.conflict().map(c -> " on conflict"
                    + (c.target().isEmpty() ? "" : " (" + c.target().stream().map(t -> i.table().columns().get(t).name())
                            .collect(Collectors.joining(", ")) + ")")
                    + c.update().map(u -> " do update " + u.stream().map(a -> i.table().columns().get(a.column()).name()
                            + " = " + a.value().format()).collect(Collectors.joining(", "))
                            + c.where().map(w -> " where " + w.format()).orElse("")).orElse(" do nothing")).orElse("")
                    + returning(i.returning());
            case Plan.Update u -> "Update: " + u.table().name() + " (" + u.assignments().stream()
                    .map(a -> u.table().columns().get(a.column()).name() + " = " + a.value().format())
                    .collect(Collectors.joining(", ")) + ")" + returning(u.returning());
            case Plan.Delete d -> "Delete: " + d.table().name() + returning(d.returning());
        };
    }

    /**
     * Spans as the conditions on the key columns that select them, as PostgreSQL prints an index
     * condition: {@code id > 1 AND id <= 5}; points that differ in their last value only as one
     * {@code IN}; several spans joined by {@code OR}.
     */
    static String spans(List<Span> spans, List<String> columns) {
        Span first = spans.getFirst();
        int n = first.prefix().size();
        boolean inList = spans.size() > 1 && n > 0 && spans.stream().allMatch(s -> !s.bounded()
                && s.prefix().size() == n && s.prefix().subList(0, n - 1).equals(first.prefix().subList(0, n - 1)));
        if (inList) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < n - 1; i++) {
                parts.add(columns.get(i) + " = " + Operators.literal(first.prefix().get(i)));
            }
            parts.add(columns.get(n - 1) + " IN (" + spans.stream().map(s -> Operators.literal(s.prefix().getLast()))
                    .collect(Collectors.joining(", ")) + ")");
            return String.join(" AND ", parts);
        }
        List<String> out = new ArrayList<>();
        for (Span s : spans) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < s.prefix().size(); i++) {
                parts.add(columns.get(i) + " = " + Operators.literal(s.prefix().get(i)));
            }
            String next = s.prefix().size() < columns.size() ? columns.get(s.prefix().size()) : "?";
            s.lower().ifPresent(b -> parts.add(next + (b.inclusive() ? " >= " : " > ") + Operators.literal(b.value())));
            s.upper().ifPresent(b -> parts.add(next + (b.inclusive() ? " <= " : " < ") + Operators.literal(b.value())));
            String text = String.join(" AND ", parts);
            out.add(spans.size() > 1 && parts.size() > 1 ? "(" + text + ")" : text);
        }
        return String.join(" OR ", out);
    }

    private static String lookupKeys(Plan.Lookup l) {
        List<String> columns = l.index().map(i -> i.columns()).orElseGet(() -> l.table().primaryKeyNames());
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < l.keys().size(); i++) {
            parts.add(columns.get(i) + " = " + l.keys().get(i).format());
        }
        return String.join(" AND ", parts);
    }

    private static String kind(Plan.JoinKind k) {
        return k.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String returning(java.util.Optional<Plan.Returning> r) {
        return r.map(x -> " returning " + x.expressions().stream().map(Expression::format)
                .collect(Collectors.joining(", "))).orElse("");
    }

    private static List<String> aggregateParts(Plan.Aggregate a) {
        List<String> parts = new ArrayList<>();
        a.aggregates().forEach(c -> parts.add(c.format()));
        if (!a.groupBy().isEmpty()) {
            parts.add("group by " + a.groupBy().stream().map(Expression::format).collect(Collectors.joining(", ")));
        }
        return parts;
    }

    private static List<Plan> children(Plan plan) {
        return switch (plan) {
            case Plan.Filter f -> List.of(f.source());
            case Plan.Projection p -> List.of(p.source());
            case Plan.NestedLoopJoin j -> List.of(j.left(), j.right());
            case Plan.HashJoin j -> List.of(j.left(), j.right());
            case Plan.IndexJoin j -> List.of(j.left(), j.right());
            case Plan.Aggregate a -> List.of(a.source());
            case Plan.Order o -> List.of(o.source());
            case Plan.Distinct d -> List.of(d.source());
            case Plan.SetOperation o -> List.of(o.left(), o.right());
            case Plan.Limit l -> List.of(l.source());
            case Plan.Offset o -> List.of(o.source());
            case Plan.Insert i -> List.of(i.source());
            case Plan.Update u -> List.of(u.source());
            case Plan.Delete d -> List.of(d.source());
            default -> List.of();
        };
    }

}
