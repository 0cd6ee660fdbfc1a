package io.mynode.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.grpc.Status;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.error.ErrorKind;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.OutcomeUnknownException;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.sql.Session.TransactionInfo;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.transport.NodeStatus;
import io.mynode.transport.grpc.proto.Completed;
import io.mynode.transport.grpc.proto.Failed;
import io.mynode.transport.grpc.proto.RowsAffected;
import io.mynode.transport.grpc.proto.TransactionChanged;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The conversions between kernel records and protobuf, without a network. */
class WireTests {

    @Nested
    class Values {
        @Test
        void edgeValuesSurviveTheRoundTrip() {
            List<Value> row = List.of(Value.of(Long.MAX_VALUE), Value.of(Long.MIN_VALUE), Value.of(0L), Value.of(-0.0),
                    Value.of(Double.MIN_VALUE), Value.of(Double.POSITIVE_INFINITY), Value.of(""), Value.FALSE, Value.NULL,
                    Value.of("\u0000 and 😀"));
            assertEquals(row, Wire.row(Wire.row(row)));
            assertEquals(Double.doubleToRawLongBits(-0.0),
                    Double.doubleToRawLongBits(((Value.Float) Wire.row(Wire.row(row)).get(3)).value()));
        }

        @Test
        void aValueWithoutAKindIsAProtocolViolation() {
            assertThrows(Wire.ProtocolViolation.class,
                    () -> Wire.value(io.mynode.transport.grpc.proto.Value.getDefaultInstance()));
        }
    }

    @Nested
    class Results {
        @Test
        void aCompletedStatementWithoutAResultIsAProtocolViolation() {
            assertThrows(Wire.ProtocolViolation.class, () -> Wire.completed(Completed.getDefaultInstance()));
        }

        @Test
        void unspecifiedEnumsAreProtocolViolations() {
            assertThrows(Wire.ProtocolViolation.class, () -> Wire.completed(Completed.newBuilder()
                    .setRowsAffected(RowsAffected.newBuilder().setCount(1)).build()));
            assertThrows(Wire.ProtocolViolation.class, () -> Wire.completed(Completed.newBuilder()
                    .setTransactionChanged(TransactionChanged.newBuilder().setId(1)).build()));
        }

        @Test
        void theTransactionRidesWithTheResult() {
            var txn = new TransactionInfo(7, 70, true);
            Completed c = Wire.completed(new StatementResult.SchemaChanged("x"), Optional.of(txn));
            assertEquals(Optional.of(txn), Wire.transaction(c.hasTransaction(), c.getTransaction()));
            Completed none = Wire.completed(new StatementResult.SchemaChanged("x"), Optional.empty());
            assertEquals(Optional.empty(), Wire.transaction(none.hasTransaction(), none.getTransaction()));
        }

        @Test
        void rowsAreNeverSentAsACompletedStatement() {
            var rows = StatementResult.Rows.untyped(List.of(), io.mynode.kernel.sql.RowStream.of(List.<List<Value>>of().iterator()));
            assertThrows(IllegalArgumentException.class, () -> Wire.completed(rows, Optional.empty()));
        }
    }

    @Nested
    class Errors {
        @ParameterizedTest
        @EnumSource(ErrorKind.class)
        void aStatementErrorKeepsItsKindAndMessage(ErrorKind kind) {
            Failed f = Wire.failed(MynodeException.of(kind, "why: " + kind), Optional.empty());
            MynodeException back = Wire.failed(f);
            assertEquals(kind, back.kind());
            assertEquals("why: " + kind, back.getMessage());
        }

        @ParameterizedTest
        @EnumSource(ErrorKind.class)
        void aCallErrorKeepsItsKindThroughTheStatusTrailer(ErrorKind kind) {
            var status = Wire.status(MynodeException.of(kind, "because"));
            MynodeException back = Wire.error(status, "doing it", true);
            assertEquals(kind, back.kind());
            assertEquals("because", back.getMessage());
        }

        @Test
        void anUnknownKindFromTheWireIsAProtocolViolation() {
            assertThrows(Wire.ProtocolViolation.class,
                    () -> Wire.failed(Failed.newBuilder().setKind("FROM_THE_FUTURE").setMessage("m").build()));
        }

        @Test
        void anUnknownKindInATrailerFallsBackToTheStatusCode() {
            Metadata trailers = new Metadata();
            trailers.put(Wire.ERROR_KIND, "FROM_THE_FUTURE");
            var e = Wire.error(Status.INVALID_ARGUMENT.withDescription("d").asRuntimeException(trailers), "x", false);
            assertInstanceOf(InvalidInputException.class, e);
        }

        @Test
        void transportFailuresAreUnavailableOrOutcomeUnknownByWhetherTheCallMayHaveActed() {
            var unavailable = Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException();
            assertInstanceOf(UnavailableException.class, Wire.error(unavailable, "status", false));
            assertInstanceOf(OutcomeUnknownException.class, Wire.error(unavailable, "commit", true));
            var late = Status.DEADLINE_EXCEEDED.asRuntimeException();
            assertInstanceOf(UnavailableException.class, Wire.error(late, "status", false));
            assertInstanceOf(OutcomeUnknownException.class, Wire.error(late, "commit", true));
            var e = Wire.error(Status.INTERNAL.withDescription("oops").asRuntimeException(), "tables", false);
            assertInstanceOf(InternalFailure.class, e);
            assertTrue(e.getMessage().contains("tables") && e.getMessage().contains("oops"), e.getMessage());
        }
    }

    @Test
    void aStatusWithoutLeaderOrFiguresRoundTrips() {
        NodeStatus s = new NodeStatus("n9", "test-cluster", "0.1.0",
                new ConsensusStatus("n9", "follower", Optional.empty(), 0, 0, 0, Map.of()),
                new StorageStatus("lsm", 0, 0, Map.of()), Map.of());
        assertEquals(s, Wire.status(Wire.status(s)));
        NodeStatus full = TestNodes.status("n1");
        assertEquals(full, Wire.status(Wire.status(full)));
    }

    @Test
    void aStatusKeepsEveryNodesAddressInTheOrderTheNodeGaveThem() {
        NodeStatus decoded = Wire.status(Wire.status(TestNodes.status("n1")));
        assertEquals(List.of("n3", "n1"), List.copyOf(decoded.addresses().keySet()));
        assertEquals(new HostPort("node-three.example", 9603), decoded.addresses().get("n3"));
        assertEquals(new HostPort("127.0.0.1", 9601), decoded.addresses().get("n1"));
    }

    @Test
    void aStatusWithAMalformedAddressIsAProtocolViolationNamingTheNode() {
        var bad = Wire.status(TestNodes.status("n1")).toBuilder()
                .addAddresses(io.mynode.transport.grpc.proto.NodeAddress.newBuilder()
                        .setNodeId("n7").setHost("10.0.0.7").setPort(70_000))
                .build();
        var e = assertThrows(Wire.ProtocolViolation.class, () -> Wire.status(bad));
        assertTrue(e.getMessage().contains("n7") && e.getMessage().contains("70000"), e.getMessage());
        var noHost = Wire.status(TestNodes.status("n1")).toBuilder()
                .addAddresses(io.mynode.transport.grpc.proto.NodeAddress.newBuilder().setNodeId("n8").setPort(9608))
                .build();
        assertThrows(Wire.ProtocolViolation.class, () -> Wire.status(noHost));
    }
}
