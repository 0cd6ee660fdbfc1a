package io.mynode.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.AbortedException;
import io.mynode.kernel.error.ErrorKind;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.OutcomeUnknownException;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client service end to end: a real server on loopback, the fake engine behind it, a real client. */
class ClientServiceTests {
    static FakeSqlEngine engine;
    static GrpcTransport transport;
    static HostPort address;
    Connection connection;

    @BeforeAll
    static void startNode() {
        engine = new FakeSqlEngine();
        transport = TestNodes.start(TestNodes.single("n1", Map.of("chunk.bytes", "4k")));
        transport.serve(new ClientService(engine, () -> TestNodes.status("n1")));
        address = new HostPort("127.0.0.1", transport.port());
    }

    @AfterAll
    static void stopNode() {
        transport.close();
    }

    Connection connect() {
        connection = new GrpcTransportProvider().connect(address);
        return connection;
    }

    Connection connect(ClientSettings settings) {
        connection = new RemoteConnection(address, settings);
        return connection;
    }

    @AfterEach
    void disconnect() {
        if (connection != null) {
            connection.close();
        }
    }

    static List<List<Value>> drain(StatementResult result) {
        List<List<Value>> rows = new ArrayList<>();
        try (RowStream stream = assertInstanceOf(StatementResult.Rows.class, result).rows()) {
            stream.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Nested
    class Results {
        @Test
        void everyKindOfResultRoundTrips() {
            try (Session s = connect().session()) {
                assertEquals(new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.CREATED, 3),
                        s.execute("affected created 3"));
                assertEquals(new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.UPDATED, 1),
                        s.execute("affected updated 1"));
                assertEquals(new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.DELETED, 0),
                        s.execute("affected deleted 0"));
                assertEquals(new StatementResult.SchemaChanged("Created table movie"), s.execute("schema Created table movie"));
                assertEquals(new StatementResult.Explain("Scan movie\n  Filter id = 1"),
                        s.execute("explain Scan movie\\n  Filter id = 1"));
                var began = assertInstanceOf(StatementResult.TransactionChanged.class, s.execute("begin read only"));
                assertEquals(new StatementResult.TransactionChanged(StatementResult.TransactionChanged.Action.BEGAN,
                        began.id(), began.id() * 10, true), began);
                assertEquals(Optional.of(new Session.TransactionInfo(began.id(), began.id() * 10, true)), s.transaction());
                var rolledBack = assertInstanceOf(StatementResult.TransactionChanged.class, s.execute("rollback"));
                assertEquals(StatementResult.TransactionChanged.Action.ROLLED_BACK, rolledBack.action());
                StatementResult rows = s.execute("rows 3");
                assertEquals(List.of("id", "name"), ((StatementResult.Rows) rows).names());
                assertEquals(List.of(
                        List.of(Value.of(0), Value.of("name-0")),
                        List.of(Value.of(1), Value.of("name-1")),
                        List.of(Value.of(2), Value.of("name-2"))), drain(rows));
                assertTrue(drain(s.execute("rows 0")).isEmpty());
                RowStream closedEarly = ((StatementResult.Rows) s.execute("rows 5")).rows();
                closedEarly.close();
                assertFalse(closedEarly.hasNext());
            }
        }

        @Test
        void everyKindOfValueRoundTrips() {
            try (Session s = connect().session()) {
                StatementResult r = s.execute("values");
                assertEquals(List.of("null", "bool", "int", "float", "nan", "inf", "str"), ((StatementResult.Rows) r).names());
                assertEquals(List.of(List.of(Value.NULL, Value.TRUE, Value.of(Long.MIN_VALUE), Value.of(-0.5),
                        Value.of(Double.NaN), Value.of(Double.NEGATIVE_INFINITY), Value.of("héllo|wörld ✓"))), drain(r));
            }
        }

