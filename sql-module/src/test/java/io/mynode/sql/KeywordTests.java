package io.mynode.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A keyword that may follow a table reference or a select item is never read as an alias: a
 * misspelt or unbuilt clause must fail loudly or mean what it says, never silently run as
 * something else ({@code fa FULL JOIN fb} as an inner join of {@code fa} aliased "full").
 */
class KeywordTests {

    private static List<List<Value>> rows(Session s, String sql) {
        StatementResult r = s.execute(sql);
        List<List<Value>> out = new ArrayList<>();
        try (RowStream rows = assertInstanceOf(StatementResult.Rows.class, r).rows()) {
            rows.forEachRemaining(out::add);
        }
        return out;
    }

    private static void tables(Session s) {
        s.execute("CREATE TABLE fa (id INTEGER PRIMARY KEY, x INTEGER)");
        s.execute("CREATE TABLE fb (id INTEGER PRIMARY KEY, y INTEGER)");
        s.execute("INSERT INTO fa VALUES (1, 10), (2, 20)");
        s.execute("INSERT INTO fb VALUES (2, 200), (3, 300)");
    }

    @Test
    void fullJoinIsAFullJoinNotAnAlias() {
        try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
            tables(s);
            assertEquals(List.of(
                    List.of(Value.of(1), Value.of(10), Value.NULL, Value.NULL),
                    List.of(Value.of(2), Value.of(20), Value.of(2), Value.of(200)),
                    List.of(Value.NULL, Value.NULL, Value.of(3), Value.of(300))),
                    rows(s, "SELECT * FROM fa FULL JOIN fb ON fa.id = fb.id ORDER BY fa.id, fb.id"));
            // The statement: with FULL an alias, full.id named fa and this ran as an inner join.
            MynodeException e = assertThrows(MynodeException.class,
                    () -> rows(s, "SELECT * FROM fa FULL JOIN fb ON x = full.id"));
            assertTrue(e.getMessage().contains("syntax error"), e.getMessage());
        }
    }

    @Test
    void naturalJoinIsANaturalJoinNotAnAlias() {
        try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
            tables(s);
            assertEquals(List.of(List.of(Value.of(2), Value.of(20), Value.of(200))),
                    rows(s, "SELECT * FROM fa NATURAL JOIN fb"));
        }
    }

    @Test
    void keywordsThatCanFollowATableAreNeverAliases() {
        try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
            tables(s);
            for (String word : List.of("FULL", "NATURAL", "USING", "UNION", "INTERSECT", "EXCEPT", "WINDOW", "FETCH",
                    "FOR", "RETURNING", "LATERAL")) {
                MynodeException e = assertThrows(MynodeException.class,
                        () -> rows(s, "SELECT * FROM fa " + word), word);
                assertTrue(e.getMessage().contains("syntax error"), word + ": " + e.getMessage());
                e = assertThrows(MynodeException.class, () -> rows(s, "SELECT 1 " + word), word);
                assertTrue(e.getMessage().contains("syntax error"), word + ": " + e.getMessage());
            }
        }
    }

    @Test
    void unbuiltClausesAreClearErrors() {
        try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
            tables(s);
            for (String sql : List.of("SELECT * FROM fa FOR UPDATE", "SELECT * FROM fa, LATERAL (SELECT 1) AS l",
                    "SELECT x, SUM(x) OVER () FROM fa", "SELECT * FROM fa WINDOW w AS ()")) {
                MynodeException e = assertThrows(MynodeException.class, () -> rows(s, sql), sql);
                assertTrue(e.getMessage().contains("not supported"), sql + ": " + e.getMessage());
            }
        }
    }
}
