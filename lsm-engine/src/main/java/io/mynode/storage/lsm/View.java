package io.mynode.storage.lsm;

import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import io.mynode.storage.lsm.sstable.BloomFilter;
import io.mynode.storage.lsm.sstable.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A pinned read point: a sequence number and the memtables and levels that held the data when it
 * was taken. Every read of the engine, cursor and snapshot goes through one. The pin is a
 * reference on the {@link Levels}; memtables need none (the garbage collector keeps them).
 *
 * <p>Point reads look from newest to oldest and stop at the first entry for the key:
 *
 * <pre>
 *   active memtable ─► frozen memtables ─► L0 tables (newest first, bloom) ─► L1 ─► ... ─► L6
 *                                                     one table per level ▲ (binary search, bloom)
 * </pre>
 *
 * @param seq the last batch this view sees
 * @param state the memtables and levels holding every batch up to {@code seq}
 */
record View(long seq, State state) {

    /**
     * What the engine reads at a moment: the memtable taking writes, the frozen ones waiting for
     * flush (newest first), and the tables. Replaced, never changed.
     */
    record State(Memtable active, List<Memtable> immutables, Levels levels) {}

    Optional<byte[]> get(byte[] key) {
        byte[] found = state.active().get(key, seq, Table.DELETED);
        for (int i = 0; found == null && i < state.immutables().size(); i++) {
            found = state.immutables().get(i).get(key, seq, Table.DELETED);
        }
        if (found != null) {
            return found == Table.DELETED ? Optional.empty() : Optional.of(found);
        }
        long hash = BloomFilter.hash(key);
        Levels levels = state.levels();
        for (Table t : levels.level(0)) {
            if (Keys.compare(key, t.meta().smallest()) >= 0 && Keys.compare(key, t.meta().largest()) <= 0) {
                byte[] v = t.get(key, hash);
                if (v != null) {
                    return v == Table.DELETED ? Optional.empty() : Optional.of(v);
                }
            }
        }
        for (int l = 1; l < Levels.COUNT; l++) {
            List<Table> level = levels.level(l);
            int i = Source.OfLevel.firstEndingAtOrAfter(level, key);
            if (i < level.size() && Keys.compare(level.get(i).meta().smallest(), key) <= 0) {
                byte[] v = level.get(i).get(key, hash);
                if (v != null) {
                    return v == Table.DELETED ? Optional.empty() : Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }

    /** A cursor over {@code range}; it takes its own pin on the levels, released when it closes or ends. */
    Cursor scan(KeyRange range, Direction direction) {
        if (isEmpty(range)) {
            return Cursor.of(Collections.emptyIterator());
        }
        if (!state.levels().tryRetain()) {
            throw new IllegalStateException("view released");
        }
        try {
            List<Source> sources = new ArrayList<>();
            sources.add(new Source.OfMemtable(state.active(), seq, range, direction));
            for (Memtable m : state.immutables()) {
                sources.add(new Source.OfMemtable(m, seq, range, direction));
            }
            for (Table t : state.levels().level(0)) {
                sources.add(new Source.OfTable(t, range, direction, true));
            }
            for (int l = 1; l < Levels.COUNT; l++) {
                if (!state.levels().level(l).isEmpty()) {
                    sources.add(new Source.OfLevel(state.levels().level(l), range, direction, true));
                }
            }
            return new LsmCursor(new Merger(sources, range, direction), state.levels());
        } catch (RuntimeException e) {
            state.levels().release();
            throw e;
        }
    }

    private static boolean isEmpty(KeyRange r) {
        if (r.start() == null || r.end() == null) {
            return false;
        }
        int c = Keys.compare(r.start(), r.end());
        return c > 0 || (c == 0 && !(r.startInclusive() && r.endInclusive()));
    }
}
