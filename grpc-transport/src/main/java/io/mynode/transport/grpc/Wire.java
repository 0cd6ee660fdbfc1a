package io.mynode.transport.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.ErrorKind;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.OutcomeUnknownException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.sql.Fetch;
import io.mynode.kernel.sql.ResultColumn;
import io.mynode.kernel.sql.Session.TransactionInfo;
import io.mynode.kernel.sql.SqlType;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.transport.NodeStatus;
import io.mynode.transport.grpc.proto.Column;
import io.mynode.transport.grpc.proto.Completed;
import io.mynode.transport.grpc.proto.Detail;
import io.mynode.transport.grpc.proto.Explain;
import io.mynode.transport.grpc.proto.Failed;
import io.mynode.transport.grpc.proto.MatchIndex;
import io.mynode.transport.grpc.proto.NodeAddress;
import io.mynode.transport.grpc.proto.Row;
import io.mynode.transport.grpc.proto.RowsAffected;
import io.mynode.transport.grpc.proto.RowsHeader;
import io.mynode.transport.grpc.proto.SchemaChanged;
import io.mynode.transport.grpc.proto.Transaction;
import io.mynode.transport.grpc.proto.TransactionChanged;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Conversions between the kernel's records and the protobuf messages, both ways, and between the
 * kernel's error family and gRPC statuses. Everything protobuf stops here: no other class of mynode
 * sees a generated type.
 *
 * <p>Decoding is strict: a message that is well-formed protobuf but breaks the protocol (a value
 * with no kind, an unknown error kind, an unspecified enum) is an {@link ProtocolViolation}, which
 * the server turns into INVALID_ARGUMENT and the client into an internal failure.
 */
final class Wire {
    /** Trailer that carries the kernel error kind of a failed unary call. */
    static final Metadata.Key<String> ERROR_KIND = Metadata.Key.of("mynode-error-kind", Metadata.ASCII_STRING_MARSHALLER);

    /** Trailer that carries the SQLSTATE of a failed unary call. */
    static final Metadata.Key<String> SQL_STATE = Metadata.Key.of("mynode-sql-state", Metadata.ASCII_STRING_MARSHALLER);

    private Wire() {}

