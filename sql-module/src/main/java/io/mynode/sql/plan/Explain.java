package io.mynode.sql.plan;

import io.mynode.sql.types.Operators;
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
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            render(children.get(i), rest + (last ? "└─ " : "├─ "), rest + (last ? "   " : "│  "), out);
        }
    }

    private static String table(String name, String alias) {
        return name.equals(alias) ? name : name + " as " + alias;
    }

    private static String describe(Plan plan) {
        return switch (plan) {
            case Plan.Scan s -> "Scan: " + table(s.table().name(), s.alias())
                    + s.filter().map(f -> " (" + f.format() + ")").orElse("");
            case Plan.KeyLookup k -> "KeyLookup: " + table(k.table().name(), k.alias()) + " ("
                    + k.keys().stream().map(Operators::literal).collect(Collectors.joining(", ")) + ")";
            case Plan.IndexLookup i -> "IndexLookup: " + i.table().name() + "." + i.index().column()
                    + (i.alias().equals(i.table().name()) ? "" : " as " + i.alias()) + " ("
                    + i.values().stream().map(Operators::literal).collect(Collectors.joining(", ")) + ")";
            case Plan.Values v -> "Values: " + v.rows().size() + (v.rows().size() == 1 ? " row" : " rows");
            case Plan.Nothing n -> "Nothing";
            case Plan.Filter f -> "Filter: " + f.predicate().format();
            case Plan.Projection p -> "Projection: "
                    + p.expressions().stream().map(Expression::format).collect(Collectors.joining(", "));
            case Plan.NestedLoopJoin j -> "NestedLoopJoin: " + (j.outer() ? "left" : j.predicate().isPresent() ? "inner" : "cross")
                    + j.predicate().map(p -> " on " + p.format()).orElse("");
            case Plan.HashJoin j -> "HashJoin: " + (j.outer() ? "left" : "inner") + " on " + j.label()
                    + j.residual().map(r -> " and " + r.format()).orElse("");
            case Plan.Aggregate a -> "Aggregate: " + String.join(", ", aggregateParts(a));
            case Plan.Order o -> "Order: " + o.keys().stream()
                    .map(k -> k.expression().format() + (k.descending() ? " desc" : " asc")).collect(Collectors.joining(", "));
            case Plan.Distinct d -> "Distinct";
            case Plan.Limit l -> "Limit: " + l.limit();
            case Plan.Offset o -> "Offset: " + o.offset();
            case Plan.Insert i -> "Insert: " + i.table().name();
            case Plan.Update u -> "Update: " + u.table().name() + " (" + u.assignments().stream()
                    .map(a -> u.table().columns().get(a.column()).name() + " = " + a.value().format())
                    .collect(Collectors.joining(", ")) + ")";
            case Plan.Delete d -> "Delete: " + d.table().name();
        };
    }

    private static List<String> aggregateParts(Plan.Aggregate a) {
        List<String> parts = new java.util.ArrayList<>();
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
            case Plan.Aggregate a -> List.of(a.source());
            case Plan.Order o -> List.of(o.source());
            case Plan.Distinct d -> List.of(d.source());
            case Plan.Limit l -> List.of(l.source());
            case Plan.Offset o -> List.of(o.source());
            case Plan.Insert i -> List.of(i.source());
            case Plan.Update u -> List.of(u.source());
            case Plan.Delete d -> List.of(d.source());
            default -> List.of();
        };
    }

}
