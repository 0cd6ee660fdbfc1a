package io.mynode.transport.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.transport.ClientService;
import io.mynode.transport.grpc.proto.ClientGrpc;
import io.mynode.transport.grpc.proto.SchemasReply;
import io.mynode.transport.grpc.proto.SchemasRequest;
import io.mynode.transport.grpc.proto.SessionRequest;
import io.mynode.transport.grpc.proto.SessionResponse;
import io.mynode.transport.grpc.proto.StatusRequest;
import io.mynode.transport.grpc.proto.TableDefinitionReply;
import io.mynode.transport.grpc.proto.TableDefinitionRequest;
import io.mynode.transport.grpc.proto.TablesReply;
import io.mynode.transport.grpc.proto.TablesRequest;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node's client service: SQL session streams, status and table calls. Until
 * {@link #serve} installs the node's {@link ClientService}, and again once {@link #shutdown}
 * begins, every call fails with UNAVAILABLE, which the client reports as an
 * {@code UnavailableException}: retry later.
 */
final class ClientEndpoint extends ClientGrpc.ClientImplBase {
    private static final System.Logger LOG = System.getLogger(ClientEndpoint.class.getName());
    private static final java.util.concurrent.ThreadFactory UNARY = Threads.named("mynode-unary-");

    private final int chunkBytes;
    private final int maxMessageBytes;
    private final AtomicReference<ClientService> service = new AtomicReference<>();
    private final Set<ServerSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    ClientEndpoint(int chunkBytes, int maxMessageBytes) {
        this.chunkBytes = chunkBytes;
        this.maxMessageBytes = maxMessageBytes;
    }

    void serve(ClientService clientService) {
        if (!service.compareAndSet(null, clientService)) {
            throw new IllegalStateException("the transport already serves a client service");
        }
    }

    /** Ends every session: running statements finish, idle sessions end at once as UNAVAILABLE. */
    void shutdown() {
        closing = true;
        sessions.forEach(ServerSession::shutdown);
    }

    /** Interrupts sessions still busy after the grace period. */
    void interruptSessions() {
        sessions.forEach(ServerSession::interrupt);
    }

    int openSessions() {
        return sessions.size();
    }

    /** Waits until every session has ended or {@code deadline} ({@link System#nanoTime}) passes. */
    boolean awaitSessionsEnded(long deadline) throws InterruptedException {
        while (!sessions.isEmpty()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private Optional<ClientService> service() {
        return closing ? Optional.empty() : Optional.ofNullable(service.get());
    }

    private static Status notServing(boolean closing) {
        return Status.UNAVAILABLE.withDescription(closing ? "node is shutting down" : "node is starting: not serving clients yet");
    }

    @Override
    public StreamObserver<SessionRequest> session(StreamObserver<SessionResponse> responses) {
        var out = (ServerCallStreamObserver<SessionResponse>) responses;
        Optional<ClientService> svc = service();
        if (svc.isEmpty()) {
            out.onError(notServing(closing).asRuntimeException());
            return new Ignored();
        }
        ServerSession[] self = new ServerSession[1];
        ServerSession session = new ServerSession(out, svc.get().sql(), chunkBytes, maxMessageBytes, () -> sessions.remove(self[0]));
        self[0] = session;
        sessions.add(session);
        if (closing) {
            // close() began between the check above and registration: end this one too.
            session.shutdown();
        }
        session.start();
        return session;
    }

    @Override
    public void status(StatusRequest request, StreamObserver<io.mynode.transport.grpc.proto.NodeStatus> responses) {
        unary(responses, "status", svc -> Wire.status(svc.status().get()));
    }

    @Override
    public void tables(TablesRequest request, StreamObserver<TablesReply> responses) {
        unary(responses, "tables", svc -> TablesReply.newBuilder().addAllTables(svc.sql().tables()).build());
    }

    @Override
    public void tableDefinition(TableDefinitionRequest request, StreamObserver<TableDefinitionReply> responses) {
        unary(responses, "table definition", svc -> {
            TableDefinitionReply.Builder b = TableDefinitionReply.newBuilder();
            svc.sql().tableDefinition(request.getTable()).ifPresent(b::setDefinition);
            return b.build();
        });
    }

    @Override
    public void schemas(SchemasRequest request, StreamObserver<SchemasReply> responses) {
        unary(responses, "schemas", svc -> SchemaWire.reply(svc.sql().schemas()));
    }

    private <T> void unary(StreamObserver<T> responses, String what, java.util.function.Function<ClientService, T> call) {
        // The server runs callbacks on its network thread (directExecutor); these calls may block
        // (a table list takes a read index), so each runs on a thread of its own.
        UNARY.newThread(() -> answer(responses, what, call)).start();
    }

    private <T> void answer(StreamObserver<T> responses, String what, java.util.function.Function<ClientService, T> call) {
        Optional<ClientService> svc = service();
        if (svc.isEmpty()) {
            responses.onError(notServing(closing).asRuntimeException());
            return;
        }
        T reply;
        try {
            reply = call.apply(svc.get());
        } catch (MynodeException e) {
            responses.onError(Wire.status(e));
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, what + " failed with an unexpected exception", e);
            responses.onError(Status.INTERNAL.withDescription(what + " failed: " + e.getClass().getSimpleName()
                    + ": " + Wire.messageOf(e)).asRuntimeException());
            return;
        }
        responses.onNext(reply);
        responses.onCompleted();
    }

    /** The request side of a call that was refused: whatever else arrives is ignored. */
    private static final class Ignored implements StreamObserver<SessionRequest> {
        @Override
        public void onNext(SessionRequest value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }
}
