package io.mynode.raft.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Log} in memory that models a disk: writes are volatile until {@link #sync()}, and
 * {@link #crash()} throws away everything not synced, as a power cut would.
 */
public final class MemoryLog implements Log {

    private record State(List<Entry> entries, long snapshotIndex, long snapshotTerm, long term, Optional<String> vote,
            Configuration config) {
        State copy() {
            return new State(new ArrayList<>(entries), snapshotIndex, snapshotTerm, term, vote, config);
        }
    }

    private State live = new State(new ArrayList<>(), 0, 0, 0, Optional.empty(), Configuration.EMPTY);
    private State durable = live.copy();
    private boolean dirty;

    @Override
    public long firstIndex() {
        return live.snapshotIndex + 1;
    }

    @Override
    public long lastIndex() {
        return live.entries.isEmpty() ? live.snapshotIndex : live.entries.getLast().index();
    }

    @Override
    public long term(long index) {
        if (index == live.snapshotIndex) {
            return live.snapshotTerm;
        }
        if (index < firstIndex() || index > lastIndex()) {
            throw new IndexOutOfBoundsException("index " + index + " outside " + (firstIndex() - 1) + ".." + lastIndex());
        }
        return live.entries.get((int) (index - firstIndex())).term();
    }

    @Override
    public List<Entry> entries(long from, long to, long maxBytes) {
        if (from < firstIndex() || to > lastIndex() || from > to) {
            throw new IndexOutOfBoundsException("range " + from + ".." + to + " outside " + firstIndex() + ".." + lastIndex());
        }
        List<Entry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = from; i <= to; i++) {
            Entry e = live.entries.get((int) (i - firstIndex()));
            bytes += e.size();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    /** Every entry present, for invariant checks. */
    public List<Entry> all() {
        return List.copyOf(live.entries);
    }

    @Override
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long first = entries.getFirst().index();
        if (first <= live.snapshotIndex || first > lastIndex() + 1) {
            throw new IllegalArgumentException("append at " + first + " after " + live.snapshotIndex + ".." + lastIndex());
        }
        live.entries.subList((int) (first - firstIndex()), live.entries.size()).clear();
        long expected = first;
        for (Entry e : entries) {
            if (e.index() != expected++) {
                throw new IllegalArgumentException("not consecutive: " + entries);
            }
            live.entries.add(e);
        }
        dirty = true;
    }

    @Override
    public void compact(long index, Configuration config) {
        long t = term(index);
        live.entries.subList(0, (int) (index - firstIndex() + 1)).clear();
        live = new State(live.entries, index, t, live.term, live.vote, config);
        sync(); // compaction is durable at once, like SegmentedLog's metadata
    }

    @Override
    public void resetTo(long index, long term, Configuration config) {
        live = new State(new ArrayList<>(), index, term, live.term, live.vote, config);
        sync();
    }

    @Override
    public Configuration configuration() {
        return live.config;
    }

    @Override
    public void saveConfiguration(Configuration config) {
        live = new State(live.entries, live.snapshotIndex, live.snapshotTerm, live.term, live.vote, config);
        dirty = true;
    }

    @Override
    public long currentTerm() {
        return live.term;
    }

    @Override
    public Optional<String> votedFor() {
        return live.vote;
    }

    @Override
    public void saveTermAndVote(long term, Optional<String> votedFor) {
        live = new State(live.entries, live.snapshotIndex, live.snapshotTerm, term, votedFor, live.config);
        dirty = true;
    }

    @Override
    public void sync() {
        if (dirty || durable.snapshotIndex != live.snapshotIndex) {
            durable = live.copy();
        }
        dirty = false;
    }

    /** Forgets everything, durable state included: a node whose disk was wiped. */
    public void wipe() {
        live = new State(new ArrayList<>(), 0, 0, 0, Optional.empty(), Configuration.EMPTY);
        durable = live.copy();
        dirty = false;
    }

    /** Loses everything written since the last sync. */
    public void crash() {
        live = durable.copy();
        dirty = false;
    }
}
