package io.mynode.sql.parse;

import io.mynode.kernel.sql.Value;
import io.mynode.sql.parse.Ast.Expr;
import io.mynode.sql.types.Operators;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders AST nodes back to SQL text that parses to the same tree: expressions fully
 * parenthesised where precedence needs it, names quoted where they must be. Column labels
 * ({@code SELECT a + 1} is labelled {@code a + 1}) and error messages use it.
 */
public final class SqlText {
    private SqlText() {}

    public static String expression(Expr e) {
        return switch (e) {
            case Ast.Literal(Value v) -> Operators.literal(v);
            case Ast.Parameter(int index) -> "$" + index;
            case Ast.ColumnRef(Optional<String> t, String c) -> t.map(x -> x + ".").orElse("") + c;
            case Ast.Unary(Ast.UnaryOp op, Expr x) -> op == Ast.UnaryOp.FACTORIAL ? wrap(x) + "!" : op.symbol + wrap(x);
            case Ast.Binary(Ast.BinaryOp op, Expr l, Expr r) -> wrap(l) + " " + op.symbol + " " + wrap(r);
            case Ast.Call c -> c.name() + "(" + (c.star() ? "*" : (c.distinct() ? "DISTINCT " : "") + list(c.args())) + ")";
            case Ast.IsNull(Expr x, boolean neg) -> wrap(x) + (neg ? " IS NOT NULL" : " IS NULL");
            case Ast.IsTruth(Expr x, Ast.Truth truth, boolean neg) -> wrap(x) + (neg ? " IS NOT " : " IS ") + truth;
            case Ast.Like l -> wrap(l.operand()) + (l.negated() ? " NOT" : "") + (l.caseInsensitive() ? " ILIKE " : " LIKE ")
                    + wrap(l.pattern()) + l.escape().map(x -> " ESCAPE " + wrap(x)).orElse("");
            case Ast.InList(Expr x, List<Expr> items, boolean neg) -> wrap(x) + (neg ? " NOT IN (" : " IN (") + list(items) + ")";
            case Ast.Between b -> wrap(b.operand()) + (b.negated() ? " NOT BETWEEN " : " BETWEEN ")
                    + (b.symmetric() ? "SYMMETRIC " : "") + wrap(b.low()) + " AND " + wrap(b.high());
            case Ast.Case c -> "CASE" + c.operand().map(x -> " " + expression(x)).orElse("")
                    + c.whens().stream().map(w -> " WHEN " + expression(w.condition()) + " THEN " + expression(w.result()))
                            .collect(Collectors.joining())
                    + c.otherwise().map(x -> " ELSE " + expression(x)).orElse("") + " END";
            case Ast.Cast(Expr x, var type) -> "CAST(" + expression(x) + " AS " + type.sql() + ")";
            case Ast.ScalarSubquery(Ast.Query q) -> "(" + query(q) + ")";
            case Ast.Exists(Ast.Query q) -> "EXISTS (" + query(q) + ")";
            case Ast.InSubquery(Expr x, Ast.Query q, boolean neg) -> wrap(x) + (neg ? " NOT IN (" : " IN (") + query(q) + ")";
            case Ast.Quantified(Expr x, Ast.BinaryOp op, boolean all, Ast.Query q) ->
                    wrap(x) + " " + op.symbol + (all ? " ALL (" : " ANY (") + query(q) + ")";
            case Ast.Default d -> "DEFAULT";
        };
    }

    private static String wrap(Expr e) {
        return switch (e) {
            case Ast.Literal l -> expression(e);
            case Ast.Parameter p -> expression(e);
            case Ast.ColumnRef c -> expression(e);
            case Ast.Call c -> expression(e);
            case Ast.Case c -> expression(e);
            case Ast.Cast c -> expression(e);
            case Ast.ScalarSubquery s -> expression(e);
            case Ast.Exists x -> expression(e);
            default -> "(" + expression(e) + ")";
        };
    }

    private static String list(List<Expr> items) {
        return items.stream().map(SqlText::expression).collect(Collectors.joining(", "));
    }

    /** A query as SQL. */
    public static String query(Ast.Query q) {
        String body = switch (q) {
            case Ast.Select s -> select(s);
            case Ast.SetOperation o -> operand(o.left()) + " " + o.operator() + (o.all() ? " ALL " : " ") + operand(o.right());
            case Ast.Values v -> "VALUES " + v.rows().stream().map(r -> "(" + list(r) + ")").collect(Collectors.joining(", "));
        };
        StringBuilder sb = new StringBuilder(body);
        if (!q.orderBy().isEmpty()) {
            sb.append(" ORDER BY ").append(q.orderBy().stream().map(SqlText::orderItem).collect(Collectors.joining(", ")));
        }
        q.limit().ifPresent(l -> sb.append(" LIMIT ").append(expression(l)));
        q.offset().ifPresent(o -> sb.append(" OFFSET ").append(expression(o)));
        return sb.toString();
    }

    private static String operand(Ast.Query q) {
        boolean plain = q instanceof Ast.Select && q.orderBy().isEmpty() && q.limit().isEmpty() && q.offset().isEmpty();
        return plain ? query(q) : "(" + query(q) + ")";
    }

    private static String orderItem(Ast.OrderItem o) {
        return expression(o.expr()) + (o.descending() ? " DESC" : "")
                + o.nullsFirst().map(f -> f ? " NULLS FIRST" : " NULLS LAST").orElse("");
    }

    private static String select(Ast.Select s) {
        StringBuilder sb = new StringBuilder("SELECT ");
        if (s.distinct()) {
            sb.append("DISTINCT ");
        }
        sb.append(s.items().stream().map(i -> switch (i) {
            case Ast.AllColumns(Optional<String> t) -> t.map(x -> Lexer.quote(x) + ".*").orElse("*");
            case Ast.ExprItem(Expr e, Optional<String> alias) -> expression(e) + alias.map(a -> " AS " + Lexer.quote(a)).orElse("");
        }).collect(Collectors.joining(", ")));
        s.from().ifPresent(f -> sb.append(" FROM ").append(from(f)));
        s.where().ifPresent(w -> sb.append(" WHERE ").append(expression(w)));
        if (!s.groupBy().isEmpty()) {
            sb.append(" GROUP BY ").append(list(s.groupBy()));
        }
        s.having().ifPresent(h -> sb.append(" HAVING ").append(expression(h)));
        return sb.toString();
    }

    private static String from(Ast.From f) {
        return switch (f) {
            case Ast.TableRef t -> Lexer.quote(t.table()) + t.alias().map(a -> " AS " + Lexer.quote(a)).orElse("");
            case Ast.Derived d -> "(" + query(d.query()) + ") AS " + Lexer.quote(d.alias())
                    + (d.columns().isEmpty() ? "" : "(" + d.columns().stream().map(Lexer::quote).collect(Collectors.joining(", ")) + ")");
            case Ast.Join j -> {
                String right = j.right() instanceof Ast.Join ? "(" + from(j.right()) + ")" : from(j.right());
                String kind = switch (j.type()) {
                    case INNER -> "JOIN";
                    case LEFT -> "LEFT JOIN";
                    case RIGHT -> "RIGHT JOIN";
                    case FULL -> "FULL JOIN";
                    case CROSS -> "CROSS JOIN";
                };
                yield from(j.left()) + (j.natural() ? " NATURAL " : " ") + kind + " " + right
                        + j.on().map(o -> " ON " + expression(o)).orElse("")
                        + (j.using().isEmpty() ? "" : " USING (" + j.using().stream().map(Lexer::quote)
                                .collect(Collectors.joining(", ")) + ")");
            }
        };
    }
}
