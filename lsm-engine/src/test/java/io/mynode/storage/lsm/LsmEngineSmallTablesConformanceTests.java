package io.mynode.storage.lsm;

import io.mynode.kernel.storage.DurableStorageEngineContract;
import java.util.Map;

/**
 * The conformance suite again with tiny memtables, blocks, tables and levels, so that even its
 * small workloads run through frozen memtables, background flushes, multi-block tables, level-0
 * compactions, deeper levels, trivial moves and write stalls.
 */
class LsmEngineSmallTablesConformanceTests extends DurableStorageEngineContract {
    @Override
    protected String providerName() {
        return "lsm";
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("memtable.bytes", "64k", "block.bytes", "256", "block.restart", "4", "table.bytes", "64k",
                "level1.bytes", "1m", "level.multiplier", "2", "l0.compaction", "2", "l0.slowdown", "3", "l0.stop", "4",
                "cache.bytes", "32k");
    }
}
