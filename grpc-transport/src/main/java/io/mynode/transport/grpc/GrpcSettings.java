package io.mynode.transport.grpc;

import io.mynode.kernel.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The node-side {@code grpc.*} keys, validated once at start so that a typo stops the node.
 *
 * <table>
 *   <caption>Keys under {@code grpc.}</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code max.message.bytes}</td><td>32m</td><td>largest message accepted (a statement, a
 *       peer batch); larger ones end the call with RESOURCE_EXHAUSTED</td></tr>
 *   <tr><td>{@code chunk.bytes}</td><td>64k</td><td>rows are streamed in chunks of about this size</td></tr>
 *   <tr><td>{@code peer.queue}</td><td>4096</td><td>messages queued per peer; when full the oldest is dropped</td></tr>
 *   <tr><td>{@code peer.queue.bytes}</td><td>1/32 of the heap, 1m..64m</td><td>bytes queued per peer; beyond,
 *       the oldest messages are dropped</td></tr>
 *   <tr><td>{@code peer.batch.bytes}</td><td>1m</td><td>most bytes sent to a peer in one frame</td></tr>
 *   <tr><td>{@code peer.backoff.min.ms}</td><td>50</td><td>first reconnect delay to a peer</td></tr>
 *   <tr><td>{@code peer.backoff.max.ms}</td><td>2000</td><td>reconnect delay cap (doubling in between)</td></tr>
 *   <tr><td>{@code peer.connect.timeout.ms}</td><td>2000</td><td>deadline for a peer to accept a new stream</td></tr>
 *   <tr><td>{@code keepalive.ms}</td><td>10000</td><td>HTTP/2 ping interval on idle peer connections</td></tr>
 *   <tr><td>{@code handshake.timeout.ms}</td><td>5000</td><td>a connection that has not spoken HTTP/2 by then is closed</td></tr>
 *   <tr><td>{@code shutdown.grace.ms}</td><td>2000</td><td>how long {@code close()} lets running statements finish</td></tr>
 *   <tr><td>{@code network.threads}</td><td>1</td><td>network (event-loop) threads shared by the server
 *       and the peer links; see {@link NetworkThreads}</td></tr>
 *   <tr><td>{@code faults.file}</td><td>(none)</td><td>testing only: a file of peer ids whose messages are dropped</td></tr>
 *   <tr><td>{@code faults.poll.ms}</td><td>100</td><td>how often the faults file is read</td></tr>
 * </table>
 */
record GrpcSettings(
        int maxMessageBytes,
        int chunkBytes,
        int peerQueue,
        long peerQueueBytes,
        int peerBatchBytes,
        Duration peerBackoffMin,
        Duration peerBackoffMax,
        Duration peerConnectTimeout,
        Duration keepAlive,
        Duration handshakeTimeout,
        Duration shutdownGrace,
        int networkThreads,
        Optional<Path> faultsFile,
        Duration faultsPoll) {

    static final String[] KEYS = {
        "max.message.bytes", "chunk.bytes", "peer.queue", "peer.queue.bytes", "peer.batch.bytes", "peer.backoff.min.ms",
        "peer.backoff.max.ms", "peer.connect.timeout.ms", "keepalive.ms", "handshake.timeout.ms",
        "shutdown.grace.ms", "network.threads", "faults.file", "faults.poll.ms"
    };

    /** Reads and checks {@code settings}; an unknown key or a value out of range is a ConfigException. */
    /**
     * A share of the heap: with four peers, an eighth of it can wait in their queues. A fixed
     * 64 MiB per peer filled a 256 MiB heap when two peers were paused, since a leader probes a
     * silent follower with an append of up to 1 MiB every heartbeat.
     */
    static long defaultPeerQueueBytes() {
        return Math.clamp(Runtime.getRuntime().maxMemory() / 32, 1L << 20, 64L << 20);
    }

    static GrpcSettings from(Settings settings) {
        settings.requireOnly(KEYS);
        int maxMessage = settings.intValue("max.message.bytes", 32 << 20, 64 << 10, Integer.MAX_VALUE);
        int chunk = settings.intValue("chunk.bytes", 64 << 10, 1 << 10, maxMessage / 2);
        long backoffMin = settings.longValue("peer.backoff.min.ms", 50, 1, 60_000);
        long backoffMax = settings.longValue("peer.backoff.max.ms", 2_000, backoffMin, 600_000);
        String faults = settings.string("faults.file", "").trim();
        return new GrpcSettings(
                maxMessage,
                chunk,
                settings.intValue("peer.queue", 4096, 1, 1 << 24),
                settings.longValue("peer.queue.bytes", defaultPeerQueueBytes(), 1 << 20, 1L << 40),
                settings.intValue("peer.batch.bytes", 1 << 20, 1 << 10, maxMessage / 2),
                Duration.ofMillis(backoffMin),
                Duration.ofMillis(backoffMax),
                Duration.ofMillis(settings.longValue("peer.connect.timeout.ms", 2_000, 10, 600_000)),
                Duration.ofMillis(settings.longValue("keepalive.ms", 10_000, 1_000, 3_600_000)),
                Duration.ofMillis(settings.longValue("handshake.timeout.ms", 5_000, 10, 600_000)),
                Duration.ofMillis(settings.longValue("shutdown.grace.ms", 2_000, 0, 600_000)),
                settings.intValue("network.threads", 1, 1, 256),
                faults.isEmpty() ? Optional.empty() : Optional.of(Path.of(faults)),
                Duration.ofMillis(settings.longValue("faults.poll.ms", 100, 10, 60_000)));
    }
}
