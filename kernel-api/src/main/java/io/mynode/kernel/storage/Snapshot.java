package io.mynode.kernel.storage;

/**
 * A consistent read view of an engine at the moment {@link StorageEngine#snapshot()} returned.
 * It stays valid, and unchanged, while writes go on; closing it lets the engine reclaim space
 * the snapshot was holding. Reads after close fail with an {@link IllegalStateException}.
 * Safe for use by several threads.
 */
public interface Snapshot extends ReadView, AutoCloseable {
    @Override
    void close();
}
