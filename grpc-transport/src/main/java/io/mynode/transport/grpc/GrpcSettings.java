package io.mynode.transport.grpc;

import io.mynode.kernel.config.ConfigKey;
import io.mynode.kernel.config.ConfigKeys;
import io.mynode.kernel.config.Settings;
import io.mynode.kernel.error.ConfigException;
import java.time.Duration;

/**
 * The node-side {@code grpc.*} keys: declared here with defaults, ranges and a line each
 * ({@code mynode-server --help-config} prints them), read once at start. The client side reads
 * system properties instead ({@link ClientSettings}).
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
        int networkThreads) {

    static final ConfigKeys KEYS = new ConfigKeys();
    static final ConfigKey<Long> MAX_MESSAGE_BYTES = KEYS.size("max.message.bytes", 32 << 20, 64 << 10, Integer.MAX_VALUE,
            "largest message accepted (a statement, a peer batch); larger ones end the call with RESOURCE_EXHAUSTED");
    static final ConfigKey<Long> CHUNK_BYTES = KEYS.size("chunk.bytes", 64 << 10, 1 << 10, Integer.MAX_VALUE / 2,
            "rows are streamed to clients in chunks of about this size (at most half of max.message.bytes)");
    static final ConfigKey<Integer> PEER_QUEUE = KEYS.integer("peer.queue", 4096, 1, 1 << 24,
            "messages queued per peer; when full the oldest is dropped");
    static final ConfigKey<Long> PEER_QUEUE_BYTES = KEYS.computedSize("peer.queue.bytes", "1/32 of the heap, 1m..64m",
            1 << 20, 1L << 40, "bytes queued per peer; beyond, the oldest messages are dropped");
    static final ConfigKey<Long> PEER_BATCH_BYTES = KEYS.size("peer.batch.bytes", 1 << 20, 1 << 10, Integer.MAX_VALUE / 2,
            "most bytes sent to a peer in one frame (at most half of max.message.bytes)");
    static final ConfigKey<Long> PEER_BACKOFF_MIN_MS = KEYS.number("peer.backoff.min.ms", 50, 1, 60_000,
            "first reconnect delay to a peer");
    static final ConfigKey<Long> PEER_BACKOFF_MAX_MS = KEYS.number("peer.backoff.max.ms", 2_000, 1, 600_000,
            "reconnect delay cap, doubling from peer.backoff.min.ms");
    static final ConfigKey<Long> PEER_CONNECT_TIMEOUT_MS = KEYS.number("peer.connect.timeout.ms", 2_000, 10, 600_000,
            "deadline for a peer to accept a new stream");
    static final ConfigKey<Long> KEEPALIVE_MS = KEYS.number("keepalive.ms", 10_000, 1_000, 3_600_000,
            "HTTP/2 ping interval on idle peer connections");
    static final ConfigKey<Long> HANDSHAKE_TIMEOUT_MS = KEYS.number("handshake.timeout.ms", 5_000, 10, 600_000,
            "a connection that has not spoken HTTP/2 by then is closed");
    static final ConfigKey<Long> SHUTDOWN_GRACE_MS = KEYS.number("shutdown.grace.ms", 2_000, 0, 600_000,
            "how long close() lets running statements finish");
    static final ConfigKey<Integer> NETWORK_THREADS = KEYS.integer("network.threads", 1, 1, 256,
            "network (event-loop) threads shared by the server and the peer links");

    /**
     * A share of the heap: with four peers, an eighth of it can wait in their queues. A fixed
     * 64 MiB per peer filled a 256 MiB heap when two peers were paused, since a leader probes a
     * silent follower with an append of up to 1 MiB every heartbeat.
     */
    static long defaultPeerQueueBytes() {
        return Math.clamp(Runtime.getRuntime().maxMemory() / 32, 1L << 20, 64L << 20);
    }

    /** Reads {@code settings}; values out of range, alone or against each other, are a ConfigException. */
    static GrpcSettings from(Settings settings) {
        int maxMessage = (int) (long) settings.get(MAX_MESSAGE_BYTES);
        int chunk = atMostHalf(settings, CHUNK_BYTES, maxMessage);
        long backoffMin = settings.get(PEER_BACKOFF_MIN_MS);
        long backoffMax = settings.get(PEER_BACKOFF_MAX_MS);
        if (backoffMax < backoffMin) {
            throw new ConfigException(settings.qualified(PEER_BACKOFF_MAX_MS) + ": " + backoffMax + " is below "
                    + settings.qualified(PEER_BACKOFF_MIN_MS) + " (" + backoffMin + ")");
        }
        return new GrpcSettings(
                maxMessage,
                chunk,
                settings.get(PEER_QUEUE),
                settings.get(PEER_QUEUE_BYTES, defaultPeerQueueBytes()),
                atMostHalf(settings, PEER_BATCH_BYTES, maxMessage),
                Duration.ofMillis(backoffMin),
                Duration.ofMillis(backoffMax),
                Duration.ofMillis(settings.get(PEER_CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(settings.get(KEEPALIVE_MS)),
                Duration.ofMillis(settings.get(HANDSHAKE_TIMEOUT_MS)),
                Duration.ofMillis(settings.get(SHUTDOWN_GRACE_MS)),
                settings.get(NETWORK_THREADS));
    }

    /** A written value must fit twice in a message; the default is left as it is. */
    private static int atMostHalf(Settings settings, ConfigKey<Long> key, int maxMessage) {
        long v = settings.get(key);
        if (settings.find(key).isPresent() && v > maxMessage / 2) {
            throw new ConfigException(settings.qualified(key) + ": " + v + " is more than half of "
                    + settings.qualified(MAX_MESSAGE_BYTES) + " (" + maxMessage + ")");
        }
        return (int) v;
    }
}
