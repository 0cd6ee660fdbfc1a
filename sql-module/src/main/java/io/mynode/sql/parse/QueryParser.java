package io.mynode.sql.parse;

import io.mynode.kernel.error.SqlState;
import io.mynode.sql.parse.Ast.Expr;
import io.mynode.sql.parse.Ast.Query;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Queries: SELECT, VALUES, set operations, FROM with joins and subqueries, ORDER BY, LIMIT,
 * OFFSET and FETCH, and WITH.
 *
 * <pre>
 *   query     := [WITH cte, ...] union [ORDER BY ...] [LIMIT n | FETCH FIRST n ROWS ONLY] [OFFSET n]
 *   union     := intersect ((UNION | EXCEPT) [ALL | DISTINCT] intersect)*
 *   intersect := primary (INTERSECT [ALL | DISTINCT] primary)*
 *   primary   := SELECT ... | VALUES (...), ... | ( query )
 * </pre>
 *
 * INTERSECT binds tighter than UNION and EXCEPT, as in the standard and PostgreSQL. A common
 * table expression ({@code WITH x AS (query)}) is not a node of its own: each reference to it
 * in FROM becomes that query as a subquery with the CTE's name, which is what a non-recursive
 * CTE means (PostgreSQL inlines them likewise). WITH RECURSIVE is not built.
 */
final class QueryParser {
    private final TokenStream in;
    private final ExpressionParser expressions;

    /** The common table expressions in scope, innermost WITH first. */
    private final Deque<Map<String, Ast.Derived>> ctes = new ArrayDeque<>();

    QueryParser(TokenStream in, ExpressionParser expressions) {
        this.in = in;
        this.expressions = expressions;
    }

    /** Whether a query starts at the next token (SELECT, VALUES or WITH). */
    boolean startsQuery() {
        Token t = in.peek();
        return t.is("SELECT") || t.is("VALUES") || t.is("WITH");
    }

    /** Whether a query starts {@code ahead} tokens from here. */
    boolean startsQueryAt(int ahead) {
        Token t = in.peek(ahead);
        return t.is("SELECT") || t.is("VALUES") || t.is("WITH");
    }

    /** Whether a query starts here, perhaps behind opening parentheses: {@code ((SELECT ...}. */
    private boolean startsQueryBehindParentheses() {
        int ahead = 0;
        while (in.peek(ahead).isSymbol("(")) {
            ahead++;
        }
        Token t = in.peek(ahead);
        return t.is("SELECT") || t.is("VALUES") || t.is("WITH");
    }

    /** A whole query, WITH and ORDER BY and LIMIT included. */
    Query query() {
        boolean with = with();
        try {
            Query q = setOperations();
            return modifiers(q);
        } finally {
            if (with) {
                ctes.pop();
            }
        }
    }

    /**
     * Reads a WITH clause if one is next and puts its CTEs in scope; the caller pops them with
     * {@link #endWith()} after the statement they belong to.
     */
    boolean with() {
        if (!in.accept("WITH")) {
            return false;
        }
        if (in.acceptWord("recursive")) {
            throw in.unsupported("WITH RECURSIVE");
        }
        // Each CTE may use the ones before it in the same WITH, but not itself.
        Map<String, Ast.Derived> scope = new HashMap<>();
        ctes.push(scope);
        do {
            Token at = in.peek();
            String name = in.identifier("a name for the WITH query");
            List<String> columns = columnNames();
            in.expect("AS");
            if (in.accept("NOT")) {
                in.expectWord("materialized");
            } else {
                in.acceptWord("materialized");
            }
            in.expectSymbol("(");
            Query q = expressions.nested(this::query);
            in.expectSymbol(")");
            if (scope.put(name, new Ast.Derived(q, name, columns)) != null) {
                throw new io.mynode.kernel.error.SyntaxException(SqlState.DUPLICATE_ALIAS, "syntax error at line " + at.line() + ", column "
                        + at.column() + ": WITH query name " + name + " is specified more than once");
            }
        } while (in.acceptSymbol(","));
        return true;
    }

