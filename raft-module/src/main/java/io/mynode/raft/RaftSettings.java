package io.mynode.raft;

import io.mynode.kernel.config.Settings;
import io.mynode.raft.core.RaftConfig;
import java.util.concurrent.TimeUnit;

/**
 * The {@code raft.*} keys of {@code node.properties}, validated; see the package documentation
 * for what each one means and its default.
 */
record RaftSettings(long tickMillis, RaftConfig core, Timing timing, long segmentBytes, int inboxCapacity,
        long inboxBytes) {

    static final String[] KEYS = {
        "tick.ms", "election.ticks", "heartbeat.ticks", "append.bytes", "inflight", "snapshot.chunk.bytes",
        "pre.vote", "check.quorum", "retry.ticks", "timeout.ms", "snapshot.entries", "segment.bytes",
        "inbox.capacity", "inbox.bytes", "read.lease"
    };

    /** A sixteenth of the heap, 1 MiB to 32 MiB: what a stalled node may hold of its peers' messages. */
    static long defaultInboxBytes() {
        return Math.clamp(Runtime.getRuntime().maxMemory() / 16, 1L << 20, 32L << 20);
    }

    static RaftSettings parse(Settings s) {
        s.requireOnly(KEYS);
        long tick = s.longValue("tick.ms", 20, 1, 10_000);
        int election = s.intValue("election.ticks", 10, 2, 100_000);
        int heartbeat = s.intValue("heartbeat.ticks", 2, 1, election - 1);
        boolean checkQuorum = s.bool("check.quorum", true);
        boolean readLease = s.bool("read.lease", true);
        RaftConfig core = new RaftConfig(
                election,
                heartbeat,
                s.longValue("append.bytes", 1 << 20, 1, 256L << 20),
                s.intValue("inflight", 64, 1, 1 << 16),
                s.intValue("snapshot.chunk.bytes", 1 << 20, 1, 32 << 20),
                s.bool("pre.vote", true),
                checkQuorum,
                // Leases rest on followers refusing votes, which check-quorum turns on: without it, no lease.
                readLease && checkQuorum ? RaftConfig.safeLeaseNanos(election, TimeUnit.MILLISECONDS.toNanos(tick)) : 0);
        long timeoutMs = s.longValue("timeout.ms", 10_000, tick, 24L * 3600 * 1000);
        int timeoutTicks = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMs / tick));
        int retry = s.intValue("retry.ticks", 2 * election, 1, Math.max(1, timeoutTicks));
        Timing timing = new Timing(retry, Math.max(retry, timeoutTicks), s.longValue("snapshot.entries", 10_000, 1, 1L << 40));
        return new RaftSettings(tick, core, timing, s.longValue("segment.bytes", 16L << 20, 4096, 1L << 40),
                s.intValue("inbox.capacity", 65_536, 16, 1 << 24),
                s.longValue("inbox.bytes", defaultInboxBytes(), 1 << 20, 1L << 40));
    }
}
