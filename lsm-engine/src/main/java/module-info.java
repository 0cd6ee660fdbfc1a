/**
 * The LSM storage engine (provider {@code lsm}): memtable, SSTables and leveled compaction.
 */
module io.mynode.storage.lsm {
    requires io.mynode.kernel;
}