    void endWith() {
        ctes.pop();
    }

    private Query setOperations() {
        Query left = intersections();
        int chain = 0;
        while (in.peek().is("UNION") || in.peek().is("EXCEPT")) {
            Ast.SetOperator op = Ast.SetOperator.valueOf(in.next().text());
            chain(++chain);
            boolean all = quantifier();
            left = new Ast.SetOperation(op, all, left, intersections(), List.of(), Optional.empty(), Optional.empty());
        }
        return left;
    }

    private Query intersections() {
        Query left = primary();
        int chain = 0;
        while (in.accept("INTERSECT")) {
            chain(++chain);
            boolean all = quantifier();
            left = new Ast.SetOperation(Ast.SetOperator.INTERSECT, all, left, primary(), List.of(), Optional.empty(),
                    Optional.empty());
        }
        return left;
    }

    private void chain(int n) {
        if (n > ExpressionParser.MAX_CHAIN) {
            Token t = in.peek();
            throw Lexer.error(t.line(), t.column(), "at most " + ExpressionParser.MAX_CHAIN + " set operations in a row",
                    "more");
        }
    }

    /** ALL keeps duplicates; DISTINCT (the default) removes them. */
    private boolean quantifier() {
        if (in.accept("ALL")) {
            return true;
        }
        in.accept("DISTINCT");
        return false;
    }

    private Query primary() {
        if (in.peek().is("SELECT")) {
            return select();
        }
        if (in.peek().is("VALUES")) {
            return values();
        }
        if (in.acceptSymbol("(")) {
            Query q = expressions.nested(this::query);
            in.expectSymbol(")");
            return q;
        }
        throw in.expected("SELECT, VALUES or a parenthesized query");
    }

