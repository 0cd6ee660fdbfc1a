/**
 * The B+-tree storage engine (provider {@code btree}): a paged, copy-on-write B+-tree file with an atomic root switch.
 */
module io.mynode.storage.btree {
    requires io.mynode.kernel;
}
