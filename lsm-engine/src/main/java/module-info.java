/**
 * The LSM storage engine: a log-structured merge tree of a memtable, sorted string tables and
 * leveled compaction behind the kernel's {@link io.mynode.kernel.storage.StorageEngine} contract.
 * Selected by {@code storage.engine=lsm}; tuned by the {@code lsm.*} keys (see
 * {@code io.mynode.storage.lsm.LsmOptions}). Exports nothing: everything goes through the provider.
 *
 * @provides io.mynode.kernel.storage.StorageEngineProvider {@code lsm}
 */
module io.mynode.storage.lsm {
    requires io.mynode.kernel;

    provides io.mynode.kernel.storage.StorageEngineProvider with io.mynode.storage.lsm.LsmEngineProvider;
}
