package io.mynode.transport.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.BatchResult;
import io.mynode.kernel.sql.Fetch;
import io.mynode.kernel.sql.Prepared;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.SqlType;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import io.mynode.transport.grpc.proto.BatchCompleted;
import io.mynode.transport.grpc.proto.ExecuteBatch;
import io.mynode.transport.grpc.proto.Opened;
import io.mynode.transport.grpc.proto.Prepare;
import io.mynode.transport.grpc.proto.RowsChunk;
import io.mynode.transport.grpc.proto.RowsEnd;
import io.mynode.transport.grpc.proto.RowsHeader;
import io.mynode.transport.grpc.proto.SessionRequest;
import io.mynode.transport.grpc.proto.SessionResponse;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The server side of one client session stream: one SQL {@link Session}, driven by one worker
 * thread ({@link Threads}) for the stream's whole life.
 *
 * <pre>
 *   gRPC thread:  onNext(Execute) ──► inbox ──► worker: session.execute(sql), prepare, batch
 *                 onNext(Cancel)  ──► inbox        │  rows: header, chunk, chunk, ..., end
 *                 onCompleted     ──► inbox(STOP)  ▼
 *                                               response stream (waits while !isReady)
 * </pre>
 *
 * <p>Why a worker: a statement may block (waiting for consensus) and rows are produced by pulling
 * the executor's iterators; neither may hold a gRPC thread. The worker writes a chunk only when
 * the stream is ready, so a slow client slows the executor instead of filling the node's memory.
 *
 * <p>Why the inbox holds Cancel in order: the client sends Cancel to stop rows early, then
 * waits for the statement's end. A Cancel that arrives after its statement already finished is
 * found at the head of the inbox when the worker looks for the next statement, and is skipped,
 * so it can never cancel a later statement.
 *
 * <p>The worker also holds the session's prepared statements, by the ids the client gave them
 * (at most {@value #MAX_PREPARED}), so only it ever touches them.
 *
 * <p>When the stream ends (the client half-closes or goes away, or the node shuts down), the
 * session is closed, which rolls back any open transaction and drops its prepared statements.
 */
final class ServerSession implements StreamObserver<SessionRequest> {
    private static final System.Logger LOG = System.getLogger(ServerSession.class.getName());

    /** Statements a client may queue ahead of the one running: the protocol allows one. */
    static final int MAX_PENDING = 16;

    /** Prepared statements one session may hold: each holds a plan, so a client cannot hold unbounded memory. */
    static final int MAX_PREPARED = 2048;

    private static final SessionRequest STOP = SessionRequest.getDefaultInstance();

    private static final java.util.concurrent.ThreadFactory WORKERS = Threads.named("mynode-session-");

    private final ServerCallStreamObserver<SessionResponse> out;
    private final SqlEngine sql;
    private final int chunkBytes;
    private final int maxMessageBytes;
    private final Runnable onEnd;
    private final BlockingQueue<SessionRequest> inbox = new LinkedBlockingQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread worker;

    /** Guarded by {@link #lock}: the response stream was ended (by us or the client). */
    private boolean ended;
    /** Set when the client is gone: no point producing more. */
    private volatile boolean clientGone;
    /** Set when the node shuts down: end the stream with UNAVAILABLE instead of OK. */
    private volatile boolean nodeClosing;

    ServerSession(ServerCallStreamObserver<SessionResponse> out, SqlEngine sql, int chunkBytes, int maxMessageBytes,
            Runnable onEnd) {
        this.out = out;
        this.sql = sql;
        this.chunkBytes = chunkBytes;
        this.maxMessageBytes = maxMessageBytes;
        this.onEnd = onEnd;
        out.setOnReadyHandler(this::signal);
        // Cancelled by the client, or closed by gRPC itself (a request it could not parse).
        out.setOnCancelHandler(this::gone);
        out.setOnCloseHandler(this::gone);
        this.worker = WORKERS.newThread(this::run);
    }

    void start() {
        send(SessionResponse.newBuilder().setOpened(Opened.newBuilder().setMaxMessageBytes(maxMessageBytes)).build());
        worker.start();
    }

    /** Asks the session to end: the running statement finishes, then the stream ends as UNAVAILABLE. */
    void shutdown() {
        nodeClosing = true;
        inbox.add(STOP);
        signal();
    }

    /** Interrupts a worker still busy after the grace period. */
    void interrupt() {
        worker.interrupt();
    }

    // ----- inbound, on gRPC threads

    @Override
    public void onNext(SessionRequest request) {
        switch (request.getKindCase()) {
            case EXECUTE, PREPARE, EXECUTE_PREPARED, EXECUTE_BATCH, CLOSE_PREPARED -> {
                if (inbox.size() >= MAX_PENDING) {
                    fail(Status.RESOURCE_EXHAUSTED.withDescription(
                            "more than " + MAX_PENDING + " statements sent without waiting for results"));
                    return;
                }
                inbox.add(request);
            }
            case CANCEL -> {
                inbox.add(request);
                signal();
            }
            case KIND_NOT_SET -> fail(Status.INVALID_ARGUMENT.withDescription("session request has no kind"));
        }
    }

    @Override
    public void onError(Throwable t) {
        gone();
    }

    private void gone() {
        clientGone = true;
        inbox.add(STOP);
        signal();
    }

    @Override
    public void onCompleted() {
        inbox.add(STOP);
    }

    // ----- the worker

    private void run() {
        Session session = null;
        Map<Integer, Prepared> prepared = new HashMap<>();
        try {
            while (true) {
                // No timeout: gRPC reports every end of the call (half-close, cancel, close) through
                // the handlers installed above, each of which queues STOP. A timed poll cost a
                // timer per statement, a measurable share of a point read.
                SessionRequest request = inbox.take();
                // Once the node is closing no statement starts; the client hears UNAVAILABLE.
                if (request == STOP || clientGone || nodeClosing || stopped()) {
                    break;
                }
                if (request == null) {
                    continue;
                }
                if (request.hasClosePrepared()) {
                    for (int id : request.getClosePrepared().getStatementIdsList()) {
                        Prepared p = prepared.remove(id);
                        if (p != null) {
                            p.close();
                        }
                    }
                    continue;
                }
                if (request.hasCancel()) {
                    // It arrived after its statement had finished: nothing to stop.
                    continue;
                }
                if (session == null) {
                    try {
                        session = sql.session();
                    } catch (MynodeException e) {
                        // No session yet (the engine is unavailable): this request fails, the stream lives.
                        send(SessionResponse.newBuilder().setFailed(Wire.failed(e, Optional.empty())).build());
                        continue;
                    }
                }
                handle(session, prepared, request);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session failed", e);
            fail(Status.INTERNAL.withDescription("session failed: " + Wire.messageOf(e)));
        } finally {
            if (session != null) {
                try {
                    session.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "closing a session (rolling back its transaction) failed", e);
                }
            }
            if (nodeClosing) {
                fail(Status.UNAVAILABLE.withDescription("node is shutting down"));
            } else {
                complete();
            }
            onEnd.run();
        }
    }

    /** One request of a session, answered with its terminal message (after rows, if any). */
    private void handle(Session session, Map<Integer, Prepared> prepared, SessionRequest request) throws InterruptedException {
        try {
            switch (request.getKindCase()) {
                case EXECUTE -> {
                    var e = request.getExecute();
                    Fetch fetch = Wire.fetch(e.hasFetch(), e.getFetch());
                    execute(session, e.getSql(), () -> session.execute(e.getSql(), fetch), fetch);
                }
                case PREPARE -> prepare(session, prepared, request.getPrepare());
                case EXECUTE_PREPARED -> {
                    var e = request.getExecutePrepared();
                    Prepared p = prepared(prepared, e.getStatementId());
                    Fetch fetch = Wire.fetch(e.hasFetch(), e.getFetch());
                    List<Value> values = Wire.row(io.mynode.transport.grpc.proto.Row.newBuilder()
                            .addAllValues(e.getParametersList()).build());
                    execute(session, p.sql(), () -> p.execute(values, fetch), fetch);
                }
                case EXECUTE_BATCH -> batch(session, prepared, request.getExecuteBatch());
                default -> throw new Wire.ProtocolViolation("unexpected request " + request.getKindCase());
            }
        } catch (MynodeException e) {
            send(SessionResponse.newBuilder().setFailed(Wire.failed(e, transaction(session))).build());
        } catch (Wire.ProtocolViolation e) {
            send(SessionResponse.newBuilder().setFailed(Wire.failed(new InvalidInputException(SqlState.PROTOCOL_VIOLATION,
                    "malformed request: " + e.getMessage()), transaction(session))).build());
        }
    }

    private void prepare(Session session, Map<Integer, Prepared> prepared, Prepare request) {
        if (prepared.containsKey(request.getStatementId())) {
            throw new InvalidInputException(SqlState.DUPLICATE_PREPARED_STATEMENT,
                    "prepared statement " + request.getStatementId() + " already exists in this session");
        }
        if (prepared.size() >= MAX_PREPARED) {
            throw new InvalidInputException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "a session may hold at most " + MAX_PREPARED + " prepared statements; close some");
        }
        Map<Integer, SqlType> declared = new HashMap<>();
        for (var d : request.getDeclaredTypesList()) {
            if (declared.put(d.getParameter(), Wire.sqlType(d.getType())) != null) {
                throw new Wire.ProtocolViolation("parameter " + d.getParameter() + " is declared twice");
            }
        }
        Prepared p = session.prepare(request.getSql(), declared);
        prepared.put(request.getStatementId(), p);
        io.mynode.transport.grpc.proto.Prepared.Builder b = io.mynode.transport.grpc.proto.Prepared.newBuilder()
                .addAllParameterTypes(Wire.sqlTypes(p.parameterTypes()))
                .addAllColumns(Wire.columns(p.columns()));
        transaction(session).ifPresent(t -> b.setTransaction(Wire.transaction(t)));
        send(SessionResponse.newBuilder().setPrepared(b).build());
    }

    private static Prepared prepared(Map<Integer, Prepared> prepared, int id) {
        Prepared p = prepared.get(id);
        if (p == null) {
            throw new InvalidInputException(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement " + id
                    + " does not exist in this session");
        }
        return p;
    }

    private void batch(Session session, Map<Integer, Prepared> prepared, ExecuteBatch request) {
        BatchResult result;
        if (request.getStatementsCount() > 0) {
            if (request.getParameterSetsCount() > 0) {
                throw new Wire.ProtocolViolation("a batch has both statements and parameter sets");
            }
            result = session.executeBatch(request.getStatementsList());
        } else {
            Prepared p = prepared(prepared, request.getStatementId());
            List<List<Value>> sets = new ArrayList<>(request.getParameterSetsCount());
            for (var row : request.getParameterSetsList()) {
                sets.add(Wire.row(row));
            }
            result = p.executeBatch(sets);
        }
        BatchCompleted.Builder b = BatchCompleted.newBuilder();
        for (StatementResult r : result.results()) {
            b.addResults(Wire.completed(r, Optional.empty()));
        }
        result.failure().ifPresent(e -> b.setFailure(Wire.failed(e, Optional.empty())));
        transaction(session).ifPresent(t -> b.setTransaction(Wire.transaction(t)));
        send(SessionResponse.newBuilder().setBatchCompleted(b).build());
    }

    private void execute(Session session, String statement, Supplier<StatementResult> run, Fetch fetch)
            throws InterruptedException {
        StatementResult result;
        try {
            result = run.get();
        } catch (MynodeException e) {
            send(SessionResponse.newBuilder().setFailed(Wire.failed(e, transaction(session))).build());
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "statement failed with an unexpected exception: " + statement, e);
            send(SessionResponse.newBuilder().setFailed(Wire.failed(
                    new InternalFailure(e.getClass().getSimpleName() + ": " + Wire.messageOf(e), e),
                    transaction(session))).build());
            return;
        }
        switch (result) {
            case StatementResult.Rows rows -> stream(session, rows, fetch.size());
            case StatementResult.RowsAffected r -> completed(session, r);
            case StatementResult.SchemaChanged r -> completed(session, r);
            case StatementResult.TransactionChanged r -> completed(session, r);
            case StatementResult.Explain r -> completed(session, r);
        }
    }

    private void completed(Session session, StatementResult result) {
        send(SessionResponse.newBuilder().setCompleted(Wire.completed(result, transaction(session))).build());
    }

    /**
     * Streams rows in chunks of about {@code chunkBytes} and at most {@code fetchSize} rows (0:
     * no row limit), pausing while the client is not ready. The first chunk rides in the header,
     * so a small result is one message. If the rows fail part way, the rows read before the
     * failure are sent first, then the error, as an embedded row stream would throw after
     * handing them out.
     */
    private void stream(Session session, StatementResult.Rows rows, int fetchSize) throws InterruptedException {
        RowsHeader.Builder header = RowsHeader.newBuilder().addAllColumns(rows.names())
                .addAllDescribed(Wire.columns(rows.columns()));
        RowsChunk.Builder chunk = null;
        int maxRows = fetchSize > 0 ? fetchSize : Integer.MAX_VALUE;
        try (RowStream stream = rows.rows()) {
            int bytes = 0;
            int count = 0;
            while (!cancelled() && stream.hasNext()) {
                var encoded = Wire.row(stream.next());
                if (chunk == null) {
                    header.addRows(encoded);
                } else {
                    chunk.addRows(encoded);
                }
                bytes += encoded.getSerializedSize() + 4;
                if (bytes >= chunkBytes || ++count >= maxRows) {
                    if (chunk == null) {
                        send(SessionResponse.newBuilder().setHeader(header).build());
                    } else {
                        flush(chunk);
                    }
                    chunk = RowsChunk.newBuilder();
                    bytes = 0;
                    count = 0;
                }
            }
        } catch (MynodeException e) {
            failRows(session, header, chunk, e);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "reading rows failed with an unexpected exception", e);
            failRows(session, header, chunk,
                    new InternalFailure(e.getClass().getSimpleName() + ": " + Wire.messageOf(e), e));
            return;
        }
        var txn = transaction(session);
        if (chunk == null) {
            header.setComplete(true);
            txn.ifPresent(t -> header.setTransaction(Wire.transaction(t)));
            send(SessionResponse.newBuilder().setHeader(header).build());
            return;
        }
        if (!cancelled()) {
            flush(chunk);
        }
        RowsEnd.Builder end = RowsEnd.newBuilder();
        txn.ifPresent(t -> end.setTransaction(Wire.transaction(t)));
        send(SessionResponse.newBuilder().setEnd(end).build());
    }

    private void failRows(Session session, RowsHeader.Builder header, RowsChunk.Builder chunk, MynodeException e)
            throws InterruptedException {
        if (chunk == null) {
            send(SessionResponse.newBuilder().setHeader(header).build());
        } else {
            flush(chunk);
        }
        send(SessionResponse.newBuilder().setFailed(Wire.failed(e, transaction(session))).build());
    }

    private void flush(RowsChunk.Builder chunk) throws InterruptedException {
        if (chunk.getRowsCount() > 0) {
            awaitReady();
            send(SessionResponse.newBuilder().setChunk(chunk).build());
        }
    }

    /**
     * Whether the rows streaming now should stop: the client asked (Cancel) or left. A closing
     * node does not stop them: they are a running statement, which the grace period lets finish,
     * and a forced close cancels the call, which the client reports as an error, never as a
     * result cut short.
     */
    private boolean cancelled() {
        SessionRequest head = inbox.peek();
        if (head != null && head.hasCancel()) {
            inbox.poll();
            return true;
        }
        return clientGone;
    }

    /** Whether the stream was ended (a protocol error): statements still queued are not run. */
    private boolean stopped() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    private void awaitReady() throws InterruptedException {
        lock.lock();
        try {
            while (!out.isReady() && !ended && !clientGone) {
                SessionRequest head = inbox.peek();
                if (head != null && head.hasCancel()) {
                    return;
                }
                changed.await(200, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private java.util.Optional<Session.TransactionInfo> transaction(Session session) {
        try {
            return session.transaction();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reading the session's transaction failed", e);
            return java.util.Optional.empty();
        }
    }

    // ----- outbound, serialized by the lock (the worker and gRPC threads both end streams)

    private void send(SessionResponse response) {
        lock.lock();
        try {
            if (!ended && !clientGone) {
                out.onNext(response);
            }
        } catch (RuntimeException e) {
            // The call was cancelled between our check and the write: the client is gone.
            clientGone = true;
        } finally {
            lock.unlock();
        }
    }

    private void fail(Status status) {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                if (!clientGone) {
                    out.onError(status.asRuntimeException());
                }
            }
        } catch (RuntimeException e) {
            clientGone = true;
        } finally {
            changed.signalAll();
            lock.unlock();
        }
        inbox.add(STOP);
    }

    private void complete() {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                if (!clientGone) {
                    out.onCompleted();
                }
            }
        } catch (RuntimeException e) {
            clientGone = true;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
