package io.mynode.raft.core;

import java.util.List;
import java.util.Optional;

/**
 * The core's view of its durable state: the log, the current term and the vote. The core calls
 * these methods synchronously; an implementation may buffer writes, and the caller that drives
 * the core makes them durable with {@link #sync()} before it sends any message the core produced
 * or applies any entry (so term, vote and entries are on disk before any reply leaves the node).
 *
 * <p>The log starts after a snapshot boundary: entries up to {@code firstIndex() - 1} were
 * compacted into a state machine snapshot, and only their last term is remembered.
 */
public interface Log {

    /** The first index still present; {@code lastIndex() + 1} when the log is empty. */
    long firstIndex();

    /** The last index present, or the snapshot boundary when no entry follows it (0 at start). */
    long lastIndex();

    /**
     * The term of the entry at {@code index}, for {@code firstIndex() - 1 <= index <= lastIndex()};
     * 0 for index 0. Throws {@link IndexOutOfBoundsException} outside that range.
     */
    long term(long index);

    /** Entries from {@code from} to {@code to} inclusive, stopping early after {@code maxBytes}; at least one. */
    List<Entry> entries(long from, long to, long maxBytes);

    /**
     * Appends {@code entries} (consecutive, the first at most {@code lastIndex() + 1}), first
     * discarding every present entry at or after the first one's index.
     */
    void append(List<Entry> entries);

    /**
     * Discards entries up to and including {@code index} (which must be present), remembering its
     * term and {@code config}, the cluster configuration in force at it. Durable when it returns.
     */
    void compact(long index, Configuration config);

    /**
     * Discards the whole log: it now starts after a snapshot at {@code index}, {@code term}, where
     * {@code config} was in force. Durable when it returns.
     */
    void resetTo(long index, long term, Configuration config);

    /**
     * The configuration in force at {@code firstIndex() - 1}, as recorded by {@link #compact},
     * {@link #resetTo} or {@link #saveConfiguration}; {@link Configuration#EMPTY} if none ever was.
     */
    Configuration configuration();

    /**
     * Records {@code config} as the configuration at the log's start without touching entries:
     * how a node's bootstrap membership ({@code cluster.peers}) enters the log on its first start.
     * Durable at the next {@link #sync()}.
     */
    void saveConfiguration(Configuration config);

    long currentTerm();

    Optional<String> votedFor();

    void saveTermAndVote(long term, Optional<String> votedFor);

    /** Makes everything written so far durable (one fsync per batch). */
    void sync();
}
