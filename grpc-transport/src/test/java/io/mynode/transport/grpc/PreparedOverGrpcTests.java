package io.mynode.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.ConstraintViolation;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.BatchResult;
import io.mynode.kernel.sql.Fetch;
import io.mynode.kernel.sql.Prepared;
import io.mynode.kernel.sql.ResultColumn;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlType;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.TableSchema;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.transport.ClientService;
import io.mynode.kernel.transport.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prepared statements, batches, fetch sizes, result metadata, SQLSTATEs and schemas across the
 * wire: a real server on loopback with the fake engine behind it, a real client.
 */
class PreparedOverGrpcTests {
    static FakeSqlEngine engine;
    static GrpcTransport transport;
    Connection connection;

    @BeforeAll
    static void startNode() {
        engine = new FakeSqlEngine();
        transport = TestNodes.start(TestNodes.single("n1", Map.of("chunk.bytes", "4k")));
        transport.serve(new ClientService(engine, () -> TestNodes.status("n1")));
    }

    @AfterAll
    static void stopNode() {
        transport.close();
    }

    @AfterEach
    void disconnect() {
        if (connection != null) {
            connection.close();
        }
    }

    Session session() {
        connection = new GrpcTransportProvider().connect(new HostPort("127.0.0.1", transport.port()));
        return connection.session();
    }

    @Test
    void aPreparedStatementIsDescribedAndRunsWithItsValues() {
        Session s = session();
        Prepared p = s.prepare("echo INTEGER STRING FLOAT BOOLEAN");
        assertEquals(List.of(SqlType.INTEGER, SqlType.STRING, SqlType.FLOAT, SqlType.BOOLEAN), p.parameterTypes());
        assertEquals(new ResultColumn("p2", SqlType.STRING, ResultColumn.Nullability.UNKNOWN), p.columns().get(1));
        for (long i = 0; i < 3; i++) {
            List<Value> values = List.of(Value.of(i), Value.of("x" + i), Value.of(0.5), Value.NULL);
            StatementResult.Rows rows = assertInstanceOf(StatementResult.Rows.class, p.execute(values));
            assertEquals(p.columns(), rows.columns());
            assertEquals(List.of(values), ClientServiceTests.drain(rows));
        }
        assertEquals("08P01", assertThrows(MynodeException.class, () -> p.execute(List.of())).sqlState().code());
    }

    @Test
    void closingAPreparedStatementReachesTheNodeWithTheNextRequest() {
        Session s = session();
        int before = engine.preparedOpen.get();
        Prepared p = s.prepare("echo INTEGER");
        assertEquals(before + 1, engine.preparedOpen.get());
        p.close();
        p.close();
        s.execute("affected created 1");
        assertEquals(before, engine.preparedOpen.get());
        assertEquals("22023", assertThrows(MynodeException.class, () -> p.execute(List.of(Value.of(1)))).sqlState().code());
    }

    @Test
    void rowHeadersCarryTypesAndErrorsTheirSqlState() {
        Session s = session();
        StatementResult.Rows rows = assertInstanceOf(StatementResult.Rows.class, s.execute("rows 2"));
        assertEquals(List.of(new ResultColumn("id", SqlType.INTEGER, ResultColumn.Nullability.NOT_NULL),
                new ResultColumn("name", SqlType.STRING, ResultColumn.Nullability.NULLABLE)), rows.columns());
        rows.rows().close();
        MynodeException e = assertThrows(MynodeException.class, () -> s.execute("state 23503 no such parent"));
        assertEquals("23503", e.sqlState().code());
        assertEquals("no such parent", e.getMessage());
        assertEquals("40001", assertThrows(MynodeException.class, () -> s.execute("fail SERIALIZATION x")).sqlState().code());
    }

    @Test
    void aFetchSizeBoundsTheRowsPerMessageAndMaxRowsTheResult() {
        Session s = session();
        long produced = engine.rowsProduced.get();
        StatementResult.Rows rows = assertInstanceOf(StatementResult.Rows.class, s.execute("rows 100000", new Fetch(10, 0)));
        var it = rows.rows();
        for (int i = 0; i < 5; i++) {
            it.next();
        }
        // The node sends 10 rows a message, and stops when flow control's window (bytes) is full.
        TestNodes.await("the node has produced a few messages' worth", Duration.ofSeconds(5),
                () -> engine.rowsProduced.get() - produced >= 10);
        assertTrue(engine.rowsProduced.get() - produced <= 10_000, "rows produced: " + (engine.rowsProduced.get() - produced));
        it.close();
        assertEquals(7, ClientServiceTests.drain(s.execute("rows 100", new Fetch(3, 7))).size());
    }

    @Test
    void aBatchIsOneRequestAndReportsWhereItStopped() {
        Session s = session();
        BatchResult ok = s.executeBatch(List.of("affected created 1", "affected updated 2", "schema Created table t"));
        assertEquals(List.of(new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.CREATED, 1),
                new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.UPDATED, 2),
                new StatementResult.SchemaChanged("Created table t")), ok.results());
        assertEquals(Optional.empty(), ok.failure());
        BatchResult failed = s.executeBatch(List.of("affected created 1", "state 23505 duplicate", "affected created 1"));
        assertEquals(1, failed.results().size());
        assertEquals("23505", failed.failure().orElseThrow().sqlState().code());

        Prepared p = s.prepare("echo STRING");
        List<List<Value>> sets = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sets.add(List.of(Value.of(i == 300 ? "fail" : "v" + i)));
        }
        BatchResult r = p.executeBatch(sets);
        assertEquals(300, r.results().size());
        assertInstanceOf(ConstraintViolation.class, r.failure().orElseThrow());
    }

    @Test
    void schemasRoundTrip() {
        session();
        assertEquals(engine.schemas(), connection.schemas());
        TableSchema movie = connection.schemas().getFirst();
        assertEquals(Optional.of("'untitled'"), movie.columns().get(1).defaultValue());
    }

    @Test
    void aPreparedStatementOutlivesItsStreamByPreparingAgain() {
        var ports = TestNodes.freePorts("n5");
        FakeSqlEngine own = new FakeSqlEngine();
        GrpcTransport first = TestNodes.start(TestNodes.member("n5", ports, Map.of()));
        first.serve(new ClientService(own, () -> TestNodes.status("n5")));
        GrpcTransport second = null;
        try (Connection c = new GrpcTransportProvider().connect(new HostPort("127.0.0.1", ports.get("n5")))) {
            Session s = c.session();
            Prepared p = s.prepare("echo INTEGER");
            assertEquals(List.of(List.of(Value.of(1))), ClientServiceTests.drain(p.execute(List.of(Value.of(1)))));
            first.close();
            TestNodes.await("the node forgot the session", Duration.ofSeconds(5), () -> own.open.isEmpty());
            second = TestNodes.start(TestNodes.member("n5", ports, Map.of()));
            second.serve(new ClientService(own, () -> TestNodes.status("n5")));
            assertEquals(List.of(List.of(Value.of(2))), ClientServiceTests.drain(p.execute(List.of(Value.of(2)))));
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }
}
