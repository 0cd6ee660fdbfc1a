package io.mynode.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.ConstraintViolation;
import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.txn.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Data written by the seed's SQL layer (catalog format 1: no databases, tables keyed by name)
 * still works: the keys and values a node of that version wrote, replayed into a fresh node,
 * serve queries, constraints and DDL, and the first DDL on a table moves its catalog entry to
 * the new layout without moving a row.
 */
class LegacyFormatTests {

    /** Writes the entries of {@code legacy/catalog-v1.hex} as they were on disk. */
    static void load(TestDatabase db) throws IOException {
        List<String> lines;
        try (InputStream in = LegacyFormatTests.class.getResourceAsStream("/legacy/catalog-v1.hex")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        }
        try (Transaction txn = db.node().transactions().begin()) {
            for (String line : lines) {
                String[] parts = line.split(" ", -1);
                txn.put(HexFormat.of().parseHex(parts[0]), HexFormat.of().parseHex(parts[1]));
            }
            txn.commit();
        }
    }

    private static List<String> rows(Session s, String sql) {
        List<String> out = new ArrayList<>();
        try (RowStream r = assertInstanceOf(StatementResult.Rows.class, s.execute(sql)).rows()) {
            r.forEachRemaining(row -> out.add(row.stream().map(Value::toString).collect(Collectors.joining("|"))));
        }
        return out;
    }

    @Test
    void tablesOfTheFirstFormatServeQueriesConstraintsAndDdl() throws IOException {
        try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
            load(db);
            assertEquals(List.of("genre", "movie", "tag"), db.engine().tables());
            assertEquals("""
                    CREATE TABLE movie (
                      id INTEGER PRIMARY KEY,
                      title STRING NOT NULL,
                      genre_id INTEGER NULL REFERENCES genre,
                      released INTEGER NULL INDEX,
                      rating FLOAT NULL DEFAULT 5.0,
                      seen BOOLEAN NULL
                    );
                    CREATE INDEX movie_title ON movie (title)""", db.engine().tableDefinition("movie").orElseThrow());
            assertEquals(List.of("1|Her|1|2013|8.0|TRUE", "2|Heat|2|1995|8.2|NULL", "3|Up|NULL|2009|8.3|FALSE"),
                    rows(s, "SELECT * FROM movie"));
            assertEquals(List.of("a\u0000b", "noir"), rows(s, "SELECT name FROM tag"));
            // The old indexes are used and hold the old entries.
            assertTrue(((StatementResult.Explain) s.execute("EXPLAIN SELECT id FROM movie WHERE released > 2000")).plan()
                    .contains("IndexScan: movie using movie_released_idx"));
            assertEquals(List.of("3", "1"), rows(s, "SELECT id FROM movie WHERE released > 2000"));
            assertEquals(List.of("2"), rows(s, "SELECT id FROM genre WHERE name = 'Action'"));
            // Constraints hold: unique, foreign keys both ways, primary key.
            assertThrows(ConstraintViolation.class, () -> s.execute("INSERT INTO genre VALUES (3, 'Drama')"));
            assertThrows(ConstraintViolation.class, () -> s.execute("INSERT INTO movie VALUES (4, 'X', 9, 2000, 1, TRUE)"));
            assertThrows(ConstraintViolation.class, () -> s.execute("DELETE FROM genre WHERE id = 1"));
            assertThrows(ConstraintViolation.class, () -> s.execute("INSERT INTO tag VALUES ('noir')"));
            s.execute("INSERT INTO movie (id, title, genre_id, released) VALUES (4, 'Alien', 2, 1979)");
            assertEquals(List.of("4|Alien|2|1979|5.0|NULL"), rows(s, "SELECT * FROM movie WHERE id = 4"));

            // DDL moves the table's catalog entry; its rows and old indexes stay where they are.
            s.execute("CREATE INDEX movie_rating ON movie (rating)");
            try (Transaction txn = db.node().transactions().beginReadOnly()) {
                assertFalse(txn.get(HexFormat.of().parseHex("01046d6f7669650000")).isPresent(), "old entry left behind");
                assertTrue(txn.get(HexFormat.of().parseHex("01047461670000")).isPresent(), "untouched table moved");
            }
            assertEquals(List.of("2|Heat", "3|Up"), rows(s, "SELECT id, title FROM movie WHERE rating > 8.1"));
            assertEquals(List.of("1|Her"), rows(s, "SELECT id, title FROM movie WHERE title = 'Her'"));
            s.execute("DROP INDEX movie_title");
            assertEquals(List.of("1|Her"), rows(s, "SELECT id, title FROM movie WHERE title = 'Her'"));
            assertThrows(ConstraintViolation.class, () -> s.execute("DELETE FROM genre WHERE id = 2"));
            s.execute("DROP TABLE tag");
            s.execute("CREATE TABLE tag (name STRING PRIMARY KEY, n INTEGER)");
            assertEquals(List.of(), rows(s, "SELECT * FROM tag"));
            s.execute("DELETE FROM movie");
            s.execute("DELETE FROM genre");
            assertEquals(List.of(), rows(s, "SELECT * FROM genre"));
        }
    }

    @Test
    void anEntryOfANewerFormatIsRefusedWithAClearError() {
        try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
            try (Transaction txn = db.node().transactions().begin()) {
                // 05 "relation" "main" "t" -> {"format": 3, "kind": "table"}
                byte[] key = HexFormat.of().parseHex("0504" + hex("relation") + "000004" + hex("main") + "000004"
                        + hex("t") + "0000");
                assertTrue(txn.get(key).isPresent());
                txn.put(key, HexFormat.of().parseHex("82a6666f726d617403a46b696e64a57461626c65"));
                txn.commit();
            }
            CorruptionException e = assertThrows(CorruptionException.class, () -> s.execute("SELECT * FROM t"));
            assertEquals("table main.t is in catalog format 3, and this mynode reads formats 1 to 2: it was written "
                    + "by a newer version", e.getMessage());
        }
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }
}
