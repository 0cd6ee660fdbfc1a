package io.mynode.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.Prepared;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlType;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Parameters in what issue 16 added: each takes its type from its context (a function's
 * parameter, a CASE's other branches, a subquery's column, a CAST), and a parameter inside a
 * subquery gets its value like any other.
 */
class PreparedQueryTests {
    private TestDatabase db;
    private Session s;

    @BeforeEach
    void open() {
        db = TestDatabase.open();
        s = db.engine().session();
        s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER, name STRING)");
        s.execute("CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INTEGER)");
        s.execute("INSERT INTO t VALUES (1, 10, 'a'), (2, 20, 'bb'), (3, NULL, 'ccc')");
        s.execute("INSERT INTO u VALUES (1, 1), (2, 1), (3, 3)");
    }

    @AfterEach
    void close() {
        s.close();
        db.close();
    }

    private static List<List<Value>> rows(StatementResult r) {
        List<List<Value>> out = new ArrayList<>();
        try (RowStream rows = assertInstanceOf(StatementResult.Rows.class, r).rows()) {
            rows.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void parametersTakeTheTypesOfTheNewExpressions() {
        assertEquals(List.of(SqlType.STRING, SqlType.INTEGER, SqlType.INTEGER),
                s.prepare("SELECT id FROM t WHERE LENGTH(?) = v OR v BETWEEN ? AND ?").parameterTypes());
        assertEquals(List.of(SqlType.INTEGER, SqlType.INTEGER),
                s.prepare("SELECT CASE WHEN id > 1 THEN v ELSE ? END, COALESCE(v, ?) FROM t").parameterTypes());
        assertEquals(List.of(SqlType.INTEGER, SqlType.FLOAT, SqlType.BOOLEAN),
                s.prepare("SELECT id FROM t WHERE v IN (SELECT t_id FROM u WHERE id > ?) AND CAST(? AS FLOAT) > 0 "
                        + "AND ? IS NOT TRUE").parameterTypes());
        assertEquals(List.of(SqlType.INTEGER), s.prepare("SELECT id FROM t WHERE ? = ANY (SELECT t_id FROM u)")
                .parameterTypes());
    }

    @Test
    void parametersInsideSubqueriesGetTheirValues() {
        Prepared p = s.prepare("SELECT name FROM t WHERE id IN (SELECT t_id FROM u WHERE id >= ?) ORDER BY id");
        assertEquals(List.of(List.of(Value.of("a")), List.of(Value.of("ccc"))), rows(p.execute(List.of(Value.of(1)))));
        assertEquals(List.of(List.of(Value.of("ccc"))), rows(p.execute(List.of(Value.of(3)))));
        Prepared scalar = s.prepare("SELECT (SELECT COUNT(*) FROM u WHERE u.t_id = t.id AND u.id > $1) FROM t ORDER BY id");
        assertEquals(List.of(List.of(Value.of(1)), List.of(Value.of(0)), List.of(Value.of(1))),
                rows(scalar.execute(List.of(Value.of(1)))));
    }

    @Test
    void writesWithReturningAndConflictsTakeParameters() {
        Prepared p = s.prepare("INSERT INTO t (id, v) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET v = excluded.v + ? "
                + "RETURNING id, v");
        assertEquals(List.of(SqlType.INTEGER, SqlType.INTEGER, SqlType.INTEGER), p.parameterTypes());
        assertEquals(List.of(List.of(Value.of(1), Value.of(105))),
                rows(p.execute(List.of(Value.of(1), Value.of(100), Value.of(5)))));
        assertEquals(List.of(List.of(Value.of(9), Value.of(1))), rows(p.execute(List.of(Value.of(9), Value.of(1), Value.of(0)))));
        assertEquals("21000", assertThrows(MynodeException.class, () -> rows(s.execute("SELECT (SELECT id FROM u)")))
                .sqlState().code());
    }
}