    /** A peer or client broke the protocol; the message says how. */
    static final class ProtocolViolation extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProtocolViolation(String message) {
            super(message, null, false, false);
        }
    }

    // ----- values and rows

    static io.mynode.transport.grpc.proto.Value value(Value v) {
        var b = io.mynode.transport.grpc.proto.Value.newBuilder();
        return switch (v) {
            case Value.Null n -> b.setNull(true).build();
            case Value.Bool x -> b.setBoolean(x.value()).build();
            case Value.Int x -> b.setInteger(x.value()).build();
            case Value.Float x -> b.setFloat(x.value()).build();
            case Value.Str x -> b.setString(x.value()).build();
        };
    }

    static Value value(io.mynode.transport.grpc.proto.Value v) {
        return switch (v.getKindCase()) {
            case NULL -> Value.NULL;
            case BOOLEAN -> Value.of(v.getBoolean());
            case INTEGER -> Value.of(v.getInteger());
            case FLOAT -> Value.of(v.getFloat());
            case STRING -> new Value.Str(v.getString());
            case KIND_NOT_SET -> throw new ProtocolViolation("a value has no kind");
        };
    }

    static Row row(List<Value> values) {
        Row.Builder b = Row.newBuilder();
        for (Value v : values) {
            b.addValues(value(v));
        }
        return b.build();
    }

    static List<Value> row(Row row) {
        List<Value> values = new ArrayList<>(row.getValuesCount());
        for (var v : row.getValuesList()) {
            values.add(value(v));
        }
        return values;
    }

    // ----- types and columns

    static io.mynode.transport.grpc.proto.SqlType sqlType(SqlType t) {
        return switch (t) {
            case BOOLEAN -> io.mynode.transport.grpc.proto.SqlType.SQL_TYPE_BOOLEAN;
            case INTEGER -> io.mynode.transport.grpc.proto.SqlType.SQL_TYPE_INTEGER;
            case FLOAT -> io.mynode.transport.grpc.proto.SqlType.SQL_TYPE_FLOAT;
            case STRING -> io.mynode.transport.grpc.proto.SqlType.SQL_TYPE_STRING;
            case NULL -> io.mynode.transport.grpc.proto.SqlType.SQL_TYPE_NULL;
        };
    }

    static SqlType sqlType(io.mynode.transport.grpc.proto.SqlType t) {
        return switch (t) {
            case SQL_TYPE_BOOLEAN -> SqlType.BOOLEAN;
            case SQL_TYPE_INTEGER -> SqlType.INTEGER;
            case SQL_TYPE_FLOAT -> SqlType.FLOAT;
            case SQL_TYPE_STRING -> SqlType.STRING;
            case SQL_TYPE_NULL -> SqlType.NULL;
            case SQL_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw new ProtocolViolation("a type is unspecified or unknown");
        };
    }

    static List<io.mynode.transport.grpc.proto.SqlType> sqlTypes(List<SqlType> types) {
        return types.stream().map(Wire::sqlType).toList();
    }

    static List<SqlType> sqlTypes(Collection<io.mynode.transport.grpc.proto.SqlType> types) {
        return types.stream().map(Wire::sqlType).toList();
    }

    static Column column(ResultColumn c) {
        return Column.newBuilder().setName(c.name()).setType(sqlType(c.type())).setNullability(switch (c.nullability()) {
            case NOT_NULL -> Column.Nullability.NOT_NULL;
            case NULLABLE -> Column.Nullability.NULLABLE;
            case UNKNOWN -> Column.Nullability.UNKNOWN;
        }).build();
    }

    static ResultColumn column(Column c) {
        return new ResultColumn(c.getName(), sqlType(c.getType()), switch (c.getNullability()) {
            case NOT_NULL -> ResultColumn.Nullability.NOT_NULL;
            case NULLABLE -> ResultColumn.Nullability.NULLABLE;
            case UNKNOWN -> ResultColumn.Nullability.UNKNOWN;
            case NULLABILITY_UNSPECIFIED, UNRECOGNIZED -> throw new ProtocolViolation("a column's nullability is unspecified");
        });
    }

    static List<Column> columns(List<ResultColumn> columns) {
        return columns.stream().map(Wire::column).toList();
    }

    static List<ResultColumn> columns(Collection<Column> columns) {
        return columns.stream().map(Wire::column).toList();
    }

    /**
     * A row header's columns: typed when the node described them, else (an older node) named
     * only; a header whose two lists disagree breaks the protocol.
     */
    static List<ResultColumn> columns(RowsHeader header) {
        if (header.getDescribedCount() == 0) {
            return header.getColumnsList().stream().map(ResultColumn::untyped).toList();
        }
        if (header.getDescribedCount() != header.getColumnsCount()) {
            throw new ProtocolViolation("a row header names " + header.getColumnsCount() + " columns but describes "
                    + header.getDescribedCount());
        }
        return columns(header.getDescribedList());
    }

    static io.mynode.transport.grpc.proto.Fetch fetch(Fetch f) {
        return io.mynode.transport.grpc.proto.Fetch.newBuilder().setSize(f.size()).setMaxRows(f.maxRows()).build();
    }

    static Fetch fetch(boolean present, io.mynode.transport.grpc.proto.Fetch f) {
        if (!present) {
            return Fetch.DEFAULT;
        }
        if (f.getSize() < 0 || f.getMaxRows() < 0) {
            throw new ProtocolViolation("a fetch size or row limit is negative");
        }
        return new Fetch(f.getSize(), f.getMaxRows());
    }

    // ----- statement results without rows

    static Completed completed(StatementResult result, Optional<TransactionInfo> txn) {
        Completed.Builder b = Completed.newBuilder();
        switch (result) {
            case StatementResult.Rows r -> throw new IllegalArgumentException("rows are streamed, not completed");
            case StatementResult.RowsAffected r -> b.setRowsAffected(RowsAffected.newBuilder()
                    .setVerb(switch (r.verb()) {
                        case CREATED -> RowsAffected.Verb.CREATED;
                        case UPDATED -> RowsAffected.Verb.UPDATED;
                        case DELETED -> RowsAffected.Verb.DELETED;
                    })
                    .setCount(r.count()));
            case StatementResult.SchemaChanged s -> b.setSchemaChanged(SchemaChanged.newBuilder().setMessage(s.message()));
            case StatementResult.TransactionChanged t -> b.setTransactionChanged(TransactionChanged.newBuilder()
                    .setAction(switch (t.action()) {
                        case BEGAN -> TransactionChanged.Action.BEGAN;
                        case COMMITTED -> TransactionChanged.Action.COMMITTED;
                        case ROLLED_BACK -> TransactionChanged.Action.ROLLED_BACK;
                    })
                    .setId(t.id())
                    .setVersion(t.version())
                    .setReadOnly(t.readOnly()));
            case StatementResult.Explain e -> b.setExplain(Explain.newBuilder().setPlan(e.plan()));
        }
        txn.ifPresent(t -> b.setTransaction(transaction(t)));
        return b.build();
    }

    static StatementResult completed(Completed c) {
        return switch (c.getResultCase()) {
            case ROWS_AFFECTED -> new StatementResult.RowsAffected(
                    switch (c.getRowsAffected().getVerb()) {
                        case CREATED -> StatementResult.RowsAffected.Verb.CREATED;
                        case UPDATED -> StatementResult.RowsAffected.Verb.UPDATED;
                        case DELETED -> StatementResult.RowsAffected.Verb.DELETED;
                        case VERB_UNSPECIFIED, UNRECOGNIZED -> throw new ProtocolViolation("rows affected without a verb");
                    },
                    c.getRowsAffected().getCount());
            case SCHEMA_CHANGED -> new StatementResult.SchemaChanged(c.getSchemaChanged().getMessage());
            case TRANSACTION_CHANGED -> {
                TransactionChanged t = c.getTransactionChanged();
                yield new StatementResult.TransactionChanged(
                        switch (t.getAction()) {
                            case BEGAN -> StatementResult.TransactionChanged.Action.BEGAN;
                            case COMMITTED -> StatementResult.TransactionChanged.Action.COMMITTED;
                            case ROLLED_BACK -> StatementResult.TransactionChanged.Action.ROLLED_BACK;
                            case ACTION_UNSPECIFIED, UNRECOGNIZED ->
                                    throw new ProtocolViolation("transaction change without an action");
                        },
                        t.getId(), t.getVersion(), t.getReadOnly());
            }
            case EXPLAIN -> new StatementResult.Explain(c.getExplain().getPlan());
            case RESULT_NOT_SET -> throw new ProtocolViolation("a completed statement has no result");
        };
    }

    static Transaction transaction(TransactionInfo t) {
        return Transaction.newBuilder().setId(t.id()).setVersion(t.version()).setReadOnly(t.readOnly()).build();
    }

    /** The transaction a terminal message reports; empty when the field is absent. */
    static Optional<TransactionInfo> transaction(boolean present, Transaction t) {
        return present ? Optional.of(new TransactionInfo(t.getId(), t.getVersion(), t.getReadOnly())) : Optional.empty();
    }

    // ----- errors

    static Failed failed(MynodeException e, Optional<TransactionInfo> txn) {
        Failed.Builder b = Failed.newBuilder().setKind(e.kind().name()).setMessage(messageOf(e))
                .setSqlState(e.sqlState().code());
        txn.ifPresent(t -> b.setTransaction(transaction(t)));
        return b.build();
    }

    static MynodeException failed(Failed f) {
        return MynodeException.of(errorKind(f.getKind()), sqlState(f.getSqlState()), f.getMessage());
    }

    /** A SQLSTATE from the wire; absent (an older node) or malformed: the kind's default. */
    static SqlState sqlState(String code) {
        return SqlState.wellFormed(code) ? new SqlState(code) : null;
    }

    static ErrorKind errorKind(String name) {
        try {
            return ErrorKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ProtocolViolation("unknown error kind '" + name + "'");
        }
    }

    static String messageOf(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A kernel error as a gRPC status, the kind in a trailer so the client rebuilds the same exception. */
    static StatusRuntimeException status(MynodeException e) {
        Status code = switch (e.kind()) {
            case UNAVAILABLE -> Status.UNAVAILABLE;
            case ABORTED, SERIALIZATION -> Status.ABORTED;
            case INVALID_INPUT, SYNTAX, SEMANTIC, CONFIG -> Status.INVALID_ARGUMENT;
            case CONSTRAINT, READ_ONLY -> Status.FAILED_PRECONDITION;
            case CORRUPTION -> Status.DATA_LOSS;
            case IO, INTERNAL -> Status.INTERNAL;
            case OUTCOME_UNKNOWN -> Status.UNKNOWN;
        };
        Metadata trailers = new Metadata();
        trailers.put(ERROR_KIND, e.kind().name());
        trailers.put(SQL_STATE, e.sqlState().code());
        return code.withDescription(messageOf(e)).asRuntimeException(trailers);
    }

    /**
     * A failed call as a kernel error. A status the server made from a kernel error comes back as
     * that error; a transport failure becomes unavailable when nothing can have taken effect (a
     * one-shot read) and outcome-unknown when {@code mayHaveTakenEffect}.
     */
    static MynodeException error(Throwable t, String what, boolean mayHaveTakenEffect) {
        Status status = Status.fromThrowable(t);
        Metadata trailers = Status.trailersFromThrowable(t);
        String kind = trailers == null ? null : trailers.get(ERROR_KIND);
        String detail = status.getDescription() == null ? status.getCode().name()
                : status.getCode() + ": " + status.getDescription();
        if (kind != null) {
            try {
                return MynodeException.of(ErrorKind.valueOf(kind), sqlState(trailers.get(SQL_STATE)), status.getDescription());
            } catch (IllegalArgumentException unknownKind) {
                // A newer server's kind: fall through and report the status as it is.
            }
        }
        return switch (status.getCode()) {
            case UNAVAILABLE, CANCELLED -> mayHaveTakenEffect
                    ? new OutcomeUnknownException(what + ": connection lost (" + detail + ")", t)
                    : new UnavailableException(SqlState.UNABLE_TO_CONNECT, what + ": " + detail, t);
            case DEADLINE_EXCEEDED -> mayHaveTakenEffect
                    ? new OutcomeUnknownException(what + ": no answer in time (" + detail + ")", t)
                    : new UnavailableException(SqlState.UNABLE_TO_CONNECT, what + ": no answer in time (" + detail + ")", t);
            case INVALID_ARGUMENT, RESOURCE_EXHAUSTED, OUT_OF_RANGE ->
                    MynodeException.of(ErrorKind.INVALID_INPUT, what + ": " + detail);
            default -> MynodeException.of(ErrorKind.INTERNAL, what + ": " + detail);
        };
    }

    // ----- status

    static io.mynode.transport.grpc.proto.NodeStatus status(NodeStatus s) {
        ConsensusStatus c = s.consensus();
        var cb = io.mynode.transport.grpc.proto.ConsensusStatus.newBuilder()
                .setNodeId(c.nodeId())
                .setRole(c.role())
                .setTerm(c.term())
                .setCommitIndex(c.commitIndex())
                .setAppliedIndex(c.appliedIndex());
        c.leader().ifPresent(cb::setLeader);
        c.matchIndex().forEach((node, index) -> cb.addMatchIndex(MatchIndex.newBuilder().setNodeId(node).setIndex(index)));
        StorageStatus st = s.storage();
        var sb = io.mynode.transport.grpc.proto.StorageStatus.newBuilder()
                .setEngine(st.engine())
                .setKeys(st.keys())
                .setDiskBytes(st.diskBytes());
        st.details().forEach((k, v) -> sb.addDetails(Detail.newBuilder().setName(k).setValue(v)));
        var nb = io.mynode.transport.grpc.proto.NodeStatus.newBuilder()
                .setNodeId(s.nodeId())
                .setClusterId(s.clusterId())
                .setVersion(s.version())
                .setConsensus(cb)
                .setStorage(sb);
        s.addresses().forEach((node, address) -> nb.addAddresses(
                NodeAddress.newBuilder().setNodeId(node).setHost(address.host()).setPort(address.port())));
        return nb.build();
    }

    static NodeStatus status(io.mynode.transport.grpc.proto.NodeStatus s) {
        var c = s.getConsensus();
        Map<String, Long> match = new LinkedHashMap<>();
        for (MatchIndex m : c.getMatchIndexList()) {
            match.put(m.getNodeId(), m.getIndex());
        }
        Map<String, HostPort> addresses = new LinkedHashMap<>();
        for (NodeAddress a : s.getAddressesList()) {
            try {
                addresses.put(a.getNodeId(), new HostPort(a.getHost(), a.getPort()));
            } catch (ConfigException e) {
                throw new ProtocolViolation("node " + a.getNodeId() + " has a malformed address: " + e.getMessage());
            }
        }
        var st = s.getStorage();
        Map<String, String> details = new LinkedHashMap<>();
        for (Detail d : st.getDetailsList()) {
            details.put(d.getName(), d.getValue());
        }
        return new NodeStatus(
                s.getNodeId(),
                s.getClusterId(),
                s.getVersion(),
                new ConsensusStatus(c.getNodeId(), c.getRole(),
                        c.hasLeader() ? Optional.of(c.getLeader()) : Optional.empty(),
                        c.getTerm(), c.getCommitIndex(), c.getAppliedIndex(), java.util.Collections.unmodifiableMap(match)),
                new StorageStatus(st.getEngine(), st.getKeys(), st.getDiskBytes(), details),
                addresses);
    }
}
