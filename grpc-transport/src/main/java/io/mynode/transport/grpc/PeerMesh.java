package io.mynode.transport.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.consensus.PeerNetwork;
import io.mynode.transport.grpc.proto.PeerFrame;
import io.mynode.transport.grpc.proto.PeerGrpc;
import io.mynode.transport.grpc.proto.PeerReply;
import io.mynode.transport.grpc.proto.Welcome;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's {@link PeerNetwork}: an outbound {@link PeerLink} per other node of
 * {@code cluster.peers}, and the {@code Peer} service that receives the other nodes' streams.
 *
 * <p>Inbound, a stream must open with a Hello naming a node of {@code cluster.peers} (not this
 * one) as sender and this node as receiver; anything else (no hello, a second hello, an unknown
 * sender, a frame without a kind) ends that stream with INVALID_ARGUMENT and leaves the node
 * and every other stream alone. Messages are handed to the receiver on the network thread that
 * read them, in order per stream; that thread may serve every connection of the node, so the
 * receiver must only queue them (Raft's inbox does), never block.
 */
final class PeerMesh extends PeerGrpc.PeerImplBase implements PeerNetwork, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeerMesh.class.getName());

    private final String self;
    private final Set<String> members;
    private final Map<String, PeerLink> links = new LinkedHashMap<>();
    private final int maxMessageBytes;
    private final Set<Inbound> inbound = ConcurrentHashMap.newKeySet();
    private volatile Receiver receiver;
    private volatile boolean closed;

    PeerMesh(String self, Map<String, HostPort> peers, GrpcSettings settings, NetworkThreads network) {
        this.self = self;
        this.members = Set.copyOf(peers.keySet());
        this.maxMessageBytes = settings.maxMessageBytes();
        peers.forEach((id, address) -> {
            if (!id.equals(self)) {
                links.put(id, new PeerLink(self, id, address, settings, network));
            }
        });
    }

    void start() {
        links.values().forEach(PeerLink::start);
    }

    /** The outbound link to {@code peer}, for tests and status. */
    PeerLink link(String peer) {
        return links.get(peer);
    }

    @Override
    public void send(String to, byte[] message) {
        PeerLink link = links.get(to);
        if (link == null || closed) {
            return; // Not a peer (or ourselves): there is nobody to carry it to.
        }
        if (message.length > maxMessageBytes - 1024) {
            LOG.log(Level.WARNING, "dropping a " + message.length + "-byte message to " + to
                    + ": larger than grpc.max.message.bytes=" + maxMessageBytes);
            return;
        }
        link.enqueue(message);
    }

    @Override
    public void receiver(Receiver receiver) {
        this.receiver = receiver;
    }

    private void deliver(String from, PeerFrame frame) {
        Receiver r = receiver;
        if (r == null) {
            return;
        }
        for (var message : frame.getBatch().getMessagesList()) {
            try {
                r.receive(from, message.toByteArray());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the receiver failed on a message from " + from, e);
            }
        }
    }

    @Override
    public StreamObserver<PeerFrame> connect(StreamObserver<PeerReply> replies) {
        Inbound stream = new Inbound((ServerCallStreamObserver<PeerReply>) replies);
        if (closed) {
            stream.fail(Status.UNAVAILABLE.withDescription("node is shutting down"));
        } else {
            inbound.add(stream);
        }
        return stream;
    }

    @Override
    public void close() {
        closed = true;
        inbound.forEach(s -> s.fail(Status.UNAVAILABLE.withDescription("node is shutting down")));
        links.values().parallelStream().forEach(PeerLink::close);
    }

    /** One peer's stream into this node. Its callbacks run one at a time (gRPC serializes them). */
    private final class Inbound implements StreamObserver<PeerFrame> {
        private final ServerCallStreamObserver<PeerReply> replies;
        private String from;
        private volatile boolean ended;

        Inbound(ServerCallStreamObserver<PeerReply> replies) {
            this.replies = replies;
            replies.setOnCancelHandler(() -> inbound.remove(this));
        }

        @Override
        public void onNext(PeerFrame frame) {
            if (ended) {
                return;
            }
            switch (frame.getKindCase()) {
                case HELLO -> {
                    var hello = frame.getHello();
                    if (from != null) {
                        fail(Status.INVALID_ARGUMENT.withDescription("hello sent twice"));
                    } else if (!hello.getTo().equals(self)) {
                        fail(Status.INVALID_ARGUMENT.withDescription(
                                "this is node '" + self + "', not '" + hello.getTo() + "'"));
                    } else if (hello.getFrom().equals(self) || !members.contains(hello.getFrom())) {
                        fail(Status.INVALID_ARGUMENT.withDescription(
                                "'" + hello.getFrom() + "' is not a peer of node '" + self + "'"));
                    } else {
                        from = hello.getFrom();
                        reply(PeerReply.newBuilder().setWelcome(Welcome.newBuilder().setMaxMessageBytes(maxMessageBytes)).build());
                    }
                }
                case BATCH -> {
                    if (from == null) {
                        fail(Status.INVALID_ARGUMENT.withDescription("messages sent before hello"));
                    } else {
                        deliver(from, frame);
                    }
                }
                case KIND_NOT_SET -> fail(Status.INVALID_ARGUMENT.withDescription("peer frame has no kind"));
            }
        }

        @Override
        public void onError(Throwable t) {
            inbound.remove(this);
        }

        @Override
        public void onCompleted() {
            inbound.remove(this);
            synchronized (this) {
                if (!ended) {
                    ended = true;
                    try {
                        replies.onCompleted();
                    } catch (RuntimeException e) {
                        // Already cancelled by the peer.
                    }
                }
            }
        }

        private synchronized void reply(PeerReply reply) {
            if (!ended) {
                replies.onNext(reply);
            }
        }

        /** Ends this stream with {@code status}; safe from any thread, at most once. */
        synchronized void fail(Status status) {
            inbound.remove(this);
            if (ended) {
                return;
            }
            ended = true;
            if (status.getCode() == Status.Code.INVALID_ARGUMENT) {
                LOG.log(Level.WARNING, "refusing a peer stream" + (from == null ? "" : " from " + from)
                        + ": " + status.getDescription());
            }
            try {
                replies.onError(status.asRuntimeException());
            } catch (RuntimeException e) {
                // Already cancelled by the peer.
            }
        }
    }
}
