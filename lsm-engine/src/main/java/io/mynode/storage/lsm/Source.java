package io.mynode.storage.lsm;

import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.storage.lsm.sstable.Table;
import io.mynode.storage.lsm.sstable.TableCursor;
import java.util.Arrays;
import java.util.List;

/**
 * One sorted input of a merge: a memtable, one table, or a whole non-overlapping level. A source
 * yields at most one entry per key (its newest), tombstones included, in one direction, starting
 * at the range's near end; the {@link Merger} stops at the far end. Used by one thread.
 */
sealed interface Source permits Source.OfMemtable, Source.OfTable, Source.OfLevel {

    boolean valid();

    /** The current key; shared, never to be modified or handed out. */
    byte[] key();

    boolean isDelete();

    /** The current value, a fresh copy. */
    byte[] value();

    /** Moves one entry on, in the source's direction. */
    void advance();

    /** The versions of a memtable visible at {@code seq}. */
    final class OfMemtable implements Source {
        private final Memtable.Walk walk;

        OfMemtable(Memtable memtable, long seq, KeyRange range, Direction direction) {
            this.walk = direction == Direction.ASCENDING
                    ? memtable.new Walk(seq, true, range.start(), range.startInclusive())
                    : memtable.new Walk(seq, false, range.end(), range.endInclusive());
        }

        @Override
        public boolean valid() {
            return walk.valid();
        }

        @Override
        public byte[] key() {
            return walk.key();
        }

        @Override
        public boolean isDelete() {
            return walk.isDelete();
        }

        @Override
        public byte[] value() {
            return walk.value();
        }

        @Override
        public void advance() {
            walk.advance();
        }
    }

    /** The entries of one table. */
    final class OfTable implements Source {
        private final TableCursor cursor;
        private final boolean ascending;
        private byte[] key;

        OfTable(Table table, KeyRange range, Direction direction, boolean fillCache) {
            this.cursor = table.cursor(fillCache);
            this.ascending = direction == Direction.ASCENDING;
            if (ascending) {
                if (range.start() == null) {
                    cursor.seekToFirst();
                } else {
                    cursor.seek(range.start());
                    if (!range.startInclusive() && cursor.valid() && cursor.compareKey(range.start()) == 0) {
                        cursor.next();
                    }
                }
            } else {
                if (range.end() == null) {
                    cursor.seekToLast();
                } else {
                    cursor.seekForPrev(range.end());
                    if (!range.endInclusive() && cursor.valid() && cursor.compareKey(range.end()) == 0) {
                        cursor.prev();
                    }
                }
            }
            key = cursor.valid() ? cursor.key() : null;
        }

        @Override
        public boolean valid() {
            return key != null;
        }

        @Override
        public byte[] key() {
            return key;
        }

        @Override
        public boolean isDelete() {
            return cursor.isDelete();
        }

        @Override
        public byte[] value() {
            return cursor.value();
        }

        @Override
        public void advance() {
            if (ascending) {
                cursor.next();
            } else {
                cursor.prev();
            }
            key = cursor.valid() ? cursor.key() : null;
        }
    }

    /** A level of tables with disjoint key ranges, sorted: read as one long table. */
    final class OfLevel implements Source {
        private final List<Table> tables;
        private final KeyRange range;
        private final Direction direction;
        private final boolean fillCache;
        private int index;
        private OfTable current;

        OfLevel(List<Table> tables, KeyRange range, Direction direction, boolean fillCache) {
            this.tables = tables;
            this.fillCache = fillCache;
            this.range = range;
            this.direction = direction;
            if (direction == Direction.ASCENDING) {
                index = range.start() == null ? 0 : firstEndingAtOrAfter(tables, range.start());
            } else {
                index = range.end() == null ? tables.size() - 1 : firstEndingAtOrAfter(tables, range.end());
                if (index == tables.size()) {
                    index--;
                }
            }
            open();
        }

        /** Index of the first table whose largest key is at or after {@code key}. */
        static int firstEndingAtOrAfter(List<Table> tables, byte[] key) {
            int lo = 0;
            int hi = tables.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (Arrays.compareUnsigned(tables.get(mid).meta().largest(), key) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private void open() {
            current = null;
            while (index >= 0 && index < tables.size()) {
                current = new OfTable(tables.get(index), range, direction, fillCache);
                if (current.valid()) {
                    return;
                }
                index += direction == Direction.ASCENDING ? 1 : -1;
            }
            current = null;
        }

        @Override
        public boolean valid() {
            return current != null && current.valid();
        }

        @Override
        public byte[] key() {
            return current.key();
        }

        @Override
        public boolean isDelete() {
            return current.isDelete();
        }

        @Override
        public byte[] value() {
            return current.value();
        }

        @Override
        public void advance() {
            current.advance();
            if (!current.valid()) {
                index += direction == Direction.ASCENDING ? 1 : -1;
                open();
            }
        }
    }
}
