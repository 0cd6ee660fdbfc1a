package io.mynode.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Range scans select exactly the rows their conditions pass: random conditions on a primary key
 * and an indexed column, of each key type, against the same query with every column wrapped
 * ({@code k + 0}, {@code s || ''}) so that no range can be used and every row is filtered. Values
 * include the edges: NULL, NaN, the infinities, -0.0, the extreme integers, the empty string, and
 * fractions and large integers compared across INTEGER and FLOAT. Seeded; a failure prints the
 * seed and the query ({@code -Drange.seed=N} reruns it).
 */
class RangeScanTests {
    static final long SEED = Long.getLong("range.seed", 20260601L);
    static final int QUERIES = 300;

    @ParameterizedTest
    @ValueSource(strings = {"INTEGER", "FLOAT", "STRING"})
    void rangeScansReturnWhatAFullScanFilters(String type) {
        Random random = new Random(SEED + type.hashCode());
        try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
            s.execute("CREATE TABLE r (k " + type + " PRIMARY KEY, v " + type + " INDEX, w " + type + ")");
            List<String> pool = constants(type);
            StringBuilder insert = new StringBuilder("INSERT INTO r VALUES ");
            List<String> keys = switch (type) {
                case "INTEGER" -> List.of("0", "1", "2", "3", "5", "8", "-1", "-7", "9223372036854775807",
                        "-9223372036854775808", "4503599627370497");
                case "FLOAT" -> List.of("-0.0", "1.5", "2", "-3.25", "1e300", "-1e300", "INFINITY", "-INFINITY", "NAN",
                        "7", "-1", "9007199254740993");
                default -> pool.subList(1, pool.size());
            };
            List<String> values = new ArrayList<>(keys);
            values.add("NULL");
            for (int i = 0; i < keys.size(); i++) {
                insert.append(i == 0 ? "" : ", ").append("(").append(keys.get(i)).append(", ")
                        .append(values.get(random.nextInt(values.size()))).append(", ")
                        .append(values.get(random.nextInt(values.size()))).append(")");
            }
            s.execute(insert.toString());
            int ranged = 0;
            for (int q = 0; q < QUERIES; q++) {
                String where = condition(random, pool, 0);
                String sql = "SELECT k, v, w FROM r WHERE " + where;
                String plain = "SELECT k, v, w FROM r WHERE " + where.replace("k ", wrap("k", type) + " ")
                        .replace("v ", wrap("v", type) + " ");
                String plan = ((StatementResult.Explain) s.execute("EXPLAIN " + sql)).plan();
                if (plan.contains("KeyScan") || plan.contains("IndexScan") || plan.contains("Nothing")) {
                    ranged++;
                }
                assertEquals(sorted(s, plain), sorted(s, sql), "seed " + SEED + ", " + type + ": " + sql + "\n" + plan);
            }
            assertTrue(ranged > QUERIES / 3, "only " + ranged + " of " + QUERIES + " queries used a range");
        }
    }

    private static String wrap(String column, String type) {
        return type.equals("STRING") ? "(" + column + " || '')" : "(" + column + " + 0)";
    }

    /** The values conditions compare with, edges included, for a key of {@code type}. */
    private static List<String> constants(String type) {
        return switch (type) {
            case "INTEGER" -> List.of("NULL", "0", "1", "2", "3", "5", "8", "-1", "-7", "9223372036854775807",
                    "-9223372036854775808", "1.5", "-0.5", "2.0", "1e300", "NAN", "4503599627370497");
            case "FLOAT" -> List.of("NULL", "0.0", "-0.0", "1.5", "2.0", "-3.25", "1e300", "-1e300", "INFINITY",
                    "-INFINITY", "NAN", "2", "7", "-1", "9007199254740993");
            default -> List.of("NULL", "''", "'a'", "'ab'", "'b'", "'ba'", "'z'", "'\u00e9'", "'\ud83d\ude00'", "'A'",
                    "'a b'");
        };
    }

    private static String condition(Random random, List<String> pool, int depth) {
        String column = random.nextInt(3) == 0 ? "v" : "k";
        int kind = random.nextInt(depth > 1 ? 3 : 5);
        return switch (kind) {
            case 0 -> column + " " + List.of("=", "<", "<=", ">", ">=", "!=").get(random.nextInt(6)) + " "
                    + pool.get(random.nextInt(pool.size()));
            case 1 -> pool.get(random.nextInt(pool.size())) + " " + List.of("=", "<", ">=").get(random.nextInt(3)) + " "
                    + column + " ";
            case 2 -> column + " IN (" + pool.get(random.nextInt(pool.size())) + ", " + pool.get(random.nextInt(pool.size()))
                    + ", " + pool.get(random.nextInt(pool.size())) + ")";
            case 3 -> "(" + condition(random, pool, depth + 1) + " OR " + condition(random, pool, depth + 1) + ")";
            default -> "(" + condition(random, pool, depth + 1) + " AND " + condition(random, pool, depth + 1) + ")";
        };
    }

    private static List<String> sorted(Session s, String sql) {
        List<String> out = new ArrayList<>();
        try (RowStream rows = ((StatementResult.Rows) s.execute(sql)).rows()) {
            rows.forEachRemaining(r -> out.add(r.stream().map(Value::toString).toList().toString()));
        }
        out.sort(null);
        return out;
    }
}
