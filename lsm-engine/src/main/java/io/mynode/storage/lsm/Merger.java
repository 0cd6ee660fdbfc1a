package io.mynode.storage.lsm;

import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges sources, newest first, into one ordered stream with one entry per key: where several
 * sources hold a key, the one earliest in the list (the newest data) wins and the others are
 * skipped. Tombstones are yielded too; readers skip them, compaction decides whether to keep them.
 *
 * <pre>
 *   memtable   a=1        d=⌫
 *   L0 table   a=0  b=5   d=4
 *   L1 level        b=2  c=3     ──►  a=1  b=5  c=3  d=⌫
 * </pre>
 *
 * A binary heap orders the sources by (current key in scan direction, age), as LevelDB's
 * {@code MergingIterator} does with its children. Used by one thread.
 */
final class Merger {
    private final PriorityQueue<Ranked> heap;
    private final KeyRange range;
    private final boolean ascending;
    private byte[] key;
    private boolean delete;
    private Source winner;

    private record Ranked(Source source, int age) {}

    Merger(List<Source> newestFirst, KeyRange range, Direction direction) {
        this.range = range;
        this.ascending = direction == Direction.ASCENDING;
        int sign = ascending ? 1 : -1;
        this.heap = new PriorityQueue<>(Math.max(1, newestFirst.size()), (x, y) -> {
            int c = Keys.compare(x.source.key(), y.source.key()) * sign;
            return c != 0 ? c : Integer.compare(x.age, y.age);
        });
        for (int i = 0; i < newestFirst.size(); i++) {
            Source s = newestFirst.get(i);
            if (s.valid()) {
                heap.add(new Ranked(s, i));
            }
        }
    }

    /** Moves to the next key; false once past the range or out of entries. */
    boolean advance() {
        if (winner != null) {
            Ranked top = heap.poll();
            top.source.advance();
            if (top.source.valid()) {
                heap.add(top);
            }
            winner = null;
        }
        Ranked top = heap.peek();
        if (top == null) {
            key = null;
            return false;
        }
        byte[] k = top.source.key();
        if (ascending ? !range.beforeEnd(k) : !range.afterStart(k)) {
            key = null;
            heap.clear();
            return false;
        }
        // Drop older versions of the same key from the other sources.
        heap.poll();
        while (!heap.isEmpty() && Keys.compare(heap.peek().source.key(), k) == 0) {
            Ranked older = heap.poll();
            older.source.advance();
            if (older.source.valid()) {
                heap.add(older);
            }
        }
        heap.add(top); // back on top: same key, and smaller than every other source's key
        winner = top.source;
        key = k;
        delete = winner.isDelete();
        return true;
    }

    /** The current key; shared with the source, so copy before handing it out. */
    byte[] key() {
        return key;
    }

    boolean isDelete() {
        return delete;
    }

    /** A fresh copy of the current value. */
    byte[] value() {
        return winner.value();
    }
}
