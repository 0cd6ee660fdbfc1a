package io.mynode.transport.grpc;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.mynode.kernel.error.AbortedException;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.OutcomeUnknownException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.sql.BatchResult;
import io.mynode.kernel.sql.Fetch;
import io.mynode.kernel.sql.Prepared;
import io.mynode.kernel.sql.ResultColumn;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlType;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import io.mynode.transport.grpc.proto.Cancel;
import io.mynode.transport.grpc.proto.ClientGrpc;
import io.mynode.transport.grpc.proto.ClosePrepared;
import io.mynode.transport.grpc.proto.DeclaredType;
import io.mynode.transport.grpc.proto.Execute;
import io.mynode.transport.grpc.proto.ExecuteBatch;
import io.mynode.transport.grpc.proto.ExecutePrepared;
import io.mynode.transport.grpc.proto.Prepare;
import io.mynode.transport.grpc.proto.Row;
import io.mynode.transport.grpc.proto.SessionRequest;
import io.mynode.transport.grpc.proto.SessionResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A SQL session on a remote node: one {@code Client.Session} stream, whose server side holds the
 * session's state (its open transaction) for as long as the stream lives.
 *
 * <p>Failures and what they mean for the caller:
 * <ul>
 *   <li>the stream cannot be opened (node down, not serving yet): {@link UnavailableException};
 *       nothing was sent, so retrying is safe;
 *   <li>the stream breaks, the node stays silent for {@code statementTimeout}, or the caller's
 *       thread is interrupted, while a statement is running: {@link OutcomeUnknownException}, since it may have committed; the
 *       stream is dropped, which rolls back whatever the node still holds;
 *   <li>the stream broke while the session sat idle inside a transaction: the next statement
 *       fails once with {@link AbortedException} (the transaction is gone), then the session
 *       starts afresh on a new stream.
 * </ul>
 *
 * <p>Rows arrive in chunks and are decoded as the caller iterates; the client asks gRPC for the
 * next message only as it consumes one, so a large result never piles up in the client's memory
 * and the node's worker waits for the client (see {@link ServerSession}). Not thread-safe, as the
 * {@link Session} contract says, except that {@link #close} may come from the connection's close.
 */
final class RemoteSession implements Session {
    /** Messages gRPC may deliver ahead of the consumer. */
    private static final int WINDOW = 4;

    private final RemoteConnection connection;
    /** Prepared statements closed since the last request, to forget on the node with the next. */
    private final List<Integer> pendingCloses = new ArrayList<>();
    private int statementIds;
    private Stream stream;
    private Optional<TransactionInfo> transaction = Optional.empty();
    private RemoteRows rows;
    private volatile boolean closed;

    RemoteSession(RemoteConnection connection) {
        this.connection = connection;
        this.stream = new Stream();
    }

    @Override
    public StatementResult execute(String sql) {
        return execute(sql, Fetch.DEFAULT);
    }

    @Override
    public StatementResult execute(String sql, Fetch fetch) {
        Execute.Builder e = Execute.newBuilder().setSql(sql);
        if (!fetch.equals(Fetch.DEFAULT)) {
            e.setFetch(Wire.fetch(fetch));
        }
        Stream s = ready();
        return answer(s, SessionRequest.newBuilder().setExecute(e).build(), "running a statement");
    }

    @Override
    public Prepared prepare(String sql, Map<Integer, SqlType> declaredTypes) {
        return new RemotePrepared(this, sql, declaredTypes);
    }

    @Override
    public BatchResult executeBatch(List<String> statements) {
        Stream s = ready();
        return batch(s, SessionRequest.newBuilder().setExecuteBatch(ExecuteBatch.newBuilder().addAllStatements(statements))
                .build());
    }

    /** A statement prepared on a stream, as the node described it. */
    record Described(Stream stream, List<SqlType> parameterTypes, List<ResultColumn> columns) {}

    /** Prepares {@code sql} on the session's current stream under the id {@code id}. */
    Described prepare(String sql, Map<Integer, SqlType> declaredTypes, int id) {
        Stream s = ready();
        Prepare.Builder p = Prepare.newBuilder().setStatementId(id).setSql(sql);
        declaredTypes.forEach((n, t) -> p.addDeclaredTypes(DeclaredType.newBuilder().setParameter(n).setType(Wire.sqlType(t))));
        SessionResponse first = exchange(s, SessionRequest.newBuilder().setPrepare(p).build(), "preparing a statement");
        try {
            switch (first.getKindCase()) {
                case PREPARED -> {
                    var r = first.getPrepared();
                    transaction = Wire.transaction(r.hasTransaction(), r.getTransaction());
                    return new Described(s, Wire.sqlTypes(r.getParameterTypesList()), Wire.columns(r.getColumnsList()));
                }
                case FAILED -> throw failed(first.getFailed());
                default -> throw new Wire.ProtocolViolation("unexpected " + first.getKindCase() + " answering a Prepare");
            }
        } catch (Wire.ProtocolViolation e) {
            drop();
            throw malformed(e);
        }
    }

    /** A fresh statement id for this session; ids are never reused, so a late close cannot hit a newer statement. */
    int nextStatementId() {
        return ++statementIds;
    }

    /** Whether {@code s} is still this session's stream (prepared statements live on one stream). */
    boolean current(Stream s) {
        return stream == s && !s.endedIdle();
    }

    /** Forgets a prepared statement on the node; sent with the next request, so it costs no round trip. */
    void closeLater(Stream s, int id) {
        if (stream == s && !closed) {
            pendingCloses.add(id);
        }
    }

    StatementResult executePrepared(Stream s, int id, List<Value> values, Fetch fetch) {
        ExecutePrepared.Builder e = ExecutePrepared.newBuilder().setStatementId(id);
        for (Value v : values) {
            e.addParameters(Wire.value(v));
        }
        if (!fetch.equals(Fetch.DEFAULT)) {
            e.setFetch(Wire.fetch(fetch));
        }
        return answer(s, SessionRequest.newBuilder().setExecutePrepared(e).build(), "running a prepared statement");
    }

    BatchResult batchPrepared(Stream s, int id, List<List<Value>> sets) {
        ExecuteBatch.Builder b = ExecuteBatch.newBuilder().setStatementId(id);
        for (List<Value> set : sets) {
            b.addParameterSets(Wire.row(set));
        }
        return batch(s, SessionRequest.newBuilder().setExecuteBatch(b).build());
    }

    /**
     * The stream for the next request, once the previous request's rows are closed: a new one if
     * the old one ended while idle (failing once with {@link AbortedException} if that lost an
     * open transaction), opened and ready.
     */
    Stream ready() {
        if (closed) {
            throw new InvalidInputException(SqlState.CONNECTION_DOES_NOT_EXIST, "the session is closed");
        }
        if (rows != null) {
            rows.close();
        }
        if (stream != null) {
            stream.skipOpened();
        }
        if (stream == null || stream.endedIdle()) {
            if (stream != null && transaction.isPresent()) {
                long id = transaction.get().id();
                drop();
                throw new AbortedException("the connection to " + connection.address()
                        + " was lost; transaction " + id + " was rolled back");
            }
            stream = new Stream();
            pendingCloses.clear();
        }
        Stream s = stream;
        s.awaitOpened();
        return s;
    }

    /** Sends {@code request} (after any pending closes) on {@code s} and returns the first answer. */
    private SessionResponse exchange(Stream s, SessionRequest request, String what) {
        if (request.getSerializedSize() > s.maxMessageBytes - 64) {
            throw new InvalidInputException(SqlState.PROGRAM_LIMIT_EXCEEDED, "the request is " + request.getSerializedSize()
                    + " bytes long; node " + connection.address() + " accepts at most " + s.maxMessageBytes);
        }
        if (!pendingCloses.isEmpty()) {
            s.send(SessionRequest.newBuilder().setClosePrepared(ClosePrepared.newBuilder().addAllStatementIds(pendingCloses))
                    .build());
            pendingCloses.clear();
        }
        s.send(request);
        return s.next(what);
    }

    /** Sends a statement and turns the node's first answer into its result (rows stream on). */
    private StatementResult answer(Stream s, SessionRequest request, String what) {
        SessionResponse first = exchange(s, request, what);
        try {
            return switch (first.getKindCase()) {
                case COMPLETED -> {
                    var c = first.getCompleted();
                    transaction = Wire.transaction(c.hasTransaction(), c.getTransaction());
                    yield Wire.completed(c);
                }
                case HEADER -> {
                    var header = first.getHeader();
                    List<ResultColumn> columns = Wire.columns(header);
                    RemoteRows r = new RemoteRows(s, header.getRowsList().iterator());
                    if (header.getComplete()) {
                        transaction = Wire.transaction(header.hasTransaction(), header.getTransaction());
                        r.done = true;
                    } else {
                        rows = r;
                    }
                    yield new StatementResult.Rows(columns, r);
                }
                case FAILED -> throw failed(first.getFailed());
                case CHUNK, END, OPENED, PREPARED, BATCH_COMPLETED, KIND_NOT_SET ->
                        throw new Wire.ProtocolViolation("unexpected " + first.getKindCase() + " as a statement's first answer");
            };
        } catch (Wire.ProtocolViolation e) {
            drop();
            throw malformed(e);
        }
    }

    private BatchResult batch(Stream s, SessionRequest request) {
        SessionResponse first = exchange(s, request, "running a batch");
        try {
            switch (first.getKindCase()) {
                case BATCH_COMPLETED -> {
                    var b = first.getBatchCompleted();
                    transaction = Wire.transaction(b.hasTransaction(), b.getTransaction());
                    List<StatementResult> results = new ArrayList<>(b.getResultsCount());
                    for (var c : b.getResultsList()) {
                        results.add(Wire.completed(c));
                    }
                    return new BatchResult(results, b.hasFailure() ? Optional.of(Wire.failed(b.getFailure())) : Optional.empty());
                }
                case FAILED -> throw failed(first.getFailed());
                default -> throw new Wire.ProtocolViolation("unexpected " + first.getKindCase() + " answering a batch");
            }
        } catch (Wire.ProtocolViolation e) {
            drop();
            throw malformed(e);
        }
    }

    /** A statement's error, with the session's transaction after it. */
    private MynodeException failed(io.mynode.transport.grpc.proto.Failed f) {
        transaction = Wire.transaction(f.hasTransaction(), f.getTransaction());
        return Wire.failed(f);
    }

    @Override
    public Optional<TransactionInfo> transaction() {
        return transaction;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Stream s = stream;
        if (s != null) {
            if (rows != null && !rows.done) {
                s.cancel("session closed while rows were streaming");
            } else {
                s.finish();
            }
        }
        connection.forget(this);
    }

    /** Forgets the stream and the transaction it held; the node rolls back when it sees the stream go. */
    private void drop() {
        if (stream != null) {
            stream.cancel("session stream dropped");
        }
        stream = null;
        rows = null;
        transaction = Optional.empty();
    }

    InternalFailure malformed(Wire.ProtocolViolation e) {
        return new InternalFailure("node " + connection.address() + " sent a malformed answer: " + e.getMessage(), e);
    }

    /** The rows of one statement, pulled chunk by chunk from the stream. */
    private final class RemoteRows implements RowStream {
        private final Stream source;
        private Iterator<Row> chunk;
        private boolean done;

        RemoteRows(Stream source, Iterator<Row> first) {
            this.source = source;
            this.chunk = first;
        }

        @Override
        public boolean hasNext() {
            while (!done && (chunk == null || !chunk.hasNext())) {
                fetch();
            }
            return chunk != null && chunk.hasNext();
        }

        @Override
        public List<Value> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more rows");
            }
            try {
                return List.copyOf(Wire.row(chunk.next()));
            } catch (Wire.ProtocolViolation e) {
                chunk = null;
                finish();
                drop();
                throw malformed(e);
            }
        }

        private void fetch() {
            SessionResponse m;
            try {
                m = source.next("reading rows");
            } catch (OutcomeUnknownException e) {
                // A query changed nothing: losing the stream while reading rows is plain unavailability.
                finish();
                drop();
                throw new UnavailableException(e.getMessage(), e);
            }
            switch (m.getKindCase()) {
                case CHUNK -> chunk = m.getChunk().getRowsList().iterator();
                case END -> {
                    var end = m.getEnd();
                    transaction = Wire.transaction(end.hasTransaction(), end.getTransaction());
                    finish();
                }
                case FAILED -> {
                    var f = m.getFailed();
                    transaction = Wire.transaction(f.hasTransaction(), f.getTransaction());
                    finish();
                    throw failedOrMalformed(f);
                }
                case COMPLETED, HEADER, OPENED, PREPARED, BATCH_COMPLETED, KIND_NOT_SET -> {
                    finish();
                    drop();
                    throw malformed(new Wire.ProtocolViolation("unexpected " + m.getKindCase() + " among rows"));
                }
            }
        }

        private MynodeException failedOrMalformed(io.mynode.transport.grpc.proto.Failed f) {
            try {
                return Wire.failed(f);
            } catch (Wire.ProtocolViolation e) {
                drop();
                return malformed(e);
            }
        }

        /** No more messages belong to these rows; rows already received can still be read. */
        private void finish() {
            done = true;
            if (rows == this) {
                rows = null;
            }
        }

        /** Stops the rows early: asks the node to cancel, then skips what was already on its way. */
        @Override
        public void close() {
            chunk = null;
            if (done) {
                return;
            }
            source.send(SessionRequest.newBuilder().setCancel(Cancel.getDefaultInstance()).build());
            try {
                while (!done) {
                    fetch();
                    chunk = null;
                }
            } catch (MynodeException e) {
                // The statement ended in an error or the stream broke: either way the rows are over.
                done = true;
            }
        }
    }

    /** One {@code Session} call: responses are queued as they arrive and pulled by the session. */
    final class Stream implements ClientResponseObserver<SessionRequest, SessionResponse> {
        private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        private ClientCallStreamObserver<SessionRequest> requests;
        private volatile boolean ended;
        private boolean opened;
        /** The node's limit, from its Opened message. */
        private int maxMessageBytes = Integer.MAX_VALUE;

        /** Marks the end of the call in the inbox; {@code error} is null when the node completed it. */
        private record End(Throwable error) {}

        Stream() {
            ClientGrpc.newStub(connection.channel()).session(this);
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<SessionRequest> requestStream) {
            this.requests = requestStream;
            requestStream.disableAutoRequestWithInitial(WINDOW);
        }

        @Override
        public void onNext(SessionResponse value) {
            inbox.add(value);
        }

        @Override
        public void onError(Throwable t) {
            ended = true;
            inbox.add(new End(t));
        }

        @Override
        public void onCompleted() {
            ended = true;
            inbox.add(new End(null));
        }

        /** Whether the call ended while nothing was expected from it (only its end is queued). */
        boolean endedIdle() {
            return ended && inbox.peek() instanceof End;
        }

        /** Takes the node's Opened if it has already arrived, so that an end queued behind it shows. */
        void skipOpened() {
            if (!opened && inbox.peek() instanceof SessionResponse r && r.hasOpened()) {
                awaitOpened();
            }
        }

        /** Waits for the node to accept the session; fails as unavailable if it does not. */
        void awaitOpened() {
            if (opened) {
                return;
            }
            String what = "opening a session on " + connection.address();
            Object m = take(connection.settings().callDeadline());
            if (m instanceof SessionResponse r && r.hasOpened()) {
                opened = true;
                if (r.getOpened().getMaxMessageBytes() > 0) {
                    maxMessageBytes = r.getOpened().getMaxMessageBytes();
                }
                return;
            }
            stream = null;
            cancel("session not opened");
            throw switch (m) {
                case null -> new UnavailableException(what + ": no answer within "
                        + connection.settings().callDeadline().toMillis() + " ms");
                case End end when end.error() != null -> Wire.error(end.error(), what, false);
                case End end -> new UnavailableException(what + ": the node closed the stream");
                default -> malformed(new Wire.ProtocolViolation("session began with " + m));
            };
        }

        /** The next response of a statement that was sent; the stream is dropped if it broke. */
        SessionResponse next(String what) {
            String doing = what + " on " + connection.address();
            Duration timeout = connection.settings().statementTimeout();
            Object m = take(timeout);
            if (m instanceof SessionResponse r) {
                return r;
            }
            drop();
            throw switch (m) {
                case null -> new OutcomeUnknownException(doing + ": no answer within " + timeout.toMillis()
                        + " ms; it may or may not have taken effect, and the session's transaction is rolled back");
                case End end when end.error() != null -> Wire.error(end.error(), doing, true);
                default -> new OutcomeUnknownException(doing + ": the node ended the session"
                        + "; the statement may or may not have taken effect");
            };
        }

        private Object take(Duration timeout) {
            Object m;
            try {
                m = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // The caller gave up on a call that was sent. Its answer may still come, and must
                // never be read as the answer to the next statement: drop the stream, as a timeout does.
                Thread.currentThread().interrupt();
                drop();
                throw new OutcomeUnknownException("interrupted while waiting for " + connection.address()
                        + "; the statement may or may not have taken effect, and the session's transaction is rolled back", e);
            }
            if (m instanceof SessionResponse) {
                synchronized (this) {
                    if (!ended) {
                        requests.request(1);
                    }
                }
            }
            return m;
        }

        synchronized void send(SessionRequest request) {
            if (ended) {
                return; // The end is in the inbox; next() reports it.
            }
            try {
                requests.onNext(request);
            } catch (RuntimeException e) {
                ended = true;
                inbox.add(new End(e));
            }
        }

        synchronized void finish() {
            if (!ended) {
                try {
                    requests.onCompleted();
                } catch (RuntimeException e) {
                    // Already cancelled: the node rolls back either way.
                }
            }
        }

        synchronized void cancel(String why) {
            if (!ended) {
                try {
                    requests.cancel(why, null);
                } catch (RuntimeException e) {
                    // Already over.
                }
            }
        }
    }
}
