package io.mynode.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.SerializationFailure;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SqlEngineTests {

    private static List<List<Value>> rows(Session s, String sql) {
        StatementResult r = s.execute(sql);
        List<List<Value>> out = new ArrayList<>();
        try (RowStream rows = assertInstanceOf(StatementResult.Rows.class, r).rows()) {
            rows.forEachRemaining(out::add);
        }
        return out;
    }

    @Nested
    class Provider {
        @Test
        void isNamedSqlAndRefusesUnknownSettings() {
            assertEquals("sql", new SqlFrontend().name());
            ConfigException e = assertThrows(ConfigException.class, () -> TestDatabase.open(Map.of("sql.bogus", "1")));
            assertTrue(e.getMessage().contains("sql.bogus"), e.getMessage());
            assertThrows(ConfigException.class, () -> TestDatabase.open(Map.of("sql.retries", "-1")));
        }
    }

    @Nested
    class Catalog {
        @Test
        void listsTablesSortedAndPrintsDefinitionsThatRecreateThem() {
            String definition;
            try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
                s.execute("CREATE TABLE genre (id INTEGER PRIMARY KEY, name STRING NOT NULL UNIQUE)");
                s.execute("CREATE TABLE movie (id INTEGER PRIMARY KEY, title VARCHAR NOT NULL, genre_id INTEGER "
                        + "REFERENCES genre, released INTEGER INDEX, rating FLOAT DEFAULT 5, ok BOOLEAN)");
                s.execute("CREATE UNIQUE INDEX movie_title ON movie (title)");
                assertEquals(List.of("genre", "movie"), db.engine().tables());
                assertEquals(Optional.empty(), db.engine().tableDefinition("nothere"));
                definition = db.engine().tableDefinition("movie").orElseThrow();
                assertEquals("""
                        CREATE TABLE movie (
                          id INTEGER PRIMARY KEY,
                          title STRING NOT NULL,
                          genre_id INTEGER NULL REFERENCES genre,
                          released INTEGER NULL INDEX,
                          rating FLOAT NULL DEFAULT 5.0,
                          ok BOOLEAN NULL
                        );
                        CREATE UNIQUE INDEX movie_title ON movie (title)""", definition);
            }
            try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
                s.execute("CREATE TABLE genre (id INTEGER PRIMARY KEY)");
                for (String statement : definition.split(";\n")) {
                    s.execute(statement);
                }
                assertEquals(definition, db.engine().tableDefinition("movie").orElseThrow());
            }
        }

        @Test
        void quotesNamesThatNeedIt() {
            try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
                s.execute("CREATE TABLE \"Odd Name\" (\"select\" INTEGER PRIMARY KEY, \"Mixed\" STRING)");
                String definition = db.engine().tableDefinition("Odd Name").orElseThrow();
                assertEquals("CREATE TABLE \"Odd Name\" (\n  \"select\" INTEGER PRIMARY KEY,\n  \"Mixed\" STRING NULL\n)",
                        definition);
                s.execute("DROP TABLE \"Odd Name\"");
                s.execute(definition);
                assertEquals(List.of("Odd Name"), db.engine().tables());
            }
        }

        @Test
        void evaluatesLongChainsWithoutOverflowingTheStack() {
            try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
                s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
                s.execute("INSERT INTO t VALUES (1), (2)");
                assertEquals(List.of(List.of(Value.of(901L))), rows(s, "SELECT 1" + " + 1".repeat(900)));
                assertEquals(2, rows(s, "SELECT id FROM t WHERE " + "id = 0 OR ".repeat(900) + "id > 0").size());
            }
        }

        @Test
        void survivesARestart() {
            TestDatabase db = TestDatabase.open();
            try (Session s = db.engine().session()) {
                s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v STRING INDEX)");
                s.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
            }
            Path dir = db.stop();
            try (TestDatabase again = TestDatabase.open(dir, Map.of()); Session s = again.engine().session()) {
                assertEquals(List.of(List.of(Value.of(2L))), rows(s, "SELECT id FROM t WHERE v = 'b'"));
            }
        }
    }

    @Nested
    class Sessions {
        @Test
        void reportTheOpenTransaction() {
            try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
                assertEquals(Optional.empty(), s.transaction());
                StatementResult.TransactionChanged began = assertInstanceOf(StatementResult.TransactionChanged.class,
                        s.execute("BEGIN"));
                assertEquals(Optional.of(new Session.TransactionInfo(began.id(), began.version(), false)), s.transaction());
                s.execute("COMMIT");
                assertEquals(Optional.empty(), s.transaction());
                s.execute("BEGIN READ ONLY");
                assertTrue(s.transaction().orElseThrow().readOnly());
            }
        }

        @Test
        void closeTheRowsOfTheStatementBefore() {
            try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
                s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
                s.execute("INSERT INTO t VALUES (1), (2), (3)");
                RowStream first = assertInstanceOf(StatementResult.Rows.class, s.execute("SELECT * FROM t")).rows();
                assertEquals(List.of(Value.of(1L)), first.next());
                s.execute("SELECT 1");
                assertFalse(first.hasNext());
            }
        }

        @Test
        void rollBackAnOpenTransactionOnClose() {
            try (TestDatabase db = TestDatabase.open()) {
                try (Session s = db.engine().session()) {
                    s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
                    s.execute("BEGIN");
                    s.execute("INSERT INTO t VALUES (1)");
                }
                try (Session s = db.engine().session()) {
                    assertEquals(List.of(), rows(s, "SELECT * FROM t"));
                }
            }
        }

        @Test
        void streamLargeResults() {
            try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
                s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, pad STRING)");
                StringBuilder insert = new StringBuilder("INSERT INTO t VALUES ");
                for (int i = 0; i < 2000; i++) {
                    insert.append(i == 0 ? "" : ", ").append("(").append(i).append(", 'row ").append(i).append("')");
                }
                s.execute(insert.toString());
                assertEquals(List.of(List.of(Value.of(2000L))), rows(s, "SELECT COUNT(*) FROM t"));
                assertEquals(List.of(List.of(Value.of(1999L))), rows(s, "SELECT id FROM t ORDER BY id DESC LIMIT 1"));
                assertEquals(5, rows(s, "SELECT id FROM t WHERE id % 400 = 0").size());
            }
        }
    }

    @Nested
    class Concurrency {
        @Test
        void implicitTransactionsRetrySerializationFailures() throws Exception {
            try (TestDatabase db = TestDatabase.open()) {
                SqlEngine engine = db.engine();
                try (Session s = engine.session()) {
                    s.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER)");
                    s.execute("INSERT INTO counter VALUES (1, 0)");
                }
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    done.add(pool.submit(() -> {
                        try (Session s = engine.session()) {
                            for (int i = 0; i < 50; i++) {
                                s.execute("UPDATE counter SET n = n + 1 WHERE id = 1");
                            }
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
                pool.shutdown();
                try (Session s = engine.session()) {
                    assertEquals(List.of(List.of(Value.of(200L))), rows(s, "SELECT n FROM counter"));
                }
            }
        }

        @Test
        void explicitTransfersKeepTheTotal() throws Exception {
            try (TestDatabase db = TestDatabase.open()) {
                SqlEngine engine = db.engine();
                try (Session s = engine.session()) {
                    s.execute("CREATE TABLE acct (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)");
                    s.execute("INSERT INTO acct VALUES (1, 100), (2, 100), (3, 100), (4, 100)");
                }
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<Integer>> conflicts = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int from = t + 1;
                    conflicts.add(pool.submit(() -> {
                        int failures = 0;
                        try (Session s = engine.session()) {
                            for (int i = 0; i < 30; i++) {
                                int to = (from + i) % 4 + 1;
                                try {
                                    s.execute("BEGIN");
                                    s.execute("UPDATE acct SET balance = balance - 1 WHERE id = " + from);
                                    s.execute("UPDATE acct SET balance = balance + 1 WHERE id = " + to);
                                    s.execute("COMMIT");
                                } catch (SerializationFailure e) {
                                    failures++;
                                    assertEquals(Optional.empty(), s.transaction());
                                }
                            }
                        }
                        return failures;
                    }));
                }
                for (Future<Integer> f : conflicts) {
                    f.get(60, TimeUnit.SECONDS);
                }
                pool.shutdown();
                try (Session s = engine.session()) {
                    assertEquals(List.of(List.of(Value.of(400L))), rows(s, "SELECT SUM(balance) FROM acct"));
                }
            }
        }
    }
}
