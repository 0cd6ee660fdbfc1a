package io.mynode.transport.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.config.Settings;
import io.mynode.kernel.consensus.PeerNetwork;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.transport.ClientService;
import io.mynode.kernel.transport.Transport;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A node's gRPC endpoint: one server on {@code node.listen} with the {@code Client} and
 * {@code Peer} services, plus the outbound links to the other nodes.
 *
 * <p>Shutdown ({@link #close}) in order: stop taking new calls; end idle client sessions at once
 * (their transactions roll back) and let running statements finish for
 * {@code grpc.shutdown.grace.ms}, with peer messages still flowing so that they can commit; then
 * stop the peer links and cancel whatever is left.
 */
final class GrpcTransport implements Transport {
    private static final System.Logger LOG = System.getLogger(GrpcTransport.class.getName());

    static final int MAX_STREAMS_PER_CONNECTION = 4096;

    private final NodeConfig config;
    private final GrpcSettings settings;
    private final NetworkThreads network;
    private final PeerMesh peers;
    private final ClientEndpoint clients;
    private final Server server;
    private volatile boolean closed;

    private GrpcTransport(NodeConfig config, GrpcSettings settings, InetSocketAddress listen) {
        this.config = config;
        this.settings = settings;
        this.network = new NetworkThreads(settings.networkThreads(), "mynode-net-" + config.nodeId());
        this.peers = new PeerMesh(config.nodeId(), config.peers(), settings, network);
        this.clients = new ClientEndpoint(settings.chunkBytes(), settings.maxMessageBytes());
        this.server = network.serve(NettyServerBuilder.forAddress(listen))
                .addService(clients)
                .addService(peers)
                // Callbacks run on the network thread: they only enqueue (a peer's messages into
                // Raft's inbox, a statement into its session's worker) or hand a unary call to a
                // thread of its own. An executor hop here cost a thread wake-up per message.
                .directExecutor()
                .maxInboundMessageSize(settings.maxMessageBytes())
                .maxInboundMetadataSize(64 << 10)
                // Streams one connection may hold open at once (sessions of one client); more wait
                // for a free slot rather than growing the node's threads without bound.
                .maxConcurrentCallsPerConnection(MAX_STREAMS_PER_CONNECTION)
                .handshakeTimeout(settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTime(settings.keepAlive().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(settings.keepAlive().toMillis(), TimeUnit.MILLISECONDS)
                // Clients and peers ping idle connections (peers every keepalive.ms); allow it.
                .permitKeepAliveTime(1, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .build();
    }

    /**
     * Binds {@code config.listen()} and starts the peer links, configured by the checked
     * {@code grpc.*} {@code own} settings; fails with UNAVAILABLE if the bind fails.
     */
    static GrpcTransport start(NodeConfig config, Settings own) {
        GrpcSettings settings = GrpcSettings.from(own);
        InetSocketAddress listen = new InetSocketAddress(config.listen().host(), config.listen().port());
        if (listen.isUnresolved()) {
            throw new ConfigException(NodeConfig.NODE_LISTEN + ": cannot resolve host '" + config.listen().host() + "'");
        }
        GrpcTransport transport = new GrpcTransport(config, settings, listen);
        try {
            transport.server.start();
        } catch (IOException e) {
            transport.peers.close();
            transport.network.close();
            throw new UnavailableException("node " + config.nodeId() + " cannot listen on " + config.listen()
                    + " (node.listen): " + Wire.messageOf(e), e);
        }
        transport.peers.start();
        LOG.log(Level.INFO, "node " + config.nodeId() + " listening on " + config.listen().host() + ":" + transport.port());
        return transport;
    }

    /** The bound port: {@code node.listen}'s, or the one chosen when it names port 0. */
    int port() {
        return server.getPort();
    }

    PeerMesh mesh() {
        return peers;
    }

    ClientEndpoint clientEndpoint() {
        return clients;
    }

    @Override
    public PeerNetwork peers() {
        return peers;
    }

    @Override
    public void serve(ClientService service) {
        clients.serve(service);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        server.shutdown();
        clients.shutdown();
        try {
            // Peer traffic goes on meanwhile: a statement finishing may need consensus to commit.
            if (!clients.awaitSessionsEnded(deadline)) {
                LOG.log(Level.WARNING, "node " + config.nodeId() + ": " + clients.openSessions()
                        + " session(s) still busy after the grace period; cancelling them");
                clients.interruptSessions();
            }
            peers.close();
            if (!server.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            peers.close();
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            network.close();
        }
    }
}
