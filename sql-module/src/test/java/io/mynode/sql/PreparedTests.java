package io.mynode.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.ConstraintViolation;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.BatchResult;
import io.mynode.kernel.sql.Fetch;
import io.mynode.kernel.sql.Prepared;
import io.mynode.kernel.sql.ResultColumn;
import io.mynode.kernel.sql.ResultColumn.Nullability;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlType;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.TableSchema;
import io.mynode.kernel.sql.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Prepared statements, the plan cache, batches and result metadata of an embedded session. */
class PreparedTests {
    private TestDatabase db;
    private Session s;

    @BeforeEach
    void open() {
        db = TestDatabase.open();
        s = db.engine().session();
        s.execute("CREATE TABLE genre (id INTEGER PRIMARY KEY, name STRING NOT NULL UNIQUE)");
        s.execute("CREATE TABLE movie (id INTEGER PRIMARY KEY, title STRING NOT NULL, rating FLOAT, "
                + "genre_id INTEGER REFERENCES genre)");
        s.execute("INSERT INTO genre VALUES (1, 'drama'), (2, 'comedy')");
        s.execute("INSERT INTO movie VALUES (1, 'Sicario', 7.6, 1), (2, 'Stalker', 8.1, 1), (3, 'Her', NULL, NULL)");
    }

    @AfterEach
    void close() {
        s.close();
        db.close();
    }

    static List<List<Value>> rows(StatementResult r) {
        List<List<Value>> out = new ArrayList<>();
        try (RowStream rows = assertInstanceOf(StatementResult.Rows.class, r).rows()) {
            rows.forEachRemaining(out::add);
        }
        return out;
    }

    static String state(Runnable r) {
        return assertThrows(MynodeException.class, r::run).sqlState().code();
    }

    @Nested
    class Parameters {
        @Test
        void takeTheirTypesFromTheirContext() {
            assertEquals(List.of(SqlType.INTEGER), s.prepare("SELECT title FROM movie WHERE id = ?").parameterTypes());
            assertEquals(List.of(SqlType.INTEGER, SqlType.STRING, SqlType.FLOAT, SqlType.INTEGER),
                    s.prepare("INSERT INTO movie VALUES (?, ?, ?, ?)").parameterTypes());
            assertEquals(List.of(SqlType.STRING, SqlType.FLOAT, SqlType.INTEGER),
                    s.prepare("UPDATE movie SET title = ?, rating = ? WHERE id = ?").parameterTypes());
            assertEquals(List.of(SqlType.STRING, SqlType.INTEGER, SqlType.INTEGER),
                    s.prepare("SELECT * FROM movie WHERE title LIKE ? ORDER BY id LIMIT ? OFFSET ?").parameterTypes());
            assertEquals(List.of(SqlType.FLOAT, SqlType.INTEGER, SqlType.INTEGER, SqlType.BOOLEAN),
                    s.prepare("SELECT id FROM movie WHERE rating > ? AND rating > ? + 1 AND ? IN (1, 2) OR ?").parameterTypes());
            assertEquals(List.of(SqlType.INTEGER, SqlType.INTEGER),
                    s.prepare("SELECT id FROM movie WHERE id IN ($2, 3) AND genre_id = $1").parameterTypes());
        }

        @Test
        void withoutAContextNeedADeclaredType() {
            assertEquals("42P18", state(() -> s.prepare("SELECT ?")));
            Prepared p = s.prepare("SELECT $1, $2 + 1", Map.of(1, SqlType.STRING));
            assertEquals(List.of(SqlType.STRING, SqlType.INTEGER), p.parameterTypes());
            assertEquals(List.of(List.of(Value.of("x"), Value.of(2))), rows(p.execute(List.of(Value.of("x"), Value.of(1)))));
            assertEquals("42804", state(() -> s.prepare("SELECT * FROM movie WHERE id = $1", Map.of(1, SqlType.STRING))));
            assertEquals("42P02", state(() -> s.prepare("SELECT $1", Map.of(2, SqlType.STRING))));
        }

