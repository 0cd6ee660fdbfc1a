package io.mynode.transport.grpc;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.TableSchema;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import io.mynode.transport.grpc.proto.ClientGrpc;
import io.mynode.transport.grpc.proto.SchemasRequest;
import io.mynode.transport.grpc.proto.StatusRequest;
import io.mynode.transport.grpc.proto.TableDefinitionRequest;
import io.mynode.transport.grpc.proto.TablesRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A client's connection to one node: one gRPC channel, on which every {@link RemoteSession} is a
 * stream. Connecting is lazy; an unreachable node shows up as {@link UnavailableException} on
 * first use. Thread-safe.
 */
final class RemoteConnection implements Connection {
    /** One process's client connections share their network threads (see {@link NetworkThreads}). */
    private static NetworkThreads clientNetwork;

    private static synchronized NetworkThreads clientNetwork(ClientSettings settings) {
        if (clientNetwork == null) {
            clientNetwork = new NetworkThreads(settings.networkThreads(), "mynode-client-net");
        }
        return clientNetwork;
    }

    private final HostPort address;
    private final ClientSettings settings;
    private final ManagedChannel channel;
    private final Set<RemoteSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    RemoteConnection(HostPort address, ClientSettings settings) {
        this.address = address;
        this.settings = settings;
        this.channel = clientNetwork(settings).connect(NettyChannelBuilder.forAddress(address.host(), address.port()))
                .usePlaintext()
                // Our callbacks only queue what arrives (RemoteSession.Stream): run them on the
                // network thread rather than paying a hand-off to an executor per message.
                .directExecutor()
                .maxInboundMessageSize(settings.maxMessageBytes())
                // Notice a node that vanished (killed, partitioned) on an idle session too.
                .keepAliveTime(20, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true)
                .build();
    }

    HostPort address() {
        return address;
    }

    ClientSettings settings() {
        return settings;
    }

    ManagedChannel channel() {
        return channel;
    }

    void forget(RemoteSession session) {
        sessions.remove(session);
    }

    @Override
    public Session session() {
        if (closed) {
            throw new UnavailableException("connection to " + address + " is closed");
        }
        RemoteSession session = new RemoteSession(this);
        sessions.add(session);
        return session;
    }

    @Override
    public List<String> tables() {
        return call("listing tables on " + address,
                () -> stub().tables(TablesRequest.getDefaultInstance()).getTablesList());
    }

    @Override
    public Optional<String> tableDefinition(String table) {
        return call("reading the definition of table " + table + " on " + address, () -> {
            var reply = stub().tableDefinition(TableDefinitionRequest.newBuilder().setTable(table).build());
            return reply.hasDefinition() ? Optional.of(reply.getDefinition()) : Optional.empty();
        });
    }

    @Override
    public List<TableSchema> schemas() {
        return call("reading the schemas on " + address,
                () -> SchemaWire.tables(stub().schemas(SchemasRequest.getDefaultInstance())));
    }

    @Override
    public NodeStatus status() {
        return call("asking " + address + " for its status",
                () -> Wire.status(stub().status(StatusRequest.getDefaultInstance())));
    }

    private ClientGrpc.ClientBlockingStub stub() {
        if (closed) {
            throw new UnavailableException("connection to " + address + " is closed");
        }
        return ClientGrpc.newBlockingStub(channel)
                .withDeadlineAfter(settings.callDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw Wire.error(e, what, false);
        } catch (Wire.ProtocolViolation e) {
            throw new InternalFailure(what + ": the node sent a malformed reply: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RemoteSession s : List.copyOf(sessions)) {
            s.close();
        }
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "grpc connection to " + address;
    }
}
