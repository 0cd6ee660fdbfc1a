package io.mynode.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates random, well-typed SQL over the differential test's schema, restricted to what
 * mynode and H2 (PostgreSQL mode) mean the same way. Left out on purpose, as documented
 * differences: {@code ^} and {@code !} (H2 has neither), divisors that may be zero (see
 * {@link #divisor()}), {@code -0.0} in results (H2 returns 0.0), float division (mynode follows IEEE and
 * yields Infinity/NaN where H2 raises an error), NaN and infinities (H2 orders and compares them
 * differently), implicit casts between strings and numbers (H2 allows them, mynode refuses them
 * at plan time), and LIMIT without an ORDER BY that fixes the order.
 *
 * <pre>
 *   t1 (id INTEGER PRIMARY KEY, a INTEGER INDEX, b INTEGER, s STRING, f FLOAT, x BOOLEAN)
 *   t2 (id INTEGER PRIMARY KEY, t1_id INTEGER, c INTEGER, s STRING UNIQUE)
 * </pre>
 */
final class QueryGenerator {
    private final Random random;

    QueryGenerator(Random random) {
        this.random = random;
    }

    /** A table and the alias columns are qualified with. */
    private record Source(String table, String alias) {
        List<String> ints() {
            return table.equals("t1") ? List.of("id", "a", "b") : List.of("id", "t1_id", "c");
        }

        List<String> strings() {
            return List.of("s");
        }

        List<String> floats() {
            return table.equals("t1") ? List.of("f") : List.of();
        }

        List<String> bools() {
            return table.equals("t1") ? List.of("x") : List.of();
        }
    }

    private List<Source> from = List.of();

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
        java.util.Collections.shuffle(ids, random);
        for (int i = 0; i < n1; i++) {
            out.add("INSERT INTO t1 VALUES (" + ids.get(i) + ", " + nullable(() -> String.valueOf(random.nextInt(11) - 5)) + ", "
                    + nullable(() -> String.valueOf(random.nextInt(201) - 100)) + ", " + nullable(this::stringLiteral) + ", "
                    + nullable(this::floatLiteral) + ", " + nullable(() -> random.nextBoolean() ? "TRUE" : "FALSE") + ")");
        }
        int n2 = random.nextInt(40);
        java.util.Collections.shuffle(ids, random);
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < n2; i++) {
            String s = nullable(this::stringLiteral);
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

    private static final String[] STRINGS = {"a", "b", "ab", "ba", "abc", "", "B", "Ab", "b_a", "a%"};
    private static final String[] FLOATS = {"0.5", "-1.5", "2.0", "0.0", "3.25", "100.125", "-0.25", "7.0"};

    private String stringLiteral() {
        return "'" + STRINGS[random.nextInt(STRINGS.length)] + "'";
    }

    private String floatLiteral() {
        return FLOATS[random.nextInt(FLOATS.length)];
    }

    /** One random query. {@code ordered} tells whether its rows must match in order. */
    record Query(String sql, boolean ordered) {}

    Query query() {
        int shape = random.nextInt(10);
        if (shape < 3) {
            from = List.of(new Source("t1", "p"));
        } else if (shape < 5) {
            from = List.of(new Source("t2", "q"));
        } else {
            from = List.of(new Source("t1", "p"), new Source("t2", "q"));
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        boolean aggregate = random.nextInt(4) == 0;
        boolean distinct = !aggregate && random.nextInt(6) == 0;
        if (distinct) {
            sql.append("DISTINCT ");
        }
        List<String> items = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        if (aggregate) {
            int g = random.nextInt(3);
            for (int i = 0; i < g; i++) {
                String col = random.nextBoolean() ? column("int") : column(random.nextBoolean() ? "str" : "int");
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
                items.add(expr(randomType(), 2));
            }
        }
        sql.append(String.join(", ", items));
        sql.append(" FROM ").append(fromClause());
        if (random.nextInt(3) > 0) {
            sql.append(" WHERE ").append(bool(3));
        }
        if (aggregate && !groups.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", groups));
            if (random.nextInt(3) == 0) {
                sql.append(" HAVING ").append(aggregateCall().startsWith("COUNT") ? "COUNT(*) > " + random.nextInt(3)
                        : "COUNT(*) >= 1");
            }
        }
        boolean ordered = false;
        if (random.nextInt(3) == 0) {
            List<String> keys = new ArrayList<>();
            for (int i = 1; i <= items.size(); i++) {
                keys.add(i + (random.nextBoolean() ? " DESC" : ""));
            }
            java.util.Collections.shuffle(keys, random);
            sql.append(" ORDER BY ").append(String.join(", ", keys));
            ordered = true;
            if (random.nextBoolean()) {
                sql.append(" LIMIT ").append(random.nextInt(10));
                if (random.nextBoolean()) {
                    sql.append(" OFFSET ").append(random.nextInt(5));
                }
            }
        }
        return new Query(sql.toString(), ordered);
    }

    /**
     * One random INSERT, UPDATE or DELETE. Left out: updates of t2.s, the UNIQUE column, since
     * H2 checks uniqueness row by row (so {@code SET s = s || 'x'} can fail there midway) while
     * mynode checks the statement's result; and primary-key updates, for the same reason.
     */
    String write() {
        boolean first = random.nextBoolean();
        Source table = first ? new Source("t1", "t1") : new Source("t2", "t2");
        from = List.of(table);
        String where = random.nextInt(4) == 0 ? "" : " WHERE " + bool(2);
        return switch (random.nextInt(4)) {
            case 0 -> first
                    ? "UPDATE t1 SET b = " + intExpr(2) + (random.nextBoolean() ? ", s = " + strExpr(1) : "")
                            + (random.nextBoolean() ? ", f = " + floatExpr(1) : "") + where
                    : "UPDATE t2 SET c = " + intExpr(2) + (random.nextBoolean() ? ", t1_id = " + intExpr(1) : "") + where;
            case 1 -> "DELETE FROM " + table.table() + " WHERE " + bool(2);
            default -> {
                List<String> rows = new ArrayList<>();
                for (int i = random.nextInt(3); i >= 0; i--) {
                    int id = random.nextInt(100) - 20;
                    rows.add(first
                            ? "(" + id + ", " + nullable(() -> String.valueOf(random.nextInt(11) - 5)) + ", " + random.nextInt(50)
                                    + ", " + nullable(this::stringLiteral) + ", " + nullable(this::floatLiteral) + ", "
                                    + nullable(() -> random.nextBoolean() ? "TRUE" : "FALSE") + ")"
                            : "(" + id + ", " + random.nextInt(60) + ", " + random.nextInt(11) + ", " + stringLiteral() + ")");
                }
                yield "INSERT INTO " + table.table() + " VALUES " + String.join(", ", rows);
            }
        };
    }

    private String fromClause() {
        if (from.size() == 1) {
            return from.getFirst().table() + " " + from.getFirst().alias();
        }
        String on = switch (random.nextInt(4)) {
            case 0 -> "p.id = q.t1_id";
            case 1 -> "p.a = q.c";
            case 2 -> "p.s = q.s";
            default -> "p.id = q.t1_id AND " + bool(1);
        };
        return switch (random.nextInt(5)) {
            case 0 -> "t1 p JOIN t2 q ON " + on;
            case 1 -> "t1 p LEFT JOIN t2 q ON " + on;
            case 2 -> "t1 p RIGHT JOIN t2 q ON " + on;
            case 3 -> "t1 p CROSS JOIN t2 q";
            default -> "t1 p, t2 q";
        };
    }

    private String aggregateCall() {
        return switch (random.nextInt(6)) {
            case 0 -> "COUNT(*)";
            case 1 -> "COUNT(" + column(randomType()) + ")";
            case 2 -> "SUM(" + withoutNull(() -> intExpr(1)) + ")";
            case 3 -> "MIN(" + column(random.nextBoolean() ? "int" : "str") + ")";
            case 4 -> "MAX(" + column(random.nextBoolean() ? "int" : "str") + ")";
            default -> "AVG(" + column("int") + ")";
        };
    }

    private boolean noNull;

    /**
     * Generates without NULL literals: H2 (like PostgreSQL) refuses SUM of an untyped NULL, where
     * mynode types {@code NULL * 6} as INTEGER.
     */
    private String withoutNull(java.util.function.Supplier<String> f) {
        noNull = true;
        try {
            return f.get();
        } finally {
            noNull = false;
        }
    }

    private String randomType() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> "int";
            case 2 -> "str";
            case 3 -> "bool";
            default -> hasFloats() ? "float" : "int";
        };
    }

    private boolean hasFloats() {
        return from.stream().anyMatch(s -> !s.floats().isEmpty());
    }

    private String expr(String type, int depth) {
        return switch (type) {
            case "int" -> intExpr(depth);
            case "str" -> strExpr(depth);
            case "float" -> floatExpr(depth);
            default -> bool(depth);
        };
    }

    private String column(String type) {
        List<String> options = new ArrayList<>();
        for (Source s : from) {
            List<String> cols = switch (type) {
                case "int" -> s.ints();
                case "str" -> s.strings();
                case "float" -> s.floats();
                default -> s.bools();
            };
            cols.forEach(c -> options.add(s.alias() + "." + c));
        }
        if (options.isEmpty()) {
            return column("int");
        }
        return options.get(random.nextInt(options.size()));
    }

    private String intExpr(int depth) {
        if (depth <= 0 || random.nextInt(3) == 0) {
            return switch (random.nextInt(5)) {
                case 0 -> String.valueOf(random.nextInt(21) - 10);
                case 1 -> random.nextInt(8) == 0 && !noNull ? "NULL" : String.valueOf(random.nextInt(5));
                default -> column("int");
            };
        }
        return switch (random.nextInt(7)) {
            case 0 -> "(" + intExpr(depth - 1) + " + " + intExpr(depth - 1) + ")";
            case 1 -> "(" + intExpr(depth - 1) + " - " + intExpr(depth - 1) + ")";
            case 2 -> "(" + intExpr(depth - 1) + " * " + intExpr(depth - 1) + ")";
            case 3 -> "(" + intExpr(depth - 1) + " / " + divisor() + ")";
            case 4 -> "(" + intExpr(depth - 1) + " % " + divisor() + ")";
            case 5 -> "(-" + intExpr(depth - 1) + ")";
            default -> column("int");
        };
    }

    /**
     * A non-zero literal: which rows an engine evaluates an expression on (before or after a
     * filter, one side of AND first or the other) is unspecified in SQL, so a division by a
     * value that may be zero fails in one engine and not the other. Division by zero itself is
     * covered by the golden scripts.
     */
    private String divisor() {
        int d = random.nextInt(9) + 1;
        return String.valueOf(random.nextBoolean() ? d : -d);
    }

    private String floatExpr(int depth) {
        if (depth <= 0 || random.nextInt(3) == 0) {
            return random.nextBoolean() ? column("float") : floatLiteral();
        }
        String op = switch (random.nextInt(3)) {
            case 0 -> " + ";
            case 1 -> " - ";
            default -> " * ";
        };
        String other = random.nextBoolean() ? floatExpr(depth - 1) : intExpr(depth - 1);
        return "(" + floatExpr(depth - 1) + op + other + ")";
    }

    private String strExpr(int depth) {
        if (depth <= 0 || random.nextInt(2) == 0) {
            return random.nextInt(3) == 0 ? stringLiteral() : column("str");
        }
        return "(" + strExpr(depth - 1) + " || " + strExpr(depth - 1) + ")";
    }

    private static final String[] COMPARISONS = {"=", "!=", "<>", "<", "<=", ">", ">="};

    private String bool(int depth) {
        int choice = random.nextInt(depth <= 0 ? 6 : 10);
        return switch (choice) {
            case 0 -> intExpr(depth - 1) + " " + COMPARISONS[random.nextInt(COMPARISONS.length)] + " " + intExpr(depth - 1);
            case 1 -> strExpr(depth - 1) + " " + COMPARISONS[random.nextInt(COMPARISONS.length)] + " " + strExpr(depth - 1);
            case 2 -> (random.nextBoolean() ? intExpr(depth - 1) : strExpr(depth - 1))
                    + (random.nextBoolean() ? " IS NULL" : " IS NOT NULL");
            case 3 -> column("int") + (random.nextBoolean() ? " IN (" : " NOT IN (") + inList() + ")";
            case 4 -> column("str") + (random.nextBoolean() ? " LIKE " : " NOT LIKE ") + pattern();
            case 5 -> hasFloats() ? floatExpr(0) + " " + COMPARISONS[random.nextInt(COMPARISONS.length)] + " "
                    + (random.nextBoolean() ? floatExpr(0) : intExpr(0)) : column("int") + " > 0";
            case 6 -> "(" + bool(depth - 1) + " AND " + bool(depth - 1) + ")";
            case 7 -> "(" + bool(depth - 1) + " OR " + bool(depth - 1) + ")";
            case 8 -> "(NOT " + bool(depth - 1) + ")";
            default -> hasBools() ? column("bool") : (random.nextBoolean() ? "TRUE" : "FALSE");
        };
    }

    private boolean hasBools() {
        return from.stream().anyMatch(s -> !s.bools().isEmpty());
    }

    private String inList() {
        int n = 1 + random.nextInt(4);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(random.nextInt(6) == 0 ? "NULL" : String.valueOf(random.nextInt(21) - 10));
        }
        return String.join(", ", items);
    }

    private String pattern() {
        String[] parts = {"a", "b", "%", "_", "ab"};
        StringBuilder p = new StringBuilder();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            p.append(parts[random.nextInt(parts.length)]);
        }
        return "'" + p + "'";
    }
}
