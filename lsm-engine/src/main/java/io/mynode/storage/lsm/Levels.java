package io.mynode.storage.lsm;

import io.mynode.storage.lsm.sstable.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One immutable arrangement of the tables into levels (LevelDB's "version"). Level 0 holds whole
 * flushed memtables, newest first, whose key ranges may overlap; every deeper level holds tables
 * with disjoint ranges sorted by key, each level about ten times the size of the one above.
 *
 * <pre>
 *   L0   [a..z]#41  [c..q]#38            newest first, overlapping
 *   L1   [a..f]#30 [g..m]#31 [n..z]#33   disjoint, sorted
 *   L2   [a..c]#12 [d..h]#14 ...          disjoint, sorted, ~10x L1
 * </pre>
 *
 * <p>Flushes and compactions never change a {@code Levels}; they build the next one. Readers and
 * snapshots pin the one they started with by reference count, and each {@code Levels} holds a
 * reference on its tables, so a table replaced by compaction stays readable (and on disk) until
 * the last reader that could see it is done.
 */
final class Levels {
    static final int COUNT = 7;

    private final List<List<Table>> levels;
    private final AtomicInteger refs = new AtomicInteger(1);

    /** Takes a reference on every table; the creator holds the first reference on the result. */
    Levels(List<List<Table>> levels) {
        this.levels = levels.stream().map(List::copyOf).toList();
        for (List<Table> level : this.levels) {
            for (Table t : level) {
                if (!t.retain()) {
                    throw new IllegalStateException("table " + t.meta() + " was already released");
                }
            }
        }
    }

    static Levels empty() {
        List<List<Table>> levels = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            levels.add(List.of());
        }
        return new Levels(levels);
    }

    List<Table> level(int i) {
        return levels.get(i);
    }

    List<List<Table>> all() {
        return levels;
    }

    long bytes(int level) {
        long sum = 0;
        for (Table t : levels.get(level)) {
            sum += t.meta().size();
        }
        return sum;
    }

    /** Tables of {@code level} (one of 1..) whose range meets {@code [from, to]}. */
    List<Table> overlapping(int level, byte[] from, byte[] to) {
        List<Table> out = new ArrayList<>();
        for (Table t : levels.get(level)) {
            if (Arrays.compareUnsigned(t.meta().largest(), from) >= 0 && Arrays.compareUnsigned(t.meta().smallest(), to) <= 0) {
                out.add(t);
            }
        }
        return out;
    }

    /** The next arrangement: {@code table} added at the front of level 0 (a flushed memtable). */
    Levels withFlushed(Table table) {
        List<List<Table>> next = new ArrayList<>(levels);
        List<Table> l0 = new ArrayList<>();
        l0.add(table);
        l0.addAll(levels.get(0));
        next.set(0, l0);
        return new Levels(next);
    }

    /** The next arrangement: {@code removed} gone, {@code added} placed in {@code level}, sorted. */
    Levels withCompacted(Collection<Table> removed, int level, List<Table> added) {
        Set<Long> gone = new HashSet<>();
        for (Table t : removed) {
            gone.add(t.meta().fileNumber());
        }
        List<List<Table>> next = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            List<Table> kept = new ArrayList<>();
            for (Table t : levels.get(i)) {
                if (!gone.contains(t.meta().fileNumber())) {
                    kept.add(t);
                }
            }
            if (i == level) {
                kept.addAll(added);
                kept.sort(Comparator.comparing((Table t) -> t.meta().smallest(), Arrays::compareUnsigned));
            }
            next.add(kept);
        }
        return new Levels(next);
    }

    /** A reference for a reader; false if this arrangement was already let go (retry with the current one). */
    boolean tryRetain() {
        for (;;) {
            int r = refs.get();
            if (r == 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one lets go of the tables. */
    void release() {
        int r = refs.decrementAndGet();
        if (r == 0) {
            for (List<Table> level : levels) {
                for (Table t : level) {
                    t.release();
                }
            }
        } else if (r < 0) {
            throw new IllegalStateException("levels released more often than retained");
        }
    }
}
