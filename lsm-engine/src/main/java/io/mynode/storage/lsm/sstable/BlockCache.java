package io.mynode.storage.lsm.sstable;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A least-recently-used cache of verified blocks, bounded in bytes and shared by every table of
 * an engine. Sixteen independently locked shards keep readers on different blocks from contending;
 * a block is keyed by its table's file number and its offset, which never change.
 *
 * <p>What the cache saves is the copy out of the mapped file and the CRC32C check; the operating
 * system's page cache below it still holds the raw file.
 */
public final class BlockCache {
    private static final int SHARDS = 16;

    private final Shard[] shards = new Shard[SHARDS];
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** A cache of at most {@code capacityBytes}; zero disables caching. */
    public BlockCache(long capacityBytes) {
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(capacityBytes / SHARDS);
        }
    }

    private static long key(long fileNumber, long offset) {
        return (fileNumber << 36) ^ offset;
    }

    private Shard shard(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return shards[(int) (h >>> 60)];
    }

    Block get(long fileNumber, long offset) {
        long key = key(fileNumber, offset);
        Block block = shard(key).get(key);
        if (block == null) {
            misses.increment();
        } else {
            hits.increment();
        }
        return block;
    }

    void put(long fileNumber, long offset, Block block) {
        long key = key(fileNumber, offset);
        shard(key).put(key, block);
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Bytes of blocks held now. */
    public long usedBytes() {
        long used = 0;
        for (Shard s : shards) {
            used += s.used();
        }
        return used;
    }

    private static final class Shard {
        private final long capacity;
        private long used;
        private final LinkedHashMap<Long, Block> map = new LinkedHashMap<>(256, 0.75f, true);

        Shard(long capacity) {
            this.capacity = capacity;
        }

        synchronized Block get(long key) {
            return map.get(key);
        }

        synchronized void put(long key, Block block) {
            if (block.size() > capacity) {
                return;
            }
            Block old = map.put(key, block);
            used += block.size() - (old == null ? 0 : old.size());
            Iterator<Block> eldest = map.values().iterator();
            while (used > capacity && eldest.hasNext()) {
                used -= eldest.next().size();
                eldest.remove();
            }
        }

        synchronized long used() {
            return used;
        }
    }
}
