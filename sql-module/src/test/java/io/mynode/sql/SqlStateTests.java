package io.mynode.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mynode.kernel.error.ErrorKind;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every error a statement can raise carries PostgreSQL's SQLSTATE for it, so that clients (the
 * JDBC driver's exception classes, retry loops, the PostgreSQL protocol) act on the code.
 */
class SqlStateTests {
    private TestDatabase db;
    private Session s;

    @BeforeEach
    void open() {
        db = TestDatabase.open();
        s = db.engine().session();
        s.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY, name STRING NOT NULL UNIQUE)");
        s.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent)");
        s.execute("INSERT INTO parent VALUES (1, 'a')");
        s.execute("INSERT INTO child VALUES (1, 1)");
    }

    @AfterEach
    void close() {
        s.close();
        db.close();
    }

    @ParameterizedTest(name = "{1} for {0}")
    @CsvSource(delimiter = '|', textBlock = """
            INSERT INTO parent VALUES (1, 'b')                | 23505 | CONSTRAINT
            INSERT INTO parent VALUES (2, 'a')                | 23505 | CONSTRAINT
            INSERT INTO parent VALUES (2, NULL)               | 23502 | CONSTRAINT
            INSERT INTO child VALUES (2, 99)                  | 23503 | CONSTRAINT
            DELETE FROM parent                                | 23503 | CONSTRAINT
            SELEKT 1                                          | 42601 | SYNTAX
            SELECT 'unterminated                              | 42601 | SYNTAX
            SELECT * FROM nothere                             | 42P01 | SEMANTIC
            SELECT nothere FROM parent                        | 42703 | SEMANTIC
            SELECT id FROM parent, child                      | 42702 | SEMANTIC
            SELECT 'a' + 1                                    | 42883 | SEMANTIC
            SELECT * FROM parent WHERE 1                      | 42804 | SEMANTIC
            INSERT INTO parent VALUES ('x', 'y')              | 42804 | SEMANTIC
            SELECT name, count(*) FROM parent                 | 42803 | SEMANTIC
            SELECT nofunction(1)                              | 42883 | SEMANTIC
            CREATE TABLE parent (id INTEGER PRIMARY KEY)      | 42P07 | SEMANTIC
            CREATE TABLE twokeys (a INT PRIMARY KEY, b INT PRIMARY KEY) | 42P16 | SEMANTIC
            DROP TABLE nothere                                | 42P01 | SEMANTIC
            DROP INDEX nothere                                | 42704 | SEMANTIC
            DROP TABLE parent                                 | 2BP01 | CONSTRAINT
            SELECT 1 / 0                                      | 22012 | INVALID_INPUT
            SELECT 9223372036854775807 + 1                    | 22003 | INVALID_INPUT
            SELECT id FROM parent LIMIT -1                    | 2201W | SEMANTIC
            COMMIT                                            | 25P01 | INVALID_INPUT
            SELECT * FROM parent WHERE id = $1                | 42P02 | INVALID_INPUT
            """)
    void aStatementsErrorCarriesItsSqlState(String sql, String state, ErrorKind kind) {
        MynodeException e = assertThrows(MynodeException.class, () -> drain(sql));
        assertEquals(state, e.sqlState().code(), e.getMessage());
        assertEquals(kind, e.kind(), e.getMessage());
    }

    @Test
    void transactionStateErrorsCarryTheirs() {
        s.execute("BEGIN READ ONLY");
        assertEquals("25006", assertThrows(MynodeException.class, () -> s.execute("INSERT INTO parent VALUES (5, 'e')"))
                .sqlState().code());
        assertEquals("25001", assertThrows(MynodeException.class, () -> s.execute("BEGIN")).sqlState().code());
        s.execute("ROLLBACK");
    }

    @Test
    void aSerializationFailureIs40001() {
        try (Session other = db.engine().session()) {
            s.execute("BEGIN");
            other.execute("BEGIN");
            drain("SELECT * FROM parent WHERE id = 1");
            other.execute("SELECT * FROM parent WHERE id = 1").message();
            s.execute("UPDATE parent SET name = 'x' WHERE id = 1");
            other.execute("UPDATE parent SET name = 'y' WHERE id = 1");
            s.execute("COMMIT");
            MynodeException e = assertThrows(MynodeException.class, () -> other.execute("COMMIT"));
            assertEquals("40001", e.sqlState().code(), e.getMessage());
            assertEquals(ErrorKind.SERIALIZATION, e.kind());
        }
    }

    private void drain(String sql) {
        if (s.execute(sql) instanceof io.mynode.kernel.sql.StatementResult.Rows r) {
            try (var rows = r.rows()) {
                rows.forEachRemaining(x -> { });
            }
        }
    }
}