    private Ast.Values values() {
        in.expect("VALUES");
        List<List<Expr>> rows = new ArrayList<>();
        do {
            in.expectSymbol("(");
            List<Expr> row = new ArrayList<>();
            do {
                row.add(expressions.expression());
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
            rows.add(List.copyOf(row));
        } while (in.acceptSymbol(","));
        return new Ast.Values(List.copyOf(rows), List.of(), Optional.empty(), Optional.empty());
    }

    private Ast.Select select() {
        in.expect("SELECT");
        boolean distinct = in.accept("DISTINCT");
        if (distinct && in.peek().is("ON")) {
            throw in.unsupported("SELECT DISTINCT ON");
        }
        if (!distinct) {
            in.accept("ALL");
        }
        List<Ast.SelectItem> items = selectItems();
        Optional<Ast.From> from = in.accept("FROM") ? Optional.of(from()) : Optional.empty();
        Optional<Expr> where = in.accept("WHERE") ? Optional.of(expressions.expression()) : Optional.empty();
        List<Expr> groupBy = new ArrayList<>();
        if (in.accept("GROUP")) {
            in.expect("BY");
            do {
                groupBy.add(expressions.expression());
            } while (in.acceptSymbol(","));
        }
        Optional<Expr> having = in.accept("HAVING") ? Optional.of(expressions.expression()) : Optional.empty();
        if (in.peek().is("WINDOW")) {
            throw in.unsupported("WINDOW clauses");
        }
        return new Ast.Select(distinct, items, from, where, List.copyOf(groupBy), having, List.of(), Optional.empty(),
                Optional.empty());
    }

    /** A select list, or a RETURNING list: {@code *}, {@code t.*} and expressions with optional aliases. */
    List<Ast.SelectItem> selectItems() {
        List<Ast.SelectItem> items = new ArrayList<>();
        do {
            items.add(selectItem());
        } while (in.acceptSymbol(","));
        return List.copyOf(items);
    }

    private Ast.SelectItem selectItem() {
        if (in.acceptSymbol("*")) {
            return new Ast.AllColumns(Optional.empty());
        }
        if (in.peek().kind() == Token.Kind.IDENTIFIER && in.peek(1).isSymbol(".") && in.peek(2).isSymbol("*")) {
            String table = in.next().text();
            in.next();
            in.next();
            return new Ast.AllColumns(Optional.of(table));
        }
        Expr e = expressions.expression();
        Optional<String> alias = Optional.empty();
        if (in.accept("AS")) {
            // After AS any word is a label, reserved or not, as in PostgreSQL.
            Token t = in.peek();
            if (t.kind() == Token.Kind.KEYWORD) {
                in.next();
                alias = Optional.of(t.text().toLowerCase(Locale.ROOT));
            } else {
                alias = Optional.of(in.identifier("a column alias"));
            }
        } else if (in.peek().kind() == Token.Kind.IDENTIFIER) {
            alias = Optional.of(in.next().text());
        }
        return new Ast.ExprItem(e, alias);
    }

    /** ORDER BY, LIMIT, OFFSET and FETCH after a query, and the clauses that are not built. */
    private Query modifiers(Query q) {
        List<Ast.OrderItem> orderBy = new ArrayList<>();
        if (in.accept("ORDER")) {
            in.expect("BY");
            do {
                orderBy.add(orderItem());
            } while (in.acceptSymbol(","));
        }
        Optional<Expr> limit = Optional.empty();
        Optional<Expr> offset = Optional.empty();
        // PostgreSQL takes LIMIT and OFFSET in either order, and FETCH after OFFSET.
        for (int i = 0; i < 3; i++) {
            if (limit.isEmpty() && in.accept("LIMIT")) {
                limit = in.accept("ALL") ? Optional.empty() : Optional.of(expressions.expression());
            } else if (offset.isEmpty() && in.accept("OFFSET")) {
                offset = Optional.of(expressions.expression());
                if (!in.acceptWord("rows")) {
                    in.acceptWord("row");
                }
            } else if (limit.isEmpty() && in.accept("FETCH")) {
                limit = Optional.of(fetch());
            }
        }
        if (in.peek().is("FOR")) {
            throw in.unsupported("SELECT ... FOR UPDATE or FOR SHARE (transactions are serializable, so no row locks "
                    + "are needed)");
        }
        if (orderBy.isEmpty() && limit.isEmpty() && offset.isEmpty()) {
            return q;
        }
        boolean inner = q.limit().isPresent() || q.offset().isPresent() || !q.orderBy().isEmpty() && !orderBy.isEmpty();
        if (inner) {
            // (SELECT ... LIMIT 3) ORDER BY x: the inner LIMIT applies first, so the outer clauses
            // go on a query over the inner one.
            q = new Ast.Select(false, List.of(new Ast.AllColumns(Optional.empty())),
                    Optional.of(new Ast.Derived(q, "subquery", List.of())), Optional.empty(), List.of(), Optional.empty(),
                    List.of(), Optional.empty(), Optional.empty());
        }
        List<Ast.OrderItem> order = orderBy.isEmpty() ? q.orderBy() : List.copyOf(orderBy);
        return switch (q) {
            case Ast.Select s -> new Ast.Select(s.distinct(), s.items(), s.from(), s.where(), s.groupBy(), s.having(), order,
                    limit, offset);
            case Ast.SetOperation o -> new Ast.SetOperation(o.operator(), o.all(), o.left(), o.right(), order, limit, offset);
            case Ast.Values v -> new Ast.Values(v.rows(), order, limit, offset);
        };
    }

    /** {@code FETCH FIRST|NEXT [n] ROW|ROWS ONLY}: LIMIT n, n being 1 when left out. */
    private Expr fetch() {
        if (!in.acceptWord("first")) {
            in.expectWord("next");
        }
        Expr n = in.peek().isWord("row") || in.peek().isWord("rows")
                ? new Ast.Literal(io.mynode.kernel.sql.Value.of(1)) : expressions.expression();
        if (!in.acceptWord("rows")) {
            in.expectWord("row");
        }
        if (in.accept("WITH")) {
            throw in.unsupported("FETCH ... WITH TIES");
        }
        in.expect("ONLY");
        return n;
    }

    private Ast.OrderItem orderItem() {
        Expr e = expressions.expression();
        boolean desc = false;
        if (in.accept("DESC")) {
            desc = true;
        } else {
            in.accept("ASC");
        }
        Optional<Boolean> nullsFirst = Optional.empty();
        if (in.acceptWord("nulls")) {
            if (in.acceptWord("first")) {
                nullsFirst = Optional.of(true);
            } else if (in.acceptWord("last")) {
                nullsFirst = Optional.of(false);
            } else {
                throw in.expected("FIRST or LAST after NULLS");
            }
        }
        return new Ast.OrderItem(e, desc, nullsFirst);
    }

    /** A FROM clause: items joined by commas and JOINs, left-deep. */
    Ast.From from() {
        Ast.From left = fromItem();
        while (true) {
            if (in.acceptSymbol(",")) {
                left = new Ast.Join(left, fromItem(), Ast.JoinType.CROSS, Optional.empty());
                continue;
            }
            if (in.accept("CROSS")) {
                in.expect("JOIN");
                left = new Ast.Join(left, fromItem(), Ast.JoinType.CROSS, Optional.empty());
                continue;
            }
            boolean natural = in.accept("NATURAL");
            Ast.JoinType type;
            if (in.accept("JOIN")) {
                type = Ast.JoinType.INNER;
            } else if (in.accept("INNER")) {
                in.expect("JOIN");
                type = Ast.JoinType.INNER;
            } else if (in.accept("LEFT") || in.accept("RIGHT") || in.accept("FULL")) {
                type = Ast.JoinType.valueOf(in.peek(-1).text());
                in.accept("OUTER");
                in.expect("JOIN");
            } else if (natural) {
                throw in.expected("JOIN, INNER, LEFT, RIGHT or FULL after NATURAL");
            } else {
                return left;
            }
            Ast.From right = fromItem();
            if (natural) {
                left = new Ast.Join(left, right, type, Optional.empty(), List.of(), true);
            } else if (in.accept("USING")) {
                List<String> using = columnNames();
                if (using.isEmpty()) {
                    throw in.expected("'(' and the columns of USING");
                }
                left = new Ast.Join(left, right, type, Optional.empty(), using, false);
            } else {
                if (!in.accept("ON")) {
                    throw in.expected("ON or USING");
                }
                left = new Ast.Join(left, right, type, Optional.of(expressions.expression()), List.of(), false);
            }
        }
    }

    private Ast.From fromItem() {
        if (in.peek().is("LATERAL")) {
            throw in.unsupported("LATERAL");
        }
        if (in.peek().isSymbol("(")) {
            if (startsQueryBehindParentheses()) {
                in.next();
                Query q = expressions.nested(this::query);
                in.expectSymbol(")");
                in.accept("AS");
                if (in.peek().kind() != Token.Kind.IDENTIFIER) {
                    throw in.expected("an alias: a subquery in FROM must have one");
                }
                return new Ast.Derived(q, in.next().text(), columnNames());
            }
            in.next();
            Ast.From inner = expressions.nested(this::from);
            in.expectSymbol(")");
            return inner;
        }
        String table = in.identifier("a table name");
        Optional<String> alias = Optional.empty();
        if (in.accept("AS")) {
            alias = Optional.of(in.identifier("a table alias"));
        } else if (in.peek().kind() == Token.Kind.IDENTIFIER) {
            alias = Optional.of(in.next().text());
        }
        if (in.peek().isSymbol("(")) {
            throw in.unsupported("column aliases on a table");
        }
        for (Map<String, Ast.Derived> scope : ctes) {
            Ast.Derived cte = scope.get(table);
            if (cte != null) {
                return new Ast.Derived(cte.query(), alias.orElse(table), cte.columns());
            }
        }
        return new Ast.TableRef(table, alias);
    }

    /** {@code (a, b, ...)} if a parenthesis is next, else none. */
    private List<String> columnNames() {
        List<String> names = new ArrayList<>();
        if (in.acceptSymbol("(")) {
            do {
                names.add(in.identifier("a column name"));
            } while (in.acceptSymbol(","));
            in.expectSymbol(")");
        }
        return List.copyOf(names);
    }
}
