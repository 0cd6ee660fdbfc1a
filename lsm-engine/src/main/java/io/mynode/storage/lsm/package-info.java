/**
 * The LSM storage engine (provider {@code lsm}): memtable, SSTables and leveled compaction.
 *
 * <p>Not built yet: see the open issue that builds this module. Nothing here pretends to work.
 */
package io.mynode.storage.lsm;
