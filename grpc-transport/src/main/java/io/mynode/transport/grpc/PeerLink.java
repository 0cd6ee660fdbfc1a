package io.mynode.transport.grpc;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.mynode.kernel.config.HostPort;
import io.mynode.transport.grpc.proto.Batch;
import io.mynode.transport.grpc.proto.Hello;
import io.mynode.transport.grpc.proto.PeerFrame;
import io.mynode.transport.grpc.proto.PeerGrpc;
import io.mynode.transport.grpc.proto.PeerReply;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The outbound half of this node's link to one peer: a bounded queue, written into one
 * {@code Peer.Connect} stream by whichever thread finds it has work, and a connector thread that
 * keeps that stream open.
 *
 * <pre>
 *   send(to, bytes) ─► queue (bounded in messages and bytes; full: the oldest is dropped) ─► drain
 *   drain (the sending thread, or the network thread when the stream becomes ready again):
 *                      Batch, Batch, ... while the stream is ready
 *   connector thread:  connect: Hello ─► wait for Welcome (peer.connect.timeout.ms) ─► drain
 *                      wait until the stream breaks, then back off (peer.backoff.min.ms doubling
 *                      to .max.ms) and connect again
 * </pre>
 *
 * <p>Why drain on the sending thread: handing every round of Raft messages to a sender thread
 * cost a thread wake-up per peer per round, a large share of a message's cost on a small
 * machine. Writing into a gRPC stream never blocks (it queues for the network thread), so the
 * sender may do it itself; a work-in-progress counter lets exactly one thread drain at a time
 * and makes sure that messages queued while another thread drains are not left behind.
 *
 * <p>Why drop the oldest: a message that waited behind a full queue is the stalest one (an old
 * heartbeat, an append the leader will send again); consensus tolerates loss, not a sender that
 * blocks. {@link #enqueue} therefore never blocks, whatever state the peer is in, and one dead or
 * slow peer only ever fills its own queue.
 *
 * <p>Reconnecting: gRPC's channel has its own connect backoff (up to two minutes), far too slow
 * for a peer that restarts; each attempt here resets it ({@code resetConnectBackoff}), so a peer
 * that comes back is reached within {@code peer.backoff.max.ms}.
 */
final class PeerLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeerLink.class.getName());

    private final String self;
    private final String peer;
    private final GrpcSettings settings;
    private final ManagedChannel channel;
    private final ArrayBlockingQueue<byte[]> queue;
    /** Bytes of the messages in {@link #queue}: the count alone would let 4096 one-MiB appends pile up. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    /** Drain requests not yet served; the thread that raises it from zero drains. */
    private final AtomicInteger drainRequests = new AtomicInteger();
    /** Taken from the queue but too big for the batch being built; only the draining thread touches it. */
    private byte[] carried;
    private final Thread connector;
    private volatile boolean closed;
    private volatile Stream current;

    PeerLink(String self, String peer, HostPort address, GrpcSettings settings, NetworkThreads network) {
        this.self = self;
        this.peer = peer;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.peerQueue());
        this.channel = network.connect(NettyChannelBuilder.forAddress(address.host(), address.port()))
                .usePlaintext()
                // The stream's callbacks only set flags, drain or signal the connector: no executor hop.
                .directExecutor()
                .maxInboundMessageSize(settings.maxMessageBytes())
                .keepAliveTime(settings.keepAlive().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(settings.keepAlive().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveWithoutCalls(true)
                .build();
        this.connector = Threads.named("mynode-peer-" + peer + "-").newThread(this::run);
    }

    void start() {
        connector.start();
    }

    /**
     * Queues {@code message} and writes what the stream can take now; never blocks: when the
     * queue is full the oldest message is dropped.
     */
    void enqueue(byte[] message) {
        while (!queue.offer(message)) {
            dropOldest();
        }
        queuedBytes.addAndGet(message.length);
        while (queuedBytes.get() > settings.peerQueueBytes() && queue.size() > 1) {
            dropOldest();
        }
        drain();
    }

    private void dropOldest() {
        if (take() != null) {
            dropped.incrementAndGet();
        }
    }

    /** The oldest queued message, or null; keeps {@link #queuedBytes} in step. */
    private byte[] take() {
        byte[] m = queue.poll();
        if (m != null) {
            queuedBytes.addAndGet(-m.length);
        }
        return m;
    }

    /** Bytes queued for the peer now, for tests. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** Messages dropped because the queue was full or the link was cut or broken. */
    long dropped() {
        return dropped.get();
    }

    /** Messages written into a stream (not necessarily received). */
    long sent() {
        return sent.get();
    }

    /** Streams tried so far (the first one and every reconnect). */
    long attempts() {
        return attempts.get();
    }

    /** Whether a stream to the peer is open and welcomed now. */
    boolean connected() {
        Stream s = current;
        return s != null && s.welcomed && !s.broken;
    }

    private void run() {
        Duration backoff = settings.peerBackoffMin();
        while (!closed) {
            Stream stream = new Stream();
            current = stream;
            try {
                if (stream.open()) {
                    backoff = settings.peerBackoffMin();
                    drain(); // what was queued while connecting
                    stream.awaitBroken();
                }
            } catch (InterruptedException e) {
                stream.cancel("link closed");
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "link to peer " + peer + " failed", e);
            }
            stream.cancel("reconnecting");
            if (closed) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(settings.peerBackoffMax()) > 0
                    ? settings.peerBackoffMax() : backoff.multipliedBy(2);
        }
    }

    /**
     * Writes queued messages while the current stream is welcomed and ready. Callable from any
     * thread at any time: one thread drains, and a request that arrives meanwhile makes it go
     * round once more instead of being lost.
     */
    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            try {
                writeReady();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "writing to peer " + peer + " failed", e);
            }
            requests = drainRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    /** Writes batches of queued messages into the current stream while it is ready. */
    private void writeReady() {
        Stream stream = current;
        while (stream != null && stream.welcomed && !stream.broken && !closed && stream.requests.isReady()) {
            byte[] first = carried != null ? carried : take();
            carried = null;
            if (first == null) {
                return;
            }
            int limit = Math.min(settings.maxMessageBytes(), stream.peerMaxMessageBytes) - 1024;
            if (first.length > limit) {
                LOG.log(Level.WARNING, "dropping a " + first.length + "-byte message to " + peer
                        + ": it accepts messages of at most " + stream.peerMaxMessageBytes + " bytes");
                dropped.incrementAndGet();
                continue;
            }
            Batch.Builder batch = Batch.newBuilder().addMessages(ByteString.copyFrom(first));
            long bytes = first.length;
            while (bytes < settings.peerBatchBytes()) {
                byte[] next = take();
                if (next == null) {
                    break;
                }
                if (bytes + next.length > limit) {
                    carried = next;
                    break;
                }
                batch.addMessages(ByteString.copyFrom(next));
                bytes += next.length;
            }
            if (!stream.write(PeerFrame.newBuilder().setBatch(batch).build())) {
                dropped.addAndGet(batch.getMessagesCount());
                return;
            }
            sent.addAndGet(batch.getMessagesCount());
        }
    }

    @Override
    public void close() {
        closed = true;
        connector.interrupt();
        Stream s = current;
        if (s != null) {
            s.cancel("node is shutting down");
        }
        channel.shutdownNow();
        try {
            connector.join(1000);
            channel.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One attempt at a stream to the peer, from Hello to its end. */
    private final class Stream implements ClientResponseObserver<PeerFrame, PeerReply> {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private ClientCallStreamObserver<PeerFrame> requests;
        private volatile boolean welcomed;
        private volatile boolean broken;
        /** The peer's limit, from its Welcome (older peers send none: assume ours). */
        private volatile int peerMaxMessageBytes = settings.maxMessageBytes();

        /** Sends Hello and waits for Welcome; false when the peer did not accept in time. */
        boolean open() throws InterruptedException {
            attempts.incrementAndGet();
            // One attempt is one connection try: reset the channel's own (slow) backoff, and fail
            // fast if the peer cannot be reached, so our backoff alone paces the retries.
            channel.resetConnectBackoff();
            PeerGrpc.newStub(channel).connect(this);
            write(PeerFrame.newBuilder().setHello(Hello.newBuilder().setFrom(self).setTo(peer)).build());
            long deadline = System.nanoTime() + settings.peerConnectTimeout().toNanos();
            lock.lock();
            try {
                while (!welcomed && !broken && !closed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    changed.awaitNanos(left);
                }
                return welcomed && !broken;
            } finally {
                lock.unlock();
            }
        }

        /** Waits until the stream breaks or the link closes. */
        void awaitBroken() throws InterruptedException {
            lock.lock();
            try {
                while (!broken && !closed) {
                    changed.await();
                }
            } finally {
                lock.unlock();
            }
        }

        boolean write(PeerFrame frame) {
            lock.lock();
            try {
                if (broken) {
                    return false;
                }
                requests.onNext(frame);
                return true;
            } catch (RuntimeException e) {
                broken = true;
                changed.signalAll(); // the connector starts over
                return false;
            } finally {
                lock.unlock();
            }
        }

        void cancel(String why) {
            lock.lock();
            try {
                if (requests != null && !broken) {
                    requests.cancel(why, null);
                }
                broken = true;
                changed.signalAll();
            } catch (RuntimeException e) {
                broken = true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<PeerFrame> requestStream) {
            this.requests = requestStream;
            // Ready again after gRPC's flow control held writes back: drain on the network thread.
            requestStream.setOnReadyHandler(PeerLink.this::drain);
        }

        @Override
        public void onNext(PeerReply reply) {
            if (reply.hasWelcome()) {
                int limit = reply.getWelcome().getMaxMessageBytes();
                if (limit > 0) {
                    peerMaxMessageBytes = limit;
                }
                welcomed = true;
                signal();
                drain();
            }
        }

        @Override
        public void onError(Throwable t) {
            if (welcomed && !closed) {
                LOG.log(Level.DEBUG, "stream to peer " + peer + " broke: " + t);
            }
            broken = true;
            signal();
        }

        @Override
        public void onCompleted() {
            broken = true;
            signal();
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
}
