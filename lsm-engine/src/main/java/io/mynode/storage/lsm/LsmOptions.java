package io.mynode.storage.lsm;

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

    /** Every key this engine understands under {@code lsm.}. */
    static final String[] KEYS = {"memtable.bytes", "memtable.immutables", "block.bytes", "block.restart", "cache.bytes",
        "bloom.bits", "table.bytes", "level1.bytes", "level.multiplier", "l0.compaction", "l0.slowdown", "l0.stop"};

    public LsmOptions {
        if (l0CompactionTrigger > l0SlowdownTrigger || l0SlowdownTrigger > l0StopTrigger) {
            throw new ConfigException("lsm.l0.compaction <= lsm.l0.slowdown <= lsm.l0.stop must hold, got "
                    + l0CompactionTrigger + ", " + l0SlowdownTrigger + ", " + l0StopTrigger);
        }
    }

    /** Reads and validates the settings; an unknown key or a value out of range is a {@link ConfigException}. */
    static LsmOptions from(Settings s) {
        s.requireOnly(KEYS);
        return new LsmOptions(
                s.longValue("memtable.bytes", 64L << 20, 64 << 10, 1L << 30),
                s.intValue("memtable.immutables", 2, 1, 16),
                s.intValue("block.bytes", 4 << 10, 256, 1 << 20),
                s.intValue("block.restart", 16, 1, 1024),
                s.longValue("cache.bytes", 64L << 20, 0, 1L << 40),
                s.intValue("bloom.bits", 10, 0, 64),
                s.longValue("table.bytes", 32L << 20, 64 << 10, 1L << 30),
                s.longValue("level1.bytes", 256L << 20, 1 << 20, 1L << 40),
                s.intValue("level.multiplier", 10, 2, 100),
                s.intValue("l0.compaction", 4, 1, 1000),
                s.intValue("l0.slowdown", 20, 1, 1000),
                s.intValue("l0.stop", 36, 1, 1000));
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
