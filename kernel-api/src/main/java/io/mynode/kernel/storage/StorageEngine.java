package io.mynode.kernel.storage;

/**
 * An ordered byte-key store: the contract every storage engine implements and the only thing the
 * layers above know of storage.
 *
 * <p><b>Durability.</b> {@link #write} is atomic but need not be durable. {@link #flush} makes
 * every batch written before it durable. After a crash the engine reopens at an atomic prefix of
 * the batches written, no earlier than the last completed flush. A torn or corrupted file is
 * detected by checksum and reported as a {@link io.mynode.kernel.error.CorruptionException},
 * never served.
 *
 * <p><b>Threads.</b> Reads, snapshots and scans may run on any number of threads concurrently
 * with one writer; concurrent calls to {@code write} are serialized by the engine.
 *
 * <p><b>Limits.</b> Keys are at least one byte. Each engine documents its maximum key and value
 * sizes; larger ones are rejected with an {@link io.mynode.kernel.error.InvalidInputException}
 * and the batch changes nothing.
 */
public interface StorageEngine extends ReadView, AutoCloseable {

    /** Applies every operation of the batch atomically. An empty batch is a no-op. */
    void write(WriteBatch batch);

    /** A consistent view of the current state that later writes do not change. */
    Snapshot snapshot();

    /** Makes every batch written before this call durable. */
    void flush();

    /** Figures about the engine, cheap enough to call on every {@code !status}. */
    StorageStatus status();

    /** Flushes and releases files. Using the engine after close is an error. */
    @Override
    void close();
}
