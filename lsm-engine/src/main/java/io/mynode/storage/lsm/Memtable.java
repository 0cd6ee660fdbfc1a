package io.mynode.storage.lsm;

import io.mynode.kernel.storage.Keys;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The sorted in-memory table that takes every write: a concurrent skip list from key to a chain
 * of versions, newest first, each stamped with the sequence number of the batch that wrote it.
 *
 * <pre>
 *   "apple" ─► (seq 9, "red") ─► (seq 4, tombstone) ─► (seq 2, "green")
 *   "pear"  ─► (seq 7, "ripe")
 * </pre>
 *
 * <p>A reader at sequence {@code s} takes the first version with {@code seq <= s}: that is how a
 * batch becomes visible all at once (the engine publishes its number after inserting all of it)
 * and how a snapshot keeps its view while the writer goes on. Versions are never unlinked while
 * the table lives; the whole table is dropped once flushed and unreferenced.
 *
 * <p>Threads: one writer at a time (the engine's write lock), any number of readers, no locks.
 */
final class Memtable {
    /** Skip-list node, index nodes, chain cell and array headers, roughly, per version. */
    private static final int OVERHEAD = 96;

    /** One version of a key. {@code value == null} is a tombstone. */
    record Cell(long seq, byte[] value, Cell older) {}

    private final ConcurrentSkipListMap<byte[], Cell> map = new ConcurrentSkipListMap<>(Keys.ORDER);
    private volatile long bytes;
    private volatile long lastSeq;
    private volatile long versions;

    /** Adds a version; within one batch (same seq) a later write replaces the earlier one. */
    void put(byte[] key, long seq, byte[] value) {
        Cell head = map.get(key);
        Cell older = head != null && head.seq() == seq ? head.older() : head;
        map.put(key, new Cell(seq, value, older));
        bytes += key.length + (value == null ? 0 : value.length) + OVERHEAD;
        versions++;
    }

    /** The newest version at or below {@code seq}, or null if the key has none here. */
    Cell visible(byte[] key, long seq) {
        Cell c = map.get(key);
        while (c != null && c.seq() > seq) {
            c = c.older();
        }
        return c;
    }

    ConcurrentSkipListMap<byte[], Cell> map() {
        return map;
    }

    boolean isEmpty() {
        return map.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    long versions() {
        return versions;
    }

    /** The last batch written here (set by the writer after each batch). */
    long lastSeq() {
        return lastSeq;
    }

    void lastSeq(long seq) {
        lastSeq = seq;
    }
}
