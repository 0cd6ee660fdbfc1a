/**
 * Raft consensus (provider {@code raft}): log store, elections, replication, read index, snapshots.
 *
 * <p>Not built yet: see the open issue that builds this module. Nothing here pretends to work.
 */
package io.mynode.raft;
