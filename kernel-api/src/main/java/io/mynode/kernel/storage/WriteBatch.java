package io.mynode.kernel.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Puts and deletes applied atomically by {@link StorageEngine#write(WriteBatch)}: after a crash
 * either all of a batch is visible or none of it. Within a batch, a later operation on the same
 * key wins. Not thread-safe; build it on one thread, then hand it over.
 */
public final class WriteBatch {
    /** An empty batch; add operations with {@link #put} and {@link #delete}. */
    public WriteBatch() {}

    /** One operation of a batch. */
    public sealed interface Op permits Put, Delete {
        byte[] key();
    }

    /** Store {@code value} under {@code key}, replacing any value there. */
    public record Put(byte[] key, byte[] value) implements Op {}

    /** Remove {@code key}; deleting an absent key is not an error. */
    public record Delete(byte[] key) implements Op {}

    private final List<Op> ops = new ArrayList<>();
    private long bytes;

    public WriteBatch put(byte[] key, byte[] value) {
        ops.add(new Put(key, value));
        bytes += key.length + value.length;
        return this;
    }

    public WriteBatch delete(byte[] key) {
        ops.add(new Delete(key));
        bytes += key.length;
        return this;
    }

    /** The operations in the order they were added. */
    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public int size() {
        return ops.size();
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** Sum of key and value lengths: what the batch asks an engine to store. */
    public long bytes() {
        return bytes;
    }
}
