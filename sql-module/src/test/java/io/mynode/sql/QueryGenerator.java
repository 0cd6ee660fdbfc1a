package io.mynode.sql;

import io.mynode.sql.ExpressionGenerator.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generates random, well-typed SQL over the differential test's schema, restricted to what
 * mynode and H2 (PostgreSQL mode) mean the same way. Most queries use what issue 16 added: the
 * expressions of {@link ExpressionGenerator}, set operations, subqueries in FROM, VALUES as a
 * table, USING, NATURAL and FULL joins, NULLS FIRST/LAST, DISTINCT aggregates, INSERT ... SELECT.
 *
 * <p>Left out on purpose, as documented differences: {@code ^} and {@code !} (H2 has neither),
 * divisors that may be zero (see {@link ExpressionGenerator#divisor()}), {@code -0.0} in results
 * (H2 returns 0.0), float division (mynode follows IEEE and yields Infinity/NaN where H2 raises an
 * error), NaN and infinities (H2 orders and compares them differently), implicit casts between
 * strings and numbers (H2 allows them, mynode refuses them at plan time), LIMIT without an ORDER
 * BY that fixes the order, INTERSECT ALL and EXCEPT ALL (H2 has neither), STRING_AGG without an
 * order, unqualified names of NATURAL JOIN columns (H2 calls them ambiguous). H2 has no FULL
 * JOIN: a FULL JOIN query is compared with H2's answer to the same query written as a LEFT JOIN
 * UNION ALL the right rows nothing matched ({@link Query#oracle()}).
 *
 * <pre>
 *   t1 (id INTEGER PRIMARY KEY, a INTEGER INDEX, b INTEGER, s STRING, f FLOAT, x BOOLEAN)
 *   t2 (id INTEGER PRIMARY KEY, t1_id INTEGER, c INTEGER, s STRING UNIQUE)
 * </pre>
 */
final class QueryGenerator {
    private final Random random;
    private final ExpressionGenerator ex;

    QueryGenerator(Random random) {
        this.random = random;
        this.ex = new ExpressionGenerator(random);
    }

    /**
     * One random query. {@code ordered} tells whether its rows must match in order; {@code oracle}
     * is the same query as H2 should be asked it; {@code usesNewFeatures} whether it exercises
     * anything issue 16 added.
     */
    record Query(String sql, String oracle, boolean ordered, boolean usesNewFeatures) {}

    /** The statements that create and fill the schema, the same text for both engines but types. */
    List<String> schema(boolean h2) {
        String integer = h2 ? "BIGINT" : "INTEGER";
        String string = h2 ? "VARCHAR" : "STRING";
        String flt = h2 ? "DOUBLE PRECISION" : "FLOAT";
        List<String> out = new ArrayList<>();
        out.add("CREATE TABLE t1 (id " + integer + " PRIMARY KEY, a " + integer + (h2 ? "" : " INDEX") + ", b " + integer
                + ", s " + string + ", f " + flt + ", x BOOLEAN)");
        out.add("CREATE TABLE t2 (id " + integer + " PRIMARY KEY, t1_id " + integer + ", c " + integer + ", s " + string
                + " UNIQUE)");
        if (h2) {
            out.add("CREATE INDEX t1_a ON t1 (a)");
        }
        return out;
    }

    /** INSERT statements with random rows; the same for both engines. */
    List<String> data() {
        List<String> out = new ArrayList<>();
        int n1 = random.nextInt(40);
        List<Integer> ids = new ArrayList<>();
        for (int i = -20; i < 60; i++) {
            ids.add(i);
        }
        Collections.shuffle(ids, random);
        for (int i = 0; i < n1; i++) {
            out.add("INSERT INTO t1 VALUES (" + ids.get(i) + ", " + nullable(() -> String.valueOf(random.nextInt(11) - 5)) + ", "
                    + nullable(() -> String.valueOf(random.nextInt(201) - 100)) + ", " + nullable(ex::stringLiteral) + ", "
                    + nullable(ex::floatLiteral) + ", " + nullable(() -> random.nextBoolean() ? "TRUE" : "FALSE") + ")");
        }
        int n2 = random.nextInt(40);
        Collections.shuffle(ids, random);
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < n2; i++) {
            String s = nullable(ex::stringLiteral);
            if (!s.equals("NULL") && !used.add(s)) {
                s = "NULL";
            }
            out.add("INSERT INTO t2 VALUES (" + ids.get(i) + ", " + nullable(() -> String.valueOf(random.nextInt(80) - 20))
                    + ", " + nullable(() -> String.valueOf(random.nextInt(11) - 5)) + ", " + s + ")");
        }
        return out;
    }

    private String nullable(java.util.function.Supplier<String> f) {
        return random.nextInt(6) == 0 ? "NULL" : f.get();
    }

    Query query() {
        ex.used = false;
        ex.outer = List.of();
        int shape = random.nextInt(20);
        if (shape < 2) {
            return setOperation();
        }
        if (shape < 4) {
            return derived();
        }
        return select();
    }

    /** A SELECT over one table or a join of both, aggregated or not. */
    private Query select() {
        int shape = random.nextInt(10);
        if (shape < 3) {
            ex.from = List.of(new Source("t1", "p"));
        } else if (shape < 5) {
            ex.from = List.of(new Source("t2", "q"));
        } else {
            ex.from = List.of(new Source("t1", "p"), new Source("t2", "q"));
        }
        boolean aggregate = random.nextInt(4) == 0;
        boolean distinct = !aggregate && random.nextInt(6) == 0;
        List<String> items = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        if (aggregate) {
            int g = random.nextInt(3);
            for (int i = 0; i < g; i++) {
                String col = random.nextBoolean() ? ex.column("int") : ex.column(random.nextBoolean() ? "str" : "int");
                groups.add(col);
                items.add(col);
            }
            int a = 1 + random.nextInt(3);
            for (int i = 0; i < a; i++) {
                items.add(aggregateCall());
            }
        } else {
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                items.add(ex.expr(ex.randomType(), 2));
            }
        }
        boolean full = ex.from.size() == 2 && !aggregate && !distinct && random.nextInt(8) == 0;
        String on = ex.from.size() == 2 ? joinCondition() : "";
        String fromClause = full ? "t1 p FULL JOIN t2 q ON " + on : fromClause(on);
        String where = random.nextInt(3) > 0 ? " WHERE " + ex.bool(3) : "";
        StringBuilder tail = new StringBuilder();
        if (aggregate && !groups.isEmpty()) {
            tail.append(" GROUP BY ").append(String.join(", ", groups));
            if (random.nextInt(3) == 0) {
                tail.append(" HAVING COUNT(*) > ").append(random.nextInt(3));
            }
        }
        boolean ordered = random.nextInt(3) == 0;
        String order = ordered ? orderBy(items.size()) : "";
        String head = "SELECT " + (distinct ? "DISTINCT " : "") + String.join(", ", items);
        String sql = head + " FROM " + fromClause + where + tail + order;
        String oracle = sql;
        if (full) {
            // H2 has no FULL JOIN: the left join, then the right rows no left row matched.
            String rest = where.isEmpty() ? " WHERE p.id IS NULL" : where + " AND p.id IS NULL";
            oracle = head + " FROM t1 p LEFT JOIN t2 q ON " + on + where + " UNION ALL " + head
                    + " FROM t1 p RIGHT JOIN t2 q ON " + on + rest + order;
        }
        return new Query(sql, oracle, ordered, ex.used || full);
    }

    /** ORDER BY every output position, each ascending or descending and with or without NULLS FIRST/LAST. */
    private String orderBy(int columns) {
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
            String key = i + (random.nextBoolean() ? " DESC" : "");
            if (random.nextInt(3) == 0) {
                key += random.nextBoolean() ? " NULLS FIRST" : " NULLS LAST";
                ex.used = true;
            }
            keys.add(key);
        }
        Collections.shuffle(keys, random);
        String sql = " ORDER BY " + String.join(", ", keys);
        if (random.nextBoolean()) {
            sql += " LIMIT " + random.nextInt(10);
            if (random.nextBoolean()) {
                sql += " OFFSET " + random.nextInt(5);
            }
        }
        return sql;
    }

    /** {@code SELECT ... UNION [ALL] | INTERSECT | EXCEPT SELECT ...} with matching column types. */
    private Query setOperation() {
        ex.used = true;
        List<String> types = new ArrayList<>();
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            types.add(List.of("int", "str", "float", "bool").get(random.nextInt(4)));
        }
        String left = side(types);
        String right = side(types);
        String op = List.of("UNION", "UNION ALL", "INTERSECT", "EXCEPT").get(random.nextInt(4));
        boolean ordered = random.nextBoolean();
        String sql = left + " " + op + " " + right + (ordered ? orderBy(n) : "");
        return new Query(sql, sql, ordered, true);
    }

    private String side(List<String> types) {
        Source s = random.nextBoolean() ? new Source("t1", "p") : new Source("t2", "q");
        ex.from = List.of(s);
        List<String> items = new ArrayList<>();
        for (String t : types) {
            // t2 has no float or boolean column; an expression still has the type.
            items.add(t.equals("float") && !ex.hasFloats() ? ex.floatLiteral()
                    : t.equals("bool") ? ex.bool(1) : ex.expr(t, 1));
        }
        return "SELECT " + String.join(", ", items) + " FROM " + s.table() + " " + s.alias()
                + (random.nextBoolean() ? " WHERE " + ex.bool(2) : "");
    }

    /** A query over a subquery in FROM (aggregated or filtered) or over VALUES joined to a table. */
    private Query derived() {
        ex.used = true;
        boolean ordered = random.nextBoolean();
        String sql;
        if (random.nextBoolean()) {
            ex.from = List.of(new Source("t1", "p"));
            String inner = "SELECT p.a AS k, COUNT(*) AS n, SUM(p.b) AS m FROM t1 p"
                    + (random.nextBoolean() ? " WHERE " + ex.bool(2) : "") + " GROUP BY p.a";
            sql = "SELECT d.k, d.n, d.m FROM (" + inner + ") AS d" + (random.nextBoolean() ? " WHERE d.n > 1" : "")
                    + (ordered ? orderBy(3) : "");
        } else {
            ex.from = List.of(new Source("t1", "p"));
            String item = ex.expr(ex.randomType(), 1);
            sql = "SELECT v.k, v.w, " + item + " FROM t1 p " + (random.nextBoolean() ? "JOIN" : "LEFT JOIN")
                    + " (VALUES (1, 'a'), (2, 'b'), (NULL, 'c'), (-3, NULL)) AS v(k, w) ON p.a = v.k"
                    + (random.nextBoolean() ? " WHERE " + ex.bool(2) : "") + (ordered ? orderBy(3) : "");
        }
        return new Query(sql, sql, ordered, true);
    }

    /**
     * One random INSERT, UPDATE or DELETE. Left out: updates of t2.s, the UNIQUE column, since
     * H2 checks uniqueness row by row (so {@code SET s = s || 'x'} can fail there midway) while
     * mynode checks the statement's result; and primary-key updates, for the same reason.
     */
    String write() {
        boolean first = random.nextBoolean();
        Source table = first ? new Source("t1", "t1") : new Source("t2", "t2");
        ex.from = List.of(table);
        ex.outer = List.of();
        String where = random.nextInt(4) == 0 ? "" : " WHERE " + ex.bool(2);
        return switch (random.nextInt(5)) {
            case 0 -> first
                    ? "UPDATE t1 SET b = " + ex.intExpr(2) + (random.nextBoolean() ? ", s = " + ex.strExpr(1) : "")
                            + (random.nextBoolean() ? ", f = " + ex.floatExpr(1) : "") + where
                    : "UPDATE t2 SET c = " + ex.intExpr(2) + (random.nextBoolean() ? ", t1_id = " + ex.intExpr(1) : "") + where;
            case 1 -> "DELETE FROM " + table.table() + " WHERE " + ex.bool(2);
            case 2 -> insertSelect();
            default -> {
                List<String> rows = new ArrayList<>();
                for (int i = random.nextInt(3); i >= 0; i--) {
                    int id = random.nextInt(100) - 20;
                    rows.add(first
                            ? "(" + id + ", " + nullable(() -> String.valueOf(random.nextInt(11) - 5)) + ", " + random.nextInt(50)
                                    + ", " + nullable(ex::stringLiteral) + ", " + nullable(ex::floatLiteral) + ", "
                                    + nullable(() -> random.nextBoolean() ? "TRUE" : "FALSE") + ")"
                            : "(" + id + ", " + random.nextInt(60) + ", " + random.nextInt(11) + ", " + ex.stringLiteral() + ")");
                }
                yield "INSERT INTO " + table.table() + " VALUES " + String.join(", ", rows);
            }
        };
    }

    /** INSERT ... SELECT from the other table, keys moved out of the way (or not: then both fail). */
    private String insertSelect() {
        if (random.nextBoolean()) {
            ex.from = List.of(new Source("t2", "q"));
            return "INSERT INTO t1 (id, a, b, s) SELECT q.id + " + (random.nextInt(3) * 100) + ", q.c, q.t1_id, q.s FROM t2 q"
                    + (random.nextBoolean() ? " WHERE " + ex.bool(2) : "");
        }
        ex.from = List.of(new Source("t1", "p"));
        return "INSERT INTO t2 (id, t1_id, c) SELECT p.id + " + (random.nextInt(3) * 100) + ", p.id, p.a FROM t1 p"
                + (random.nextBoolean() ? " WHERE " + ex.bool(2) : "");
    }

    private String joinCondition() {
        return switch (random.nextInt(4)) {
            case 0 -> "p.id = q.t1_id";
            case 1 -> "p.a = q.c";
            case 2 -> "p.s = q.s";
            default -> "p.id = q.t1_id AND " + ex.bool(1);
        };
    }

    private String fromClause(String on) {
        if (ex.from.size() == 1) {
            return ex.from.getFirst().table() + " " + ex.from.getFirst().alias();
        }
        return switch (random.nextInt(9)) {
            case 0 -> "t1 p JOIN t2 q ON " + on;
            case 1 -> "t1 p LEFT JOIN t2 q ON " + on;
            case 2 -> "t1 p RIGHT JOIN t2 q ON " + on;
            case 3 -> "t1 p CROSS JOIN t2 q";
            case 4 -> used("t1 p JOIN t2 q USING (" + List.of("id", "s", "id, s").get(random.nextInt(3)) + ")");
            case 5 -> used("t1 p " + (random.nextBoolean() ? "LEFT " : "") + "JOIN t2 q USING (s)");
            case 6 -> used("t1 p NATURAL JOIN t2 q");
            default -> "t1 p, t2 q";
        };
    }

    private String used(String s) {
        ex.used = true;
        return s;
    }

    private String aggregateCall() {
        return switch (random.nextInt(9)) {
            case 0 -> "COUNT(*)";
            case 1 -> "COUNT(" + ex.column(ex.randomType()) + ")";
            case 2 -> "SUM(" + ex.withoutNull(() -> ex.intExpr(1)) + ")";
            case 3 -> "MIN(" + ex.column(random.nextBoolean() ? "int" : "str") + ")";
            case 4 -> "MAX(" + ex.column(random.nextBoolean() ? "int" : "str") + ")";
            case 5 -> used("COUNT(DISTINCT " + ex.column(random.nextBoolean() ? "int" : "str") + ")");
            case 6 -> used((random.nextBoolean() ? "SUM(DISTINCT " : "AVG(DISTINCT ") + ex.column("int") + ")");
            case 7 -> used(ex.hasFloats() ? (random.nextBoolean() ? "BOOL_AND(" : "BOOL_OR(") + ex.column("bool") + ")"
                    : "STDDEV_POP(" + ex.column("int") + ")");
            default -> "AVG(" + ex.column("int") + ")";
        };
    }
}