        @Test
        void usedAsTwoTypesOrInTwoStylesAreErrors() {
            assertEquals("42P08", state(() -> s.prepare("SELECT id FROM movie WHERE id = $1 AND title = $1")));
            assertEquals("42601", state(() -> s.prepare("SELECT id FROM movie WHERE id = ? AND id = $1")));
            assertEquals("42601", state(() -> s.prepare("SELECT $0")));
            assertEquals("42601", state(() -> s.prepare("SELECT $65536")));
        }

        @Test
        void bindEachExecutionAndAreCheckedFirst() {
            Prepared p = s.prepare("SELECT title FROM movie WHERE id = ?");
            assertEquals(List.of(List.of(Value.of("Sicario"))), rows(p.execute(List.of(Value.of(1)))));
            assertEquals(List.of(List.of(Value.of("Her"))), rows(p.execute(List.of(Value.of(3)))));
            assertEquals(List.of(), rows(p.execute(List.of(Value.NULL))));
            assertEquals("08P01", state(() -> p.execute(List.of())));
            assertEquals("42804", state(() -> p.execute(List.of(Value.of("1")))));
            Prepared update = s.prepare("UPDATE movie SET rating = ? WHERE id = ?");
            update.execute(List.of(Value.of(9), Value.of(3)));
            assertEquals(List.of(List.of(Value.of(9.0))), rows(s.execute("SELECT rating FROM movie WHERE id = 3")));
        }

        @Test
        void becomeKeyScansAsLiteralsWould() {
            Prepared p = s.prepare("EXPLAIN SELECT title FROM movie WHERE id = ? AND rating > ?");
            String plan = assertInstanceOf(StatementResult.Explain.class, p.execute(List.of(Value.of(2), Value.of(1.5)))).plan();
            assertTrue(plan.contains("KeyScan: movie (id = 2)"), plan);
        }

        @Test
        void inLimitAndOffsetAreCountsCheckedAtExecution() {
            Prepared p = s.prepare("SELECT id FROM movie ORDER BY id LIMIT ? OFFSET ?");
            assertEquals(List.of(List.of(Value.of(2))), rows(p.execute(List.of(Value.of(1), Value.of(1)))));
            assertEquals("2201W", state(() -> rows(p.execute(List.of(Value.of(-1), Value.of(0))))));
            assertEquals("2201X", state(() -> rows(p.execute(List.of(Value.of(1), Value.of(-5))))));
        }

        @Test
        void areRefusedWhereTheyCannotBe() {
            assertEquals("42P02", state(() -> s.execute("SELECT * FROM movie WHERE id = ?")));
            assertEquals("42P02", state(() -> s.prepare("CREATE TABLE t (id INTEGER PRIMARY KEY DEFAULT ?)")));
            assertEquals("42P02", state(() -> s.executeBatch(List.of("DELETE FROM movie WHERE id = ?"))));
        }
    }

    @Nested
    class Metadata {
        @Test
        void namesTypesAndNullabilityOfEveryRowResult() {
            StatementResult.Rows r = assertInstanceOf(StatementResult.Rows.class,
                    s.execute("SELECT m.id, m.title, m.rating, g.name, m.rating * 2 AS double_rating, count(*) AS n "
                            + "FROM movie m LEFT JOIN genre g ON m.genre_id = g.id GROUP BY m.id, m.title, m.rating, g.name"));
            r.rows().close();
            assertEquals(List.of(
                    new ResultColumn("id", SqlType.INTEGER, Nullability.UNKNOWN),
                    new ResultColumn("title", SqlType.STRING, Nullability.UNKNOWN),
                    new ResultColumn("rating", SqlType.FLOAT, Nullability.UNKNOWN),
                    new ResultColumn("name", SqlType.STRING, Nullability.UNKNOWN),
                    new ResultColumn("double_rating", SqlType.FLOAT, Nullability.UNKNOWN),
                    new ResultColumn("n", SqlType.INTEGER, Nullability.NOT_NULL)), r.columns());
            Prepared p = s.prepare("SELECT m.id, m.title, m.rating, g.name, 1 AS one FROM movie m LEFT JOIN genre g ON m.genre_id = g.id");
            assertEquals(List.of(
                    new ResultColumn("id", SqlType.INTEGER, Nullability.NOT_NULL),
                    new ResultColumn("title", SqlType.STRING, Nullability.NOT_NULL),
                    new ResultColumn("rating", SqlType.FLOAT, Nullability.NULLABLE),
                    new ResultColumn("name", SqlType.STRING, Nullability.NULLABLE),
                    new ResultColumn("one", SqlType.INTEGER, Nullability.NOT_NULL)), p.columns());
            assertEquals(List.of(), s.prepare("INSERT INTO genre VALUES (?, ?)").columns());
            assertEquals(List.of(), s.prepare("CREATE TABLE x (id INTEGER PRIMARY KEY)").columns());
        }

