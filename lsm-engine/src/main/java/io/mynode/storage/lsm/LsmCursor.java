package io.mynode.storage.lsm;

import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Entry;
import java.util.NoSuchElementException;

/**
 * The cursor a scan returns: the {@link Merger}'s stream without tombstones, with keys and values
 * copied out. It holds a pin on the levels it reads, dropped when closed or when it runs out, so
 * tables that compaction replaced stay on disk exactly as long as a cursor may read them.
 */
final class LsmCursor implements Cursor {
    private final Merger merger;
    private Levels pinned;
    private Entry next;

    LsmCursor(Merger merger, Levels pinned) {
        this.merger = merger;
        this.pinned = pinned;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (pinned == null) {
            return false;
        }
        while (merger.advance()) {
            if (!merger.isDelete()) {
                next = new Entry(merger.key().clone(), merger.value());
                return true;
            }
        }
        close();
        return false;
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

    @Override
    public void close() {
        if (pinned != null) {
            pinned.release();
            pinned = null;
        }
    }
}