        @Test
        void statusTablesAndDefinitionsRoundTrip() {
            Connection c = connect();
            assertEquals(TestNodes.status("n1"), c.status());
            assertEquals(List.of("n3", "n1"), List.copyOf(c.status().consensus().matchIndex().keySet()));
            assertEquals(List.of("n3", "n1"), List.copyOf(c.status().addresses().keySet()));
            assertEquals(List.of("genre", "movie"), c.tables());
            assertEquals(Optional.of(engine.tables.get("movie")), c.tableDefinition("movie"));
            assertEquals(Optional.empty(), c.tableDefinition("nope"));
            var e = assertThrows(InvalidInputException.class, () -> c.tableDefinition("boom"));
            assertEquals("no table may be named boom", e.getMessage());
        }
    }

    @Nested
    class Errors {
        @ParameterizedTest
        @EnumSource(ErrorKind.class)
        void errorsOfEveryKindRoundTripAndTheSessionGoesOn(ErrorKind kind) {
            try (Session s = connect().session()) {
                var e = assertThrows(MynodeException.class, () -> s.execute("fail " + kind + " it went wrong: " + kind));
                assertEquals(kind, e.kind());
                assertEquals("it went wrong: " + kind, e.getMessage());
                assertEquals(kind.retryable(), e.retryable());
                assertEquals(new StatementResult.SchemaChanged("still here"), s.execute("schema still here"));
            }
        }

        @Test
        void anEngineBugIsAnInternalFailureAndTheSessionGoesOn() {
            try (Session s = connect().session()) {
                var e = assertThrows(InternalFailure.class, () -> s.execute("boom"));
                assertTrue(e.getMessage().contains("engine bug"), e.getMessage());
                assertEquals(new StatementResult.SchemaChanged("ok"), s.execute("schema ok"));
            }
        }

        @Test
        void anErrorWhileStreamingRowsComesAfterTheRowsBefore() {
            try (Session s = connect().session()) {
                StatementResult r = s.execute("rows-fail 100000 5000");
                List<List<Value>> seen = new ArrayList<>();
                var stream = ((StatementResult.Rows) r).rows();
                var e = assertThrows(MynodeException.class, () -> stream.forEachRemaining(seen::add));
                assertEquals(ErrorKind.CONSTRAINT, e.kind());
                assertEquals(5000, seen.size());
                assertEquals(new StatementResult.SchemaChanged("next"), s.execute("schema next"));
            }
        }

        @Test
        void anErrorInsideTheFirstChunkStillComesAfterItsRows() {
            try (Session s = connect().session()) {
                var stream = ((StatementResult.Rows) s.execute("rows-fail 10 3")).rows();
                List<List<Value>> seen = new ArrayList<>();
                var e = assertThrows(MynodeException.class, () -> stream.forEachRemaining(seen::add));
                assertEquals(ErrorKind.CONSTRAINT, e.kind());
                assertEquals(3, seen.size());
                assertFalse(stream.hasNext());
            }
        }

        @Test
        void aNodeThatIsNotServingYetIsUnavailable() {
            try (GrpcTransport starting = TestNodes.start(TestNodes.single("n2", Map.of()));
                    Connection c = new GrpcTransportProvider().connect(new HostPort("127.0.0.1", starting.port()))) {
                Session s = c.session();
                var e = assertThrows(UnavailableException.class, () -> s.execute("schema x"));
                assertTrue(e.getMessage().contains("not serving clients yet"), e.getMessage());
                assertThrows(UnavailableException.class, c::status);
                assertThrows(UnavailableException.class, c::tables);
                // Once served, the same connection works: a failed session start sent nothing.
                starting.serve(new ClientService(engine, () -> TestNodes.status("n2")));
                assertEquals("n2", c.status().nodeId());
                assertEquals(new StatementResult.SchemaChanged("x"), s.execute("schema x"));
            }
        }

        @Test
        void anUnreachableNodeIsUnavailable() {
            int port = TestNodes.freePorts("gone").get("gone");
            try (Connection c = new GrpcTransportProvider().connect(new HostPort("127.0.0.1", port))) {
                assertThrows(UnavailableException.class, c::status);
                Session s = c.session();
                assertThrows(UnavailableException.class, () -> s.execute("schema x"));
            }
        }

        @Test
        void aStatementWithoutAnswerInTimeHasAnUnknownOutcomeAndItsTransactionIsRolledBack() {
            Connection c = connect(new ClientSettings(Duration.ofSeconds(5), Duration.ofMillis(300), 32 << 20, 1));
            Session s = c.session();
            long txn = ((StatementResult.TransactionChanged) s.execute("begin")).id();
            assertThrows(OutcomeUnknownException.class, () -> s.execute("sleep 1500"));
            assertEquals(Optional.empty(), s.transaction());
            TestNodes.await("the node rolls back the abandoned transaction", Duration.ofSeconds(5),
                    () -> engine.rolledBackOnClose.contains(txn));
            // The session carries on with a fresh stream on the node.
            assertEquals(new StatementResult.SchemaChanged("again"), s.execute("schema again"));
        }

        @Test
        void anInterruptedStatementNeverHandsItsAnswerToTheNextOne() throws Exception {
            // A client that gives up on a call (e.g. with its own timeout) interrupts the waiting
            // thread; the late answer to "sleep" must not be read as the answer to "schema next".
            Session s = connect().session();
            Thread caller = Thread.currentThread();
            Thread interrupter = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ignored) {
                    return;
                }
                caller.interrupt();
            });
            interrupter.start();
            assertThrows(OutcomeUnknownException.class, () -> s.execute("sleep 800"));
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
            interrupter.join();
            Thread.sleep(1000); // the abandoned statement's answer would arrive now
            assertEquals(new StatementResult.SchemaChanged("next"), s.execute("schema next"));
        }

        @Test
        void aClosedSessionRefusesStatements() {
            Session s = connect().session();
            s.close();
            assertThrows(InvalidInputException.class, () -> s.execute("schema x"));
        }
    }

    @Nested
    class Streaming {
        @Test
        void largeResultsStreamInChunksAndTheNodeWaitsForTheClient() throws InterruptedException {
            try (Session s = connect().session()) {
                long before = engine.rowsProduced.get();
                int total = 300_000;
                StatementResult r = s.execute("rows " + total);
                RowStream rows = ((StatementResult.Rows) r).rows();
                assertTrue(rows.hasNext());
                Thread.sleep(300); // let the node run ahead as far as flow control allows
                long produced = engine.rowsProduced.get() - before;
                assertTrue(produced < total / 2, "the node produced " + produced + " rows ahead of a client that read one");
                long count = 0;
                long sum = 0;
                while (rows.hasNext()) {
                    sum += ((Value.Int) rows.next().get(0)).value();
                    count++;
                }
                assertEquals(total, count);
                assertEquals((long) total * (total - 1) / 2, sum);
            }
        }

        @Test
        void closingRowsEarlyStopsTheNodeAndTheSessionGoesOn() {
            try (Session s = connect().session()) {
                int closedBefore = engine.rowStreamsClosed.get();
                long before = engine.rowsProduced.get();
                StatementResult r = s.execute("rows 10000000");
                RowStream rows = ((StatementResult.Rows) r).rows();
                for (int i = 0; i < 10; i++) {
                    assertEquals(Value.of(i), rows.next().get(0));
                }
                rows.close();
                TestNodes.await("the node closes the row stream", Duration.ofSeconds(5),
                        () -> engine.rowStreamsClosed.get() > closedBefore);
                assertTrue(engine.rowsProduced.get() - before < 1_000_000);
                assertFalse(rows.hasNext());
                assertEquals(List.of(List.of(Value.of(0), Value.of("name-0"))), drain(s.execute("rows 1")));
            }
        }

        @Test
        void aStatementBeforeTheRowsAreDrainedCancelsThem() {
            try (Session s = connect().session()) {
                s.execute("rows 10000000");
                assertEquals(new StatementResult.SchemaChanged("after"), s.execute("schema after"));
            }
        }
    }

    @Nested
    class SessionState {
        @Test
        void eachStreamKeepsItsOwnTransaction() {
            Connection c = connect();
            try (Session a = c.session(); Session b = c.session()) {
                var began = (StatementResult.TransactionChanged) a.execute("begin");
                assertEquals(Optional.of(new Session.TransactionInfo(began.id(), began.version(), false)), a.transaction());
                assertEquals(Optional.empty(), b.transaction());
                b.execute("schema b works alone");
                assertEquals(Optional.empty(), b.transaction());
                assertTrue(a.transaction().isPresent());
                var committed = (StatementResult.TransactionChanged) a.execute("commit");
                assertEquals(began.id(), committed.id());
                assertEquals(Optional.empty(), a.transaction());
            }
        }

        @Test
        void theTransactionIsReportedAfterErrorsAndRows() {
            try (Session s = connect().session()) {
                s.execute("begin read only");
                assertThrows(MynodeException.class, () -> s.execute("fail READ_ONLY no writes here"));
                assertTrue(s.transaction().orElseThrow().readOnly());
                drain(s.execute("rows 10"));
                assertTrue(s.transaction().isPresent());
                s.execute("rollback");
                assertEquals(Optional.empty(), s.transaction());
            }
        }

        @Test
        void closingTheSessionRollsBackOnTheNode() {
            Session s = connect().session();
            long txn = ((StatementResult.TransactionChanged) s.execute("begin")).id();
            s.close();
            TestNodes.await("rollback of " + txn, Duration.ofSeconds(5), () -> engine.rolledBackOnClose.contains(txn));
        }

        @Test
        void closingTheConnectionRollsBackEverySession() {
            Connection c = connect();
            long t1 = ((StatementResult.TransactionChanged) c.session().execute("begin")).id();
            long t2 = ((StatementResult.TransactionChanged) c.session().execute("begin")).id();
            c.close();
            TestNodes.await("rollback of " + t1 + " and " + t2, Duration.ofSeconds(5),
                    () -> engine.rolledBackOnClose.containsAll(List.of(t1, t2)));
        }

        @Test
        void aSessionOpenedBeforeANodeRestartRunsItsFirstStatementAfterIt() {
            var ports = TestNodes.freePorts("n4");
            FakeSqlEngine own = new FakeSqlEngine();
            GrpcTransport first = TestNodes.start(TestNodes.member("n4", ports, Map.of()));
            first.serve(new ClientService(own, () -> TestNodes.status("n4")));
            GrpcTransport second = null;
            try (Connection c = new GrpcTransportProvider().connect(new HostPort("127.0.0.1", ports.get("n4")))) {
                Session s = c.session();
                TestNodes.await("the node opened the session", Duration.ofSeconds(5),
                        () -> first.clientEndpoint().openSessions() == 1);
                first.close();
                second = TestNodes.start(TestNodes.member("n4", ports, Map.of()));
                second.serve(new ClientService(own, () -> TestNodes.status("n4")));
                // Nothing was sent on the old stream, so this is neither lost nor of unknown outcome.
                assertEquals(new StatementResult.SchemaChanged("fresh"), s.execute("schema fresh"));
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }

        @Test
        void aLostStreamAbortsTheOpenTransactionOnce() {
            FakeSqlEngine own = new FakeSqlEngine();
            GrpcTransport node = TestNodes.start(TestNodes.single("n3", Map.of()));
            node.serve(new ClientService(own, () -> TestNodes.status("n3")));
            try (Connection c = new GrpcTransportProvider().connect(new HostPort("127.0.0.1", node.port()))) {
                Session s = c.session();
                s.execute("begin");
                node.close();
                TestNodes.await("the node rolls back", Duration.ofSeconds(5), () -> own.rolledBackOnClose.size() == 1);
                assertThrows(AbortedException.class, () -> s.execute("schema x"));
                assertEquals(Optional.empty(), s.transaction());
                // The node is gone: the next statement cannot even open a stream.
                assertThrows(UnavailableException.class, () -> s.execute("schema x"));
            } finally {
                node.close();
            }
        }
    }
}