        @Test
        void describeEveryTable() {
            s.execute("CREATE INDEX movie_title ON movie (title)");
            List<TableSchema> schemas = db.engine().schemas();
            assertEquals(List.of("genre", "movie"), schemas.stream().map(TableSchema::name).toList());
            TableSchema movie = schemas.get(1);
            assertEquals(List.of(
                    new TableSchema.ColumnSchema("id", SqlType.INTEGER, false, Optional.empty()),
                    new TableSchema.ColumnSchema("title", SqlType.STRING, false, Optional.empty()),
                    new TableSchema.ColumnSchema("rating", SqlType.FLOAT, true, Optional.empty()),
                    new TableSchema.ColumnSchema("genre_id", SqlType.INTEGER, true, Optional.empty())), movie.columns());
            assertEquals(List.of("id"), movie.primaryKey());
            assertTrue(movie.indexes().contains(new TableSchema.IndexSchema("movie_pkey", List.of("id"), true)));
            assertTrue(movie.indexes().contains(new TableSchema.IndexSchema("movie_title", List.of("title"), false)));
            assertEquals(List.of(new TableSchema.ForeignKey("movie_genre_id_fkey", List.of("genre_id"), "genre", List.of("id"))),
                    movie.foreignKeys());
            assertTrue(schemas.get(0).indexes().contains(new TableSchema.IndexSchema("genre_name_key", List.of("name"), true)));
        }
    }

    @Nested
    class Plans {
        @Test
        void followSchemaChanges() {
            Prepared p = s.prepare("SELECT title FROM movie WHERE id = ?");
            s.execute("CREATE INDEX movie_title ON movie (title)");
            assertEquals(List.of(List.of(Value.of("Stalker"))), rows(p.execute(List.of(Value.of(2)))));
            s.execute("DROP TABLE movie");
            assertEquals("42P01", state(() -> p.execute(List.of(Value.of(2)))));
            s.execute("CREATE TABLE movie (id INTEGER PRIMARY KEY, title STRING)");
            s.execute("INSERT INTO movie VALUES (2, 'Solaris')");
            assertEquals(List.of(List.of(Value.of("Solaris"))), rows(p.execute(List.of(Value.of(2)))));
            s.execute("DROP TABLE movie");
            s.execute("CREATE TABLE movie (id STRING PRIMARY KEY, title STRING)");
            assertEquals("0A000", state(() -> p.execute(List.of(Value.of(2)))));
        }

        @Test
        void ofPlainStatementsAreCachedButNeverStale() {
            String sql = "SELECT * FROM movie WHERE id = 1";
            assertEquals(4, rows(s.execute(sql)).getFirst().size());
            s.execute("DROP TABLE movie");
            s.execute("CREATE TABLE movie (id INTEGER PRIMARY KEY, title STRING)");
            s.execute("INSERT INTO movie VALUES (1, 'Solaris')");
            StatementResult r = s.execute(sql);
            assertEquals(List.of("id", "title"), assertInstanceOf(StatementResult.Rows.class, r).names());
            assertEquals(List.of(List.of(Value.of(1), Value.of("Solaris"))), rows(r));
        }

