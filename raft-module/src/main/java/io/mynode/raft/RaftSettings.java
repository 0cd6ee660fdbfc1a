package io.mynode.raft;

import io.mynode.kernel.config.ConfigKey;
import io.mynode.kernel.config.ConfigKeys;
import io.mynode.kernel.config.Settings;
import io.mynode.kernel.error.ConfigException;
import io.mynode.raft.core.RaftConfig;
import java.util.concurrent.TimeUnit;

/**
 * The {@code raft.*} keys of {@code node.properties}: declared here with their defaults, ranges and
 * descriptions ({@code mynode-server --help-config} prints them), read once at start.
 */
record RaftSettings(long tickMillis, RaftConfig core, Timing timing, long segmentBytes, int inboxCapacity,
        long inboxBytes) {

    static final ConfigKeys KEYS = new ConfigKeys();
    static final ConfigKey<Long> TICK_MS = KEYS.number("tick.ms", 20, 1, 10_000,
            "length of one logical tick; ticks missed while the raft thread was stalled are dropped, not caught up");
    static final ConfigKey<Integer> ELECTION_TICKS = KEYS.integer("election.ticks", 10, 2, 100_000,
            "minimum election timeout; each is drawn from [n, 2n), up to [n, 9n) after failed elections in a row");
    static final ConfigKey<Integer> HEARTBEAT_TICKS = KEYS.integer("heartbeat.ticks", 2, 1, 99_999,
            "leader heartbeat interval, below election.ticks");
    static final ConfigKey<Long> APPEND_BYTES = KEYS.size("append.bytes", 1 << 20, 1, 256L << 20,
            "soft cap on the entries of one append message");
    static final ConfigKey<Integer> INFLIGHT = KEYS.integer("inflight", 64, 1, 1 << 16,
            "append messages pipelined per follower");
    static final ConfigKey<Integer> SNAPSHOT_CHUNK_BYTES = KEYS.integer("snapshot.chunk.bytes", 1 << 20, 1, 32 << 20,
            "bytes per InstallSnapshot message");
    static final ConfigKey<Boolean> PRE_VOTE = KEYS.bool("pre.vote", true, "pre-vote before raising the term");
    static final ConfigKey<Boolean> CHECK_QUORUM = KEYS.bool("check.quorum", true,
            "a leader that does not hear from a quorum steps down; followers refuse votes while they hear a leader");
    static final ConfigKey<Boolean> READ_LEASE = KEYS.bool("read.lease", true,
            "a leader answers reads without a heartbeat round for 90% of (election.ticks - 2) x tick.ms after a "
                    + "quorum acknowledged one; off without check.quorum or below 3 election ticks");
    static final ConfigKey<Integer> RETRY_TICKS = KEYS.computedInteger("retry.ticks", "2 x election.ticks", 1,
            Integer.MAX_VALUE, "resend an unanswered proposal or read after this many ticks");
    static final ConfigKey<Long> TIMEOUT_MS = KEYS.number("timeout.ms", 10_000, 1, 24L * 3600 * 1000,
            "give up on a proposal or read after this long (at least one tick)");
    static final ConfigKey<Long> SNAPSHOT_ENTRIES = KEYS.number("snapshot.entries", 10_000, 1, 1L << 40,
            "flush the state machine and compact the log after this many applied entries");
    static final ConfigKey<Long> SEGMENT_BYTES = KEYS.size("segment.bytes", 16L << 20, 4096, 1L << 40,
            "size of a log segment file (preallocated: each new one is written full of zeros ahead of time)");
    static final ConfigKey<Integer> INBOX_CAPACITY = KEYS.integer("inbox.capacity", 65_536, 16, 1 << 24,
            "queued inputs of the raft thread before new ones are refused");
    static final ConfigKey<Long> INBOX_BYTES = KEYS.computedSize("inbox.bytes", "1/16 of the heap, 1m..32m",
            1 << 20, 1L << 40, "bytes of peer messages queued for the raft thread before new ones are dropped");

    /** A sixteenth of the heap, 1 MiB to 32 MiB: what a stalled node may hold of its peers' messages. */
    static long defaultInboxBytes() {
        return Math.clamp(Runtime.getRuntime().maxMemory() / 16, 1L << 20, 32L << 20);
    }

    /** Reads the settings; relations between keys (heartbeat below election) are checked here. */
    static RaftSettings parse(Settings s) {
        long tick = s.get(TICK_MS);
        int election = s.get(ELECTION_TICKS);
        int heartbeat = s.get(HEARTBEAT_TICKS);
        if (heartbeat >= election) {
            throw new ConfigException(s.qualified(HEARTBEAT_TICKS) + ": " + heartbeat + " must be below "
                    + s.qualified(ELECTION_TICKS) + " (" + election + ")");
        }
        boolean checkQuorum = s.get(CHECK_QUORUM);
        boolean readLease = s.get(READ_LEASE);
        RaftConfig core = new RaftConfig(
                election,
                heartbeat,
                s.get(APPEND_BYTES),
                s.get(INFLIGHT),
                s.get(SNAPSHOT_CHUNK_BYTES),
                s.get(PRE_VOTE),
                checkQuorum,
                // Leases rest on followers refusing votes, which check-quorum turns on: without it, no lease.
                readLease && checkQuorum ? RaftConfig.safeLeaseNanos(election, TimeUnit.MILLISECONDS.toNanos(tick)) : 0);
        long timeoutMs = s.get(TIMEOUT_MS);
        if (timeoutMs < tick) {
            throw new ConfigException(s.qualified(TIMEOUT_MS) + ": " + timeoutMs + " is shorter than one tick ("
                    + s.qualified(TICK_MS) + "=" + tick + ")");
        }
        int timeoutTicks = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMs / tick));
        int retry = s.get(RETRY_TICKS, 2 * election);
        if (s.find(RETRY_TICKS).isPresent() && retry > Math.max(1, timeoutTicks)) {
            throw new ConfigException(s.qualified(RETRY_TICKS) + ": " + retry + " is longer than "
                    + s.qualified(TIMEOUT_MS) + " (" + timeoutTicks + " ticks)");
        }
        Timing timing = new Timing(retry, Math.max(retry, timeoutTicks), s.get(SNAPSHOT_ENTRIES));
        return new RaftSettings(tick, core, timing, s.get(SEGMENT_BYTES), s.get(INBOX_CAPACITY),
                s.get(INBOX_BYTES, defaultInboxBytes()));
    }
}
