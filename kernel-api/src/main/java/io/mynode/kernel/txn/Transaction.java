package io.mynode.kernel.txn;

import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.KeyRange;
import java.util.Optional;

/**
 * One transaction: reads at a snapshot with its own buffered writes overlaid; writes are buffered
 * until {@link #commit()}, which applies them all or none.
 *
 * <p>Isolation is serializable: a commit that read anything a concurrent transaction has since
 * changed fails with a {@link io.mynode.kernel.error.SerializationFailure}, and the caller may
 * retry the whole transaction. Read-only transactions never conflict.
 *
 * <p>Not thread-safe: one transaction belongs to one session. After commit or rollback every
 * method but {@link #state()}, {@link #id()} and {@link #version()} fails with an
 * {@link IllegalStateException}.
 */
public interface Transaction extends AutoCloseable {

    /** Lifecycle of a transaction. */
    enum State { ACTIVE, COMMITTED, ROLLED_BACK }

    /** Unique among the transactions of the cluster; what the REPL prints. */
    long id();

    /** The snapshot version this transaction reads at. */
    long version();

    /** Whether writes are refused (a read-only or as-of transaction). */
    boolean readOnly();

    State state();

    /** The value of {@code key} at the snapshot, or this transaction's own write to it. */
    Optional<byte[]> get(byte[] key);

    /**
     * The entries in {@code range} at the snapshot, merged in key order with this transaction's
     * own writes. For validation, a scan records the range it actually covered: a cursor closed
     * early records only what it passed.
     */
    Cursor scan(KeyRange range, Direction direction);

    default Cursor scan(KeyRange range) {
        return scan(range, Direction.ASCENDING);
    }

    /** Buffers a write. Fails with {@code ReadOnlyException} in a read-only transaction. */
    void put(byte[] key, byte[] value);

    /** Buffers a delete. Fails with {@code ReadOnlyException} in a read-only transaction. */
    void delete(byte[] key);

    /**
     * Validates and applies the buffered writes atomically, through consensus. Returns the commit
     * version (for a read-only transaction or one without writes, its snapshot version).
     */
    long commit();

    /** Discards buffered writes. Harmless after commit or rollback. */
    void rollback();

    /** Rolls back if still active. */
    @Override
    default void close() {
        if (state() == State.ACTIVE) {
            rollback();
        }
    }
}
