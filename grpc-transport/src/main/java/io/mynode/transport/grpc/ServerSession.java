package io.mynode.transport.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.transport.grpc.proto.Opened;
import io.mynode.transport.grpc.proto.RowsChunk;
import io.mynode.transport.grpc.proto.RowsEnd;
import io.mynode.transport.grpc.proto.RowsHeader;
import io.mynode.transport.grpc.proto.SessionRequest;
import io.mynode.transport.grpc.proto.SessionResponse;
import java.lang.System.Logger.Level;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server side of one client session stream: one SQL {@link Session}, driven by one worker
 * thread ({@link Threads}) for the stream's whole life.
 *
 * <pre>
 *   gRPC thread:  onNext(Execute) ──► inbox ──► worker: session.execute(sql)
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
 * <p>When the stream ends (the client half-closes or goes away, or the node shuts down), the
 * session is closed, which rolls back any open transaction.
 */
final class ServerSession implements StreamObserver<SessionRequest> {
    private static final System.Logger LOG = System.getLogger(ServerSession.class.getName());

    /** Statements a client may queue ahead of the one running: the protocol allows one. */
    static final int MAX_PENDING = 16;

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
            case EXECUTE -> {
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
                if (request.hasExecute()) {
                    if (session == null) {
                        try {
                            session = sql.session();
                        } catch (MynodeException e) {
                            // No session yet (the engine is unavailable): this statement fails, the stream lives.
                            send(SessionResponse.newBuilder().setFailed(Wire.failed(e, java.util.Optional.empty())).build());
                            continue;
                        }
                    }
                    execute(session, request.getExecute().getSql());
                }
                // A Cancel found here arrived after its statement had finished: nothing to stop.
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

    private void execute(Session session, String statement) throws InterruptedException {
        StatementResult result;
        try {
            result = session.execute(statement);
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
            case StatementResult.Rows rows -> stream(session, rows);
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
     * Streams rows in chunks of about {@code chunkBytes}, pausing while the client is not ready.
     * The first chunk rides in the header, so a small result is one message. If the rows fail
     * part way, the rows read before the failure are sent first, then the error, as an embedded
     * row stream would throw after handing them out.
     */
    private void stream(Session session, StatementResult.Rows rows) throws InterruptedException {
        RowsHeader.Builder header = RowsHeader.newBuilder().addAllColumns(rows.columns());
        RowsChunk.Builder chunk = null;
        try (RowStream stream = rows.rows()) {
            int bytes = 0;
            while (!cancelled() && stream.hasNext()) {
                var encoded = Wire.row(stream.next());
                if (chunk == null) {
                    header.addRows(encoded);
                } else {
                    chunk.addRows(encoded);
                }
                bytes += encoded.getSerializedSize() + 4;
                if (bytes >= chunkBytes) {
                    if (chunk == null) {
                        send(SessionResponse.newBuilder().setHeader(header).build());
                    } else {
                        flush(chunk);
                    }
                    chunk = RowsChunk.newBuilder();
                    bytes = 0;
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