        @Test
        void seeTablesCreatedInTheOpenTransaction() {
            s.execute("BEGIN");
            s.execute("CREATE TABLE fresh (id INTEGER PRIMARY KEY)");
            Prepared p = s.prepare("INSERT INTO fresh VALUES (?)");
            p.execute(List.of(Value.of(1)));
            s.execute("COMMIT");
            assertEquals(List.of(List.of(Value.of(1))), rows(s.execute("SELECT * FROM fresh")));
        }

        @Test
        void limitRowsToMaxRows() {
            Prepared p = s.prepare("SELECT id FROM movie ORDER BY id");
            assertEquals(2, rows(p.execute(List.of(), new Fetch(1, 2))).size());
            assertEquals(1, rows(s.execute("SELECT id FROM movie", new Fetch(0, 1))).size());
        }

        @Test
        void dieWithTheirSession() {
            Prepared p = s.prepare("SELECT 1");
            p.close();
            assertEquals("22023", state(() -> p.execute(List.of())));
        }
    }

    @Nested
    class Batches {
        @Test
        void outsideATransactionCommitAllOrNothing() {
            BatchResult r = s.executeBatch(List.of("INSERT INTO genre VALUES (3, 'noir')", "INSERT INTO genre VALUES (1, 'again')",
                    "INSERT INTO genre VALUES (4, 'horror')"));
            assertEquals(List.of(), r.results());
            assertInstanceOf(ConstraintViolation.class, r.failure().orElseThrow());
            assertEquals("23505", r.failure().get().sqlState().code());
            assertEquals(2, rows(s.execute("SELECT * FROM genre")).size());

            BatchResult ok = s.executeBatch(List.of("INSERT INTO genre VALUES (3, 'noir')", "UPDATE genre SET name = 'film noir' WHERE id = 3",
                    "CREATE TABLE tag (id INTEGER PRIMARY KEY)", "DELETE FROM genre WHERE id > 2"));
            assertFalse(ok.failure().isPresent());
            assertEquals(List.of("Created 1 row", "Updated 1 row", "Created table tag", "Deleted 1 row"),
                    ok.results().stream().map(StatementResult::message).toList());
        }

        @Test
        void insideATransactionKeepWhatRanBeforeAFailure() {
            s.execute("BEGIN");
            Prepared p = s.prepare("INSERT INTO genre VALUES (?, ?)");
            BatchResult r = p.executeBatch(List.of(List.of(Value.of(3), Value.of("noir")), List.of(Value.of(4), Value.of("drama")),
                    List.of(Value.of(5), Value.of("horror"))));
            assertEquals(1, r.results().size());
            assertEquals("23505", r.failure().orElseThrow().sqlState().code());
            assertTrue(s.transaction().isPresent());
            s.execute("COMMIT");
            assertEquals(3, rows(s.execute("SELECT * FROM genre")).size());
        }

        @Test
        void ofPreparedValuesRunInOneTransaction() {
            Prepared p = s.prepare("INSERT INTO genre VALUES (?, ?)");
            List<List<Value>> sets = new ArrayList<>();
            for (int i = 10; i < 110; i++) {
                sets.add(List.of(Value.of(i), Value.of("g" + i)));
            }
            BatchResult r = p.executeBatch(sets);
            assertEquals(100, r.results().size());
            assertEquals(List.of(List.of(Value.of(102))), rows(s.execute("SELECT count(*) FROM genre")));
        }

        @Test
        void holdNoQueriesNorTransactionControl() {
            assertEquals("0A000", state(() -> s.executeBatch(List.of("SELECT 1"))));
            assertEquals("0A000", state(() -> s.executeBatch(List.of("INSERT INTO genre VALUES (9, 'x')", "COMMIT"))));
            assertEquals(2, rows(s.execute("SELECT * FROM genre")).size());
        }
    }
}
