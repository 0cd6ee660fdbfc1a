package io.mynode.raft.core;

/**
 * Where the core gets and puts state machine snapshots, for followers whose next entry was
 * compacted away. The leader streams the snapshot in chunks; the follower stores the chunks and,
 * on the last one, installs it.
 */
public interface Snapshots {

    /** Leader side: a snapshot covering at least the log's compaction point (taken now if needed). */
    SnapshotMeta latest();

    /**
     * Leader side: up to {@code max} bytes of {@code snapshot} from {@code offset}; empty if that
     * snapshot has been replaced by a newer one (the transfer then restarts from {@link #latest()}).
     */
    byte[] read(SnapshotMeta snapshot, long offset, int max);

    /** Follower side: starts receiving {@code snapshot}, discarding any partial one. */
    void begin(SnapshotMeta snapshot);

    /** Follower side: the next chunk of the snapshot begun last, in order. */
    void write(byte[] chunk);

    /**
     * Follower side: replaces the state machine with the received snapshot and makes that durable.
     * A malformed snapshot is a {@code CorruptionException} and changes nothing.
     */
    void install(SnapshotMeta snapshot);
}
