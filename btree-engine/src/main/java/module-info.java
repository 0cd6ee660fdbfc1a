/**
 * The B+-tree storage engine: an ordered byte-key store in one paged, copy-on-write file with an
 * atomic root switch, checksummed pages, overflow pages for large values and a bounded page cache.
 * See {@code io.mynode.storage.btree} for the design.
 *
 * @provides io.mynode.kernel.storage.StorageEngineProvider {@code btree}
 */
module io.mynode.storage.btree {
    requires io.mynode.kernel;

    provides io.mynode.kernel.storage.StorageEngineProvider with io.mynode.storage.btree.BTreeProvider;
}
