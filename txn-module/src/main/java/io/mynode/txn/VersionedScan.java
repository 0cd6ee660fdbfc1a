package io.mynode.txn;

import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.Entry;
import java.util.NoSuchElementException;

/**
 * The user entries visible at one version, streamed from a storage cursor over data keys: for
 * each user key, the newest version at or below {@code version}, unless that is a tombstone.
 *
 * <p>Ascending, a key's versions arrive newest first, so the first visible one decides and the
 * rest are skipped. Descending, they arrive oldest first, so the last visible one before the key
 * changes decides. Either way one pass, no buffering beyond one candidate. Not thread-safe.
 */
final class VersionedScan implements Cursor {
    private final Cursor inner;
    private final long version;
    private final boolean ascending;
    private final Runnable checkRetained;
    private Entry next;
    // Ascending: the data key whose user key has been decided. Descending: the key being collected.
    private byte[] current;
    private byte[] candidate; // descending: stored value of the newest visible version of `current`, if any

    VersionedScan(Cursor inner, long version, Direction direction, Runnable checkRetained) {
        this.inner = inner;
        this.version = version;
        this.ascending = direction == Direction.ASCENDING;
        this.checkRetained = checkRetained;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = ascending ? advanceAscending() : advanceDescending();
            checkRetained.run();
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

    private Entry advanceAscending() {
        while (inner.hasNext()) {
            Entry e = inner.next();
            byte[] k = e.key();
            if (Layout.version(k) > version || (current != null && Layout.sameUserKey(k, current))) {
                continue;
            }
            current = k;
            if (!Layout.isTombstone(e.value())) {
                return new Entry(Layout.userKey(k), Layout.userValue(e.value()));
            }
        }
        return null;
    }

    private Entry advanceDescending() {
        while (inner.hasNext()) {
            Entry e = inner.next();
            byte[] k = e.key();
            if (current != null && !Layout.sameUserKey(k, current)) {
                Entry out = decided();
                current = k;
                candidate = Layout.version(k) <= version ? e.value() : null;
                if (out != null) {
                    return out;
                }
                continue;
            }
            if (current == null) {
                current = k;
            }
            if (Layout.version(k) <= version) {
                current = k;
                candidate = e.value();
            }
        }
        Entry out = current == null ? null : decided();
        current = null;
        candidate = null;
        return out;
    }

    private Entry decided() {
        if (candidate == null || Layout.isTombstone(candidate)) {
            return null;
        }
        return new Entry(Layout.userKey(current), Layout.userValue(candidate));
    }

    @Override
    public void close() {
        inner.close();
    }
}
