package io.mynode.storage.lsm;

import io.mynode.kernel.config.ConfigKey;
import io.mynode.kernel.config.ConfigKeys;
import io.mynode.kernel.config.Settings;
import io.mynode.kernel.error.ConfigException;

/**
 * The engine's tuning, read from the {@code lsm.*} keys of {@code node.properties}. Sizes accept
 * {@code k}, {@code m} and {@code g} suffixes. Defaults follow RocksDB's leveled defaults scaled
 * to a small node.
 *
 * @param memtableBytes {@code lsm.memtable.bytes}: a memtable is frozen and flushed at this size (64m)
 * @param maxImmutables {@code lsm.memtable.immutables}: frozen memtables waiting for flush before writes stall (2)
 * @param blockBytes {@code lsm.block.bytes}: target size of a data block (4k)
 * @param restartInterval {@code lsm.block.restart}: entries between full keys in a block (16)
 * @param cacheBytes {@code lsm.cache.bytes}: block cache capacity (64m)
 * @param bloomBitsPerKey {@code lsm.bloom.bits}: bloom filter bits per key, 0 disables (10)
 * @param tableBytes {@code lsm.table.bytes}: compaction cuts output tables at this size (32m)
 * @param level1Bytes {@code lsm.level1.bytes}: target size of level 1 (256m)
 * @param levelMultiplier {@code lsm.level.multiplier}: each deeper level is this many times larger (10)
 * @param l0CompactionTrigger {@code lsm.l0.compaction}: level-0 tables that start a compaction (4)
 * @param l0SlowdownTrigger {@code lsm.l0.slowdown}: level-0 tables at which each write is delayed 1 ms (20)
 * @param l0StopTrigger {@code lsm.l0.stop}: level-0 tables at which writes wait for compaction (36)
 */
public record LsmOptions(long memtableBytes, int maxImmutables, int blockBytes, int restartInterval, long cacheBytes,
        int bloomBitsPerKey, long tableBytes, long level1Bytes, int levelMultiplier, int l0CompactionTrigger,
        int l0SlowdownTrigger, int l0StopTrigger) {

    /** Every key this engine understands under {@code lsm.}, with its default and range. */
    static final ConfigKeys KEYS = new ConfigKeys();
    static final ConfigKey<Long> MEMTABLE_BYTES = KEYS.size("memtable.bytes", 64L << 20, 64 << 10, 1L << 30,
            "a memtable is frozen and flushed to a table at this size");
    static final ConfigKey<Integer> MEMTABLE_IMMUTABLES = KEYS.integer("memtable.immutables", 2, 1, 16,
            "frozen memtables waiting for flush before writes stall");
    static final ConfigKey<Long> BLOCK_BYTES = KEYS.size("block.bytes", 4 << 10, 256, 1 << 20,
            "target size of a data block");
    static final ConfigKey<Integer> BLOCK_RESTART = KEYS.integer("block.restart", 16, 1, 1024,
            "entries between full keys in a block");
    static final ConfigKey<Long> CACHE_BYTES = KEYS.size("cache.bytes", 64L << 20, 0, 1L << 40,
            "block cache capacity");
    static final ConfigKey<Integer> BLOOM_BITS = KEYS.integer("bloom.bits", 10, 0, 64,
            "bloom filter bits per key; 0 disables the filters");
    static final ConfigKey<Long> TABLE_BYTES = KEYS.size("table.bytes", 32L << 20, 64 << 10, 1L << 30,
            "compaction cuts output tables at this size");
    static final ConfigKey<Long> LEVEL1_BYTES = KEYS.size("level1.bytes", 256L << 20, 1 << 20, 1L << 40,
            "target size of level 1");
    static final ConfigKey<Integer> LEVEL_MULTIPLIER = KEYS.integer("level.multiplier", 10, 2, 100,
            "each deeper level is this many times larger");
    static final ConfigKey<Integer> L0_COMPACTION = KEYS.integer("l0.compaction", 4, 1, 1000,
            "level-0 tables that start a compaction");
    static final ConfigKey<Integer> L0_SLOWDOWN = KEYS.integer("l0.slowdown", 20, 1, 1000,
            "level-0 tables at which each write is delayed 1 ms");
    static final ConfigKey<Integer> L0_STOP = KEYS.integer("l0.stop", 36, 1, 1000,
            "level-0 tables at which writes wait for compaction");

    public LsmOptions {
        if (l0CompactionTrigger > l0SlowdownTrigger || l0SlowdownTrigger > l0StopTrigger) {
            throw new ConfigException("lsm.l0.compaction <= lsm.l0.slowdown <= lsm.l0.stop must hold, got "
                    + l0CompactionTrigger + ", " + l0SlowdownTrigger + ", " + l0StopTrigger);
        }
    }

    /** Reads the settings; a value out of range or triggers out of order are a {@link ConfigException}. */
    static LsmOptions from(Settings s) {
        return new LsmOptions(
                s.get(MEMTABLE_BYTES),
                s.get(MEMTABLE_IMMUTABLES),
                (int) (long) s.get(BLOCK_BYTES),
                s.get(BLOCK_RESTART),
                s.get(CACHE_BYTES),
                s.get(BLOOM_BITS),
                s.get(TABLE_BYTES),
                s.get(LEVEL1_BYTES),
                s.get(LEVEL_MULTIPLIER),
                s.get(L0_COMPACTION),
                s.get(L0_SLOWDOWN),
                s.get(L0_STOP));
    }

    /** Target size of {@code level} (1 and deeper). */
    long levelBytes(int level) {
        long b = level1Bytes;
        for (int i = 1; i < level; i++) {
            b = b > Long.MAX_VALUE / levelMultiplier ? Long.MAX_VALUE : b * levelMultiplier;
        }
        return b;
    }
}
