package io.mynode.sql.store;

import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import io.mynode.kernel.txn.Transaction;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One statement's writes, buffered over its transaction: reads see the transaction's snapshot
 * with the transaction's and this statement's writes overlaid; {@link #flush()} hands the
 * writes to the transaction once the statement succeeded, and a failed statement simply drops
 * the buffer. This is what makes a statement atomic inside an explicit transaction (the kernel
 * transaction has no savepoints), e.g. a multi-row INSERT whose third row breaks a constraint.
 *
 * <p>One thread; the buffer lives only as long as its statement.
 */
public final class StatementBuffer implements Store {
    /** Marks a delete in {@link #writes}. */
    private static final byte[] TOMBSTONE = new byte[0];

    private final Transaction txn;
    private final UniqueIds ids;
    private final TreeMap<byte[], byte[]> writes = new TreeMap<>(Keys.ORDER);

    /** A buffer over {@code txn} whose unique ids come from {@code ids}, shared by the transaction's statements. */
    public StatementBuffer(Transaction txn, UniqueIds ids) {
        this.txn = txn;
        this.ids = ids;
    }

    /** A buffer for a statement that takes no unique ids of its own (a query, or the only statement of its transaction). */
    public StatementBuffer(Transaction txn) {
        this(txn, new UniqueIds(txn.id()));
    }

    @Override
    public long uniqueId() {
        return ids.next();
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        byte[] own = writes.get(key);
        if (own != null) {
            return own == TOMBSTONE ? Optional.empty() : Optional.of(own);
        }
        return txn.get(key);
    }

    @Override
    public Cursor scan(KeyRange range) {
        Cursor below = txn.scan(range);
        if (writes.isEmpty()) {
            return below;
        }
        return new Merged(below, slice(range).entrySet().iterator());
    }

    private NavigableMap<byte[], byte[]> slice(KeyRange range) {
        NavigableMap<byte[], byte[]> m = writes;
        if (range.start() != null) {
            m = m.tailMap(range.start(), range.startInclusive());
        }
        if (range.end() != null) {
            m = m.headMap(range.end(), range.endInclusive());
        }
        return m;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        writes.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        writes.put(key, TOMBSTONE);
    }

    /** Whether the statement wrote anything. */
    public boolean isEmpty() {
        return writes.isEmpty();
    }

    /** Hands every buffered write to the transaction, in key order, and empties the buffer. */
    public void flush() {
        for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
            if (e.getValue() == TOMBSTONE) {
                txn.delete(e.getKey());
            } else {
                txn.put(e.getKey(), e.getValue());
            }
        }
        writes.clear();
    }

    /** Merges the transaction's cursor with the buffered writes; buffered entries win on a tie. */
    private static final class Merged implements Cursor {
        private final Cursor below;
        private final Iterator<Map.Entry<byte[], byte[]>> own;
        private Entry nextBelow;
        private Map.Entry<byte[], byte[]> nextOwn;
        private Entry next;

        Merged(Cursor below, Iterator<Map.Entry<byte[], byte[]>> own) {
            this.below = below;
            this.own = own;
            this.nextBelow = below.hasNext() ? below.next() : null;
            this.nextOwn = own.hasNext() ? own.next() : null;
            advance();
        }

        private void advance() {
            next = null;
            while (next == null && (nextBelow != null || nextOwn != null)) {
                int c = nextBelow == null ? 1 : nextOwn == null ? -1 : Keys.compare(nextBelow.key(), nextOwn.getKey());
                if (c < 0) {
                    next = nextBelow;
                    nextBelow = below.hasNext() ? below.next() : null;
                } else {
                    if (c == 0) {
                        nextBelow = below.hasNext() ? below.next() : null;
                    }
                    if (nextOwn.getValue() != TOMBSTONE) {
                        next = new Entry(nextOwn.getKey(), nextOwn.getValue());
                    }
                    nextOwn = own.hasNext() ? own.next() : null;
                }
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Entry next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Entry e = next;
            advance();
            return e;
        }

        @Override
        public void close() {
            below.close();
        }
    }
}
