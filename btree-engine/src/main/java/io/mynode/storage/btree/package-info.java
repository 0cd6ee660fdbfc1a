/**
 * The B+-tree storage engine (provider {@code btree}): a paged, copy-on-write B+-tree file with an atomic root switch.
 *
 * <p>Not built yet: see the open issue that builds this module. Nothing here pretends to work.
 */
package io.mynode.storage.btree;
