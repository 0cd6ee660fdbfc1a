package io.mynode.storage.lsm.sstable;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;

/**
 * The block cache: verified data blocks, bounded in bytes, shared by every table of an engine.
 *
 * <p>A cached block hangs off its table's slot array ({@link Table#cached}), so a hit is one array
 * read and one plain store of the block's "referenced" bit: no hashing, no boxing, no lock. What
 * needs the lock is admission and eviction, which use the second-chance (CLOCK) policy: blocks
 * queue in admission order; the eviction hand takes the oldest, gives a block that was read since
 * it last passed one more round, and evicts it otherwise. CLOCK approximates LRU without
 * reordering on hits, which is why it suits a read path that should not write shared state.
 *
 * <p>What the cache saves is the copy out of the mapped file and the CRC32C check; the operating
 * system's page cache below still holds the raw file. Compaction reads around the cache
 * ({@code fillCache = false}) so a big merge does not flush out the blocks readers need.
 */
public final class BlockCache {
    private final long capacity;
    private final ArrayDeque<Slot> clock = new ArrayDeque<>();
    private long used;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private record Slot(Table table, int index, Block block) {}

    /** A cache of at most {@code capacityBytes}; zero disables caching. */
    public BlockCache(long capacityBytes) {
        this.capacity = capacityBytes;
    }

    void hit(Block block) {
        block.referenced = true;
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    /** Caches {@code block} as block {@code index} of {@code table}; returns the block now cached there. */
    Block admit(Table table, int index, Block block) {
        if (block.size() > capacity / 8) {
            return block; // a huge block (one big value) would sweep out everything else
        }
        synchronized (this) {
            Block present = table.cached(index);
            if (present != null) {
                return present;
            }
            table.cache(index, block);
            clock.addLast(new Slot(table, index, block));
            used += block.size();
            while (used > capacity) {
                Slot s = clock.pollFirst();
                if (s.block.referenced) {
                    s.block.referenced = false;
                    clock.addLast(s);
                } else {
                    s.table.uncache(s.index, s.block);
                    used -= s.block.size();
                }
            }
            return block;
        }
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Bytes of blocks held now. */
    public synchronized long usedBytes() {
        return used;
    }
}
