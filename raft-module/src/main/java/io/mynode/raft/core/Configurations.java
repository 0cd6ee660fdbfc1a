package io.mynode.raft.core;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The configurations a node's log holds: the one in force at the log's start (recorded with the
 * compaction point, or the bootstrap list) and one per configuration entry after it. A node uses
 * the latest, committed or not (Ongaro's thesis §4.1): an entry takes effect as soon as it is in
 * the log, and if a new leader cuts it off the log, the node falls back to the one before.
 *
 * <p>Kept in step with the log by {@link Node}: every append, compaction and reset goes through
 * here as well. Not thread-safe.
 */
final class Configurations {
    private long baseIndex;
    private Configuration base;
    /** Configuration entries in the log, by index. */
    private final NavigableMap<Long, Configuration> entries = new TreeMap<>();
    /** Grows with every change of {@link #latest()} or of the known addresses, for the driver to notice. */
    private long version;

    /**
     * Reads the configuration recorded at {@code log}'s start, or records {@code bootstrap} there
     * when the log has none (a node's first start), and every configuration entry in the log.
     */
    Configurations(Log log, Configuration bootstrap) {
        Configuration recorded = log.configuration();
        if (recorded.isEmpty() && !bootstrap.isEmpty()) {
            log.saveConfiguration(bootstrap);
            recorded = bootstrap;
        }
        this.baseIndex = log.firstIndex() - 1;
        this.base = recorded;
        if (log.lastIndex() >= log.firstIndex()) {
            for (long i = log.firstIndex(); i <= log.lastIndex(); ) {
                List<Entry> batch = log.entries(i, log.lastIndex(), 4L << 20);
                for (Entry e : batch) {
                    add(e);
                }
                i = batch.getLast().index() + 1;
            }
        }
    }

    /** The configuration in force: the last one in the log. */
    Configuration latest() {
        return entries.isEmpty() ? base : entries.lastEntry().getValue();
    }

    /** The index of the entry that set {@link #latest()}, or the log's start when no entry did. */
    long latestIndex() {
        return entries.isEmpty() ? baseIndex : entries.lastKey();
    }

    /** The configuration before {@link #latest()}, if the log holds one (to find who a change removed). */
    Configuration previous() {
        if (entries.isEmpty()) {
            return base;
        }
        var before = entries.lowerEntry(entries.lastKey());
        return before == null ? base : before.getValue();
    }

    /** The configuration in force at {@code index}, which must not precede the log's start. */
    Configuration at(long index) {
        if (index < baseIndex) {
            throw new IllegalArgumentException("no configuration known at " + index + ", before the log's start " + baseIndex);
        }
        var e = entries.floorEntry(index);
        return e == null ? base : e.getValue();
    }

    long version() {
        return version;
    }

    /** Every node of every configuration held, by id, with its latest address: whom this node may need to reach. */
    Map<String, String> addresses() {
        Map<String, String> all = new LinkedHashMap<>();
        base.members().forEach(m -> all.put(m.id(), m.address()));
        entries.values().forEach(c -> c.members().forEach(m -> all.put(m.id(), m.address())));
        return all;
    }

    /** After the log appended {@code appended}: drops the configurations of overwritten entries, adds the new ones. */
    void appended(List<Entry> appended) {
        if (appended.isEmpty()) {
            return;
        }
        var cut = entries.tailMap(appended.getFirst().index(), true);
        if (!cut.isEmpty()) {
            cut.clear();
            version++;
        }
        for (Entry e : appended) {
            add(e);
        }
    }

    /** After the log was compacted through {@code index}: the configuration at it becomes the base. */
    void compacted(long index) {
        base = at(index);
        baseIndex = index;
        entries.headMap(index, true).clear();
    }

    /** After the log was reset to a snapshot at {@code index} holding {@code config}. */
    void reset(long index, Configuration config) {
        entries.clear();
        base = config;
        baseIndex = index;
        version++;
    }

    private void add(Entry e) {
        if (!Configuration.isConfiguration(e)) {
            return;
        }
        try {
            entries.put(e.index(), Configuration.fromEntry(e));
        } catch (InvalidInputException ex) {
            // Only a leader writes configuration entries, from a valid configuration, and peers'
            // entries arrive checksummed: an undecodable one means the log itself is damaged.
            throw new CorruptionException("raft log entry " + e.index() + " holds a malformed configuration: " + ex.getMessage(), ex);
        }
        version++;
    }
}
