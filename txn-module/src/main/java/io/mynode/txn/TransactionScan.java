package io.mynode.txn;

import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A transaction's scan: the stored entries visible at its snapshot merged, in scan order, with its
 * own buffered writes in the range (a buffered write replaces the stored entry, a buffered delete
 * hides it). Streams: it holds one stored and one buffered entry at a time.
 *
 * <p>It also remembers how far the caller could see, for validation: every key up to the last
 * one {@link #hasNext()} exposed, or the whole range once the scan ran out. A caller that stops
 * early is thus only charged with the part it looked at, which keeps a {@code LIMIT 10} from
 * conflicting with inserts far down the range.
 */
final class TransactionScan implements Cursor {
    private final KeyRange range;
    private final boolean ascending;
    private final Cursor stored;
    private final Iterator<Map.Entry<byte[], byte[]>> own;
    private Entry storedNext;
    private Map.Entry<byte[], byte[]> ownNext;
    private Entry next;
    private byte[] reached;
    private boolean exhausted;

    TransactionScan(KeyRange range, Direction direction, Cursor stored, NavigableMap<byte[], byte[]> own) {
        this.range = range;
        this.ascending = direction == Direction.ASCENDING;
        this.stored = stored;
        this.own = own.entrySet().iterator();
    }

    @Override
    public boolean hasNext() {
        if (next == null && !exhausted) {
            next = advance();
            if (next == null) {
                exhausted = true;
                stored.close();
            } else {
                reached = next.key();
            }
        }
        return next != null;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Entry e = next;
        next = null;
        return e;
    }

    private Entry advance() {
        while (true) {
            if (storedNext == null && stored.hasNext()) {
                storedNext = stored.next();
            }
            if (ownNext == null && own.hasNext()) {
                ownNext = own.next();
            }
            if (storedNext == null && ownNext == null) {
                return null;
            }
            int c;
            if (storedNext == null) {
                c = 1;
            } else if (ownNext == null) {
                c = -1;
            } else {
                c = Keys.compare(storedNext.key(), ownNext.getKey());
                c = ascending ? c : -c;
            }
            if (c < 0) {
                Entry e = storedNext;
                storedNext = null;
                return e;
            }
            if (c == 0) {
                storedNext = null; // the transaction's own write replaces the stored entry
            }
            Map.Entry<byte[], byte[]> w = ownNext;
            ownNext = null;
            if (w.getValue() != MvccTransaction.DELETED) {
                return new Entry(w.getKey().clone(), w.getValue().clone());
            }
        }
    }

    /** The part of the range the caller could observe so far; empty if none. */
    Optional<KeyRange> covered() {
        if (exhausted) {
            return Optional.of(range);
        }
        if (reached == null) {
            return Optional.empty();
        }
        return Optional.of(ascending
                ? new KeyRange(range.start(), range.startInclusive(), reached, true)
                : new KeyRange(reached, true, range.end(), range.endInclusive()));
    }

    @Override
    public void close() {
        stored.close();
    }
}
