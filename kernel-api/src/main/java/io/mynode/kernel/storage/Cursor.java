package io.mynode.kernel.storage;

import java.util.Iterator;

/**
 * A forward-only iterator over entries that holds resources (a pinned snapshot, file handles)
 * until closed. Closing twice is harmless. A cursor is used by one thread at a time.
 */
public interface Cursor extends Iterator<Entry>, AutoCloseable {
    @Override
    void close();

    /** A cursor over entries already in memory, in the order given. */
    static Cursor of(Iterator<Entry> entries) {
        return new Cursor() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Entry next() {
                return entries.next();
            }

            @Override
            public void close() {}
        };
    }
}
