package io.mynode.storage.lsm.sstable;

/**
 * A two-level position in a {@link Table}: a block number and a {@link Block.Cursor} inside it.
 * Moves both ways; blocks come from the cache. Used by one thread.
 */
public final class TableCursor {
    private final Table table;
    private final boolean fillCache;
    private int blockIndex = -1;
    private Block.Cursor inner;

    TableCursor(Table table, boolean fillCache) {
        this.table = table;
        this.fillCache = fillCache;
    }

    public boolean valid() {
        return inner != null && inner.valid();
    }

    /** A copy of the current key. */
    public byte[] key() {
        return inner.key();
    }

    public int compareKey(byte[] other) {
        return inner.compareKey(other);
    }

    public boolean isDelete() {
        return inner.isDelete();
    }

    /** A copy of the current value (empty for a tombstone). */
    public byte[] value() {
        return inner.value();
    }

    private boolean load(int i) {
        if (i < 0 || i >= table.blockCount()) {
            inner = null;
            blockIndex = -1;
            return false;
        }
        blockIndex = i;
        inner = table.block(i, fillCache).cursor();
        return true;
    }

    public void seekToFirst() {
        if (load(0)) {
            inner.seekToFirst();
            skipForward();
        }
    }

    public void seekToLast() {
        if (load(table.blockCount() - 1)) {
            inner.seekToLast();
            skipBackward();
        }
    }

    /** The first entry at or after {@code target}. */
    public void seek(byte[] target) {
        if (load(table.findBlock(target))) {
            inner.seek(target);
            skipForward();
        }
    }

    /** The last entry at or before {@code target}. */
    public void seekForPrev(byte[] target) {
        seek(target);
        if (!valid()) {
            seekToLast();
        } else if (inner.compareKey(target) > 0) {
            prev();
        }
    }

    public void next() {
        inner.next();
        skipForward();
    }

    public void prev() {
        inner.prev();
        skipBackward();
    }

    private void skipForward() {
        while (inner != null && !inner.valid()) {
            if (load(blockIndex + 1)) {
                inner.seekToFirst();
            }
        }
    }

    private void skipBackward() {
        while (inner != null && !inner.valid()) {
            if (load(blockIndex - 1)) {
                inner.seekToLast();
            }
        }
    }
}
