package io.mynode.storage.lsm;

import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import io.mynode.storage.lsm.sstable.Table;
import io.mynode.storage.lsm.sstable.TableMeta;
import io.mynode.storage.lsm.sstable.TableWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One unit of compaction work: the tables of {@code level} to push down, the tables of the next
 * level they overlap, and whether nothing deeper overlaps them ({@code bottom}: tombstones can go).
 *
 * <p>Choosing follows LevelDB: score each level (level 0 by table count over
 * {@code lsm.l0.compaction}, deeper levels by bytes over their target) and compact the highest
 * score at or above 1. Level 0 compacts all its tables at once, since they overlap; a deeper level
 * compacts one table, taken round-robin through the key space by a per-level pointer, so that
 * every part of the level gets its turn. A table that overlaps nothing below is moved down by
 * editing the manifest alone (a "trivial move"), with no bytes rewritten.
 *
 * @param level the level compacted; output goes to {@code level + 1}
 * @param inputs the tables of {@code level}, newest first
 * @param overlaps the tables of {@code level + 1} whose ranges meet the inputs'
 * @param bottom no level below {@code level + 1} holds a key in this range
 */
record Compaction(int level, List<Table> inputs, List<Table> overlaps, boolean bottom) {

    boolean trivialMove() {
        return overlaps.isEmpty() && inputs.size() == 1;
    }

    /** Everything compaction removes from the levels. */
    List<Table> removed() {
        List<Table> all = new ArrayList<>(inputs);
        all.addAll(overlaps);
        return all;
    }

    /** The most urgent compaction, if any level is over its target. {@code pointers} is updated. */
    static Optional<Compaction> pick(Levels levels, LsmOptions options, byte[][] pointers) {
        double best = (double) levels.level(0).size() / options.l0CompactionTrigger();
        int bestLevel = 0;
        for (int l = 1; l < Levels.COUNT - 1; l++) {
            double score = (double) levels.bytes(l) / options.levelBytes(l);
            if (score > best) {
                best = score;
                bestLevel = l;
            }
        }
        if (best < 1) {
            return Optional.empty();
        }
        List<Table> inputs;
        if (bestLevel == 0) {
            inputs = levels.level(0);
        } else {
            List<Table> level = levels.level(bestLevel);
            Table chosen = level.get(0);
            if (pointers[bestLevel] != null) {
                for (Table t : level) {
                    if (Keys.compare(t.meta().smallest(), pointers[bestLevel]) > 0) {
                        chosen = t;
                        break;
                    }
                }
            }
            pointers[bestLevel] = chosen.meta().largest();
            inputs = List.of(chosen);
        }
        byte[] from = inputs.get(0).meta().smallest();
        byte[] to = inputs.get(0).meta().largest();
        for (Table t : inputs) {
            from = Keys.compare(t.meta().smallest(), from) < 0 ? t.meta().smallest() : from;
            to = Keys.compare(t.meta().largest(), to) > 0 ? t.meta().largest() : to;
        }
        List<Table> overlaps = levels.overlapping(bestLevel + 1, from, to);
        for (Table t : overlaps) {
            from = Keys.compare(t.meta().smallest(), from) < 0 ? t.meta().smallest() : from;
            to = Keys.compare(t.meta().largest(), to) > 0 ? t.meta().largest() : to;
        }
        boolean bottom = true;
        for (int l = bestLevel + 2; l < Levels.COUNT && bottom; l++) {
            bottom = levels.overlapping(l, from, to).isEmpty();
        }
        return Optional.of(new Compaction(bestLevel, inputs, overlaps, bottom));
    }

    /**
     * Merges the inputs into new tables of at most about {@code tableBytes} each, newest version of
     * each key only, tombstones dropped at the bottom. Returns the finished tables' metadata, or
     * empty if {@code stop} turned true midway (the engine is closing; partial output is deleted).
     */
    Optional<List<TableMeta>> run(long tableBytes, Supplier<TableWriter> newWriter, BooleanSupplier stop,
            Function<TableWriter, TableMeta> finish) {
        List<Source> sources = new ArrayList<>();
        for (Table t : inputs) {
            sources.add(new Source.OfTable(t, KeyRange.all(), Direction.ASCENDING, false));
        }
        if (!overlaps.isEmpty()) {
            sources.add(new Source.OfLevel(overlaps, KeyRange.all(), Direction.ASCENDING, false));
        }
        Merger merger = new Merger(sources, KeyRange.all(), Direction.ASCENDING);
        List<TableMeta> outputs = new ArrayList<>();
        TableWriter writer = null;
        long seen = 0;
        try {
            while (merger.advance()) {
                if ((++seen & 1023) == 0 && stop.getAsBoolean()) {
                    return Optional.empty(); // finished outputs are unlisted: the next open deletes them
                }
                if (merger.isDelete() && bottom) {
                    continue;
                }
                if (writer == null) {
                    writer = newWriter.get();
                }
                writer.add(merger.key(), merger.isDelete() ? null : merger.value());
                if (writer.estimatedSize() >= tableBytes) {
                    outputs.add(finish.apply(writer));
                    writer = null;
                }
            }
            if (writer != null) {
                outputs.add(finish.apply(writer));
                writer = null;
            }
            return Optional.of(outputs);
        } finally {
            if (writer != null) {
                writer.abandon();
            }
        }
    }
}
