package io.mynode.sql.store;

import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.KeyRange;
import java.util.Optional;

/**
 * The slice of a transaction the SQL layer reads and writes through: ordered byte keys.
 * {@link StatementBuffer} layers one statement's writes over a transaction so a failed
 * statement leaves its transaction as it was.
 */
public interface Store {
    Optional<byte[]> get(byte[] key);

    /** Entries in {@code range}, ascending, with this store's own writes applied. */
    Cursor scan(KeyRange range);

    void put(byte[] key, byte[] value);

    void delete(byte[] key);

    /** A number no other call returns, anywhere in the cluster, ever ({@link UniqueIds}). */
    long uniqueId();
}
