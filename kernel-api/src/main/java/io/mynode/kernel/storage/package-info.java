/**
 * The storage contract: an ordered byte-key store with atomic batches, snapshots and an explicit
 * durability point.
 *
 * <p>Everything above storage (MVCC, SQL) is written against
 * {@link io.mynode.kernel.storage.StorageEngine} alone, as toyDB's MVCC is written against its
 * small {@code Engine} trait: so the B+-tree and the LSM engine swap by one line of
 * {@code node.properties}, and a conformance suite (in this module's test-jar) holds both to the
 * same behaviour.
 *
 * <pre>
 *   write(batch) ──► visible to get/scan/snapshot at once   (atomic, not yet durable)
 *   flush()      ──► every earlier batch survives a crash   (durable)
 *   crash        ──► reopen shows an atomic prefix of batches, no shorter than the last flush
 * </pre>
 *
 * <p>Engines need no write-ahead log of their own: in a node, the Raft log is the write-ahead log
 * and the state machine records its applied index inside each batch, so a crash replays the log
 * from there (DESIGN.md §4). What an engine must never do is serve a torn or corrupted page.
 *
 * <p>Keys compare as unsigned bytes ({@link io.mynode.kernel.storage.Keys#ORDER}); ranges are
 * {@link io.mynode.kernel.storage.KeyRange}s with inclusive or exclusive ends.
 */
package io.mynode.kernel.storage;
