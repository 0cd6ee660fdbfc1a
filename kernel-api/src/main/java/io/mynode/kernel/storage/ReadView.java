package io.mynode.kernel.storage;

import java.util.Optional;

/** Reads over an ordered byte-key store: the part shared by an engine and its snapshots. */
public interface ReadView {
    /** The value stored under {@code key}, or empty. */
    Optional<byte[]> get(byte[] key);

    /**
     * The entries whose keys lie in {@code range}, in {@code direction} order. The cursor sees a
     * consistent state: on an engine, the state when the scan started; writes that land during
     * the scan are not seen.
     */
    Cursor scan(KeyRange range, Direction direction);

    /** Ascending scan. */
    default Cursor scan(KeyRange range) {
        return scan(range, Direction.ASCENDING);
    }
}
