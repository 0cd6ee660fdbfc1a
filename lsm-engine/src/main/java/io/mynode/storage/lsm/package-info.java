/**
 * The LSM storage engine (provider {@code lsm}): a log-structured merge tree of a sorted memtable,
 * immutable sorted string tables in levels, and background leveled compaction, behind the kernel's
 * {@link io.mynode.kernel.storage.StorageEngine} contract. It trades read work (a key may live in
 * several places) for sequential, batched writes, the classic bargain of O'Neil et al.'s LSM-tree
 * as LevelDB and RocksDB made it practical.
 *
 * <h2>Shape</h2>
 *
 * <pre>
 *   write(batch) ─► active memtable ──(full)──► frozen memtables ──(flusher thread)──► L0 table
 *                   skip list, versions          oldest first                           │
 *                   stamped with batch seq                                              ▼
 *                                                 L0  [a..z] [c..x] [b..y]   overlapping, newest first
 *   get(key): memtables, then L0 newest first,    L1  [a..f][g..m][n..z]     disjoint, ~256 MiB
 *   then one table per level (bloom filter        L2  [a..b][c..e] ...       disjoint, 10x L1
 *   first), first hit wins                        ...                       (compactor thread)
 *                                                 L6                         tombstones dropped here
 * </pre>
 *
 * <ul>
 *   <li>{@link io.mynode.storage.lsm.Memtable}: a skip list of versions stamped with sequence
 *       numbers, kept in large arrays (an arena) so the garbage collector never copies entries;
 *       one writer, lock-free readers.
 *   <li>{@code io.mynode.storage.lsm.sstable}: the table format (prefix-compressed blocks,
 *       bloom filter, index, checksummed footer), its reader and writer, the block cache.
 *   <li>{@link io.mynode.storage.lsm.Levels}: one immutable arrangement of tables in levels,
 *       reference counted; {@link io.mynode.storage.lsm.Manifest}: its durable record.
 *   <li>{@link io.mynode.storage.lsm.Compaction}: choosing and running a merge;
 *       {@link io.mynode.storage.lsm.Merger}: the k-way merge every scan and compaction uses.
 *   <li>{@link io.mynode.storage.lsm.View}: a pinned read point (sequence + memtables + levels);
 *       snapshots and cursors are views kept alive.
 * </ul>
 *
 * <h2>Durability without a log of its own</h2>
 *
 * The contract: {@code write} is atomic but need not be durable, {@code flush} makes every earlier
 * batch durable, and after a crash the engine shows an atomic prefix of the batches no shorter
 * than the last flush. In a node the Raft log is the write-ahead log (DESIGN.md §4), so this
 * engine keeps none; instead three rules give the prefix property:
 *
 * <ol>
 *   <li>A memtable is frozen only between batches, so every memtable holds whole batches, and
 *       a run of consecutive ones.
 *   <li>Frozen memtables are flushed one at a time, oldest first, by one thread; a flushed table
 *       counts only once the manifest lists it, and the manifest is replaced atomically (new file,
 *       fsync, rename, fsync the directory). It also records the last batch the tables hold.
 *   <li>Compaction rewrites tables but never changes what they mean, and installs its output by
 *       the same atomic manifest replacement.
 * </ol>
 *
 * So the manifest on disk always names the effects of batches 1..N for the N it records: an
 * atomic prefix. {@code flush()} freezes the active memtable and waits until the manifest lists
 * everything, so N is at least every batch written before it. A crash loses the unflushed
 * memtables, which the contract allows and a node replays from its Raft log. Recovery is reading
 * the manifest and deleting table files it does not list (outputs of work cut short). The cost of
 * {@code flush()} is one small table and a manifest write, so callers should flush at checkpoints
 * (log compaction), not per batch; an engine-local WAL would make frequent flushes cheap but
 * would duplicate the Raft log's work, which is why it is left out.
 *
 * <h2>Snapshots</h2>
 *
 * Every batch gets the next sequence number; its versions enter the memtable under that number and
 * the number is published only after the whole batch is in, so a reader at sequence {@code s}
 * sees batches 1..s and nothing of the rest. A snapshot is a sequence number plus the memtables
 * and levels current when it was taken. Tables never change, and a snapshot's reference keeps
 * compacted-away tables on disk until it closes, so compaction may drop shadowed versions at once
 * instead of tracking the oldest snapshot as LevelDB does. Cursors take the same kind of pin, so
 * every scan reads one consistent state.
 *
 * <h2>Compaction and write stalls</h2>
 *
 * Leveled, after LevelDB: level 0 is compacted (all of it, with the L1 tables it overlaps) once it
 * has {@code lsm.l0.compaction} tables; a deeper level once it exceeds its target size, one table
 * at a time, round-robin through the key space. A table overlapping nothing below moves down by
 * a manifest edit alone. Output is cut into tables of about {@code lsm.table.bytes}. A tombstone is
 * dropped when no deeper level holds its key range: nothing older can then resurface. Writes
 * stall, boundedly, only when freezing a full memtable: while {@code lsm.memtable.immutables}
 * frozen memtables wait for the flusher, or level 0 has {@code lsm.l0.stop} tables (until one
 * flush or compaction completes); at {@code lsm.l0.slowdown} tables a freeze is delayed once by
 * up to 20 ms, which gives compaction a head start before a hard stop is needed.
 *
 * <h2>Corruption</h2>
 *
 * Every block (data, filter, index), the footer and the manifest carry a CRC32C, checked on every
 * read from the file; table lengths are checked against the manifest on open. A mismatch is a
 * {@link io.mynode.kernel.error.CorruptionException} naming the file and offset; corrupt data is
 * never served. Blocks in the cache were checked when read. A background flush or compaction that
 * fails stops background work and the failure, with its kind, is rethrown by the next write,
 * flush or close; reads go on.
 *
 * <h2>Threads</h2>
 *
 * Writers are serialized by a lock; readers take no lock (a pinned view and volatile reads). Two
 * background threads per engine: the flusher and the compactor (one compaction at a time).
 *
 * <h2>Files</h2>
 *
 * {@code MANIFEST} (the root), {@code NNNNNN.sst} (tables, never rewritten), {@code LOCK} (an OS
 * lock so two engines never share a directory).
 *
 * <h2>Left out, on purpose</h2>
 *
 * Compression (a benchmark against RocksDB runs it without compression too), a write-ahead log
 * (see above), range tombstones, parallel or sub-compactions, universal/tiered compaction,
 * partitioned indexes and filters, key-value separation for large values. A snapshot or cursor
 * that is never closed keeps its tables on disk until the engine closes. Limits: keys of 1 to
 * 4096 bytes, values up to 1 MiB.
 *
 * <h2>References</h2>
 *
 * <ul>
 *   <li>P. O'Neil, E. Cheng, D. Gawlick, E. O'Neil: "The Log-Structured Merge-Tree (LSM-Tree)",
 *       Acta Informatica 33, 1996.
 *   <li>LevelDB, {@code doc/impl.md} and {@code doc/table_format.md}: levels, compaction picking,
 *       the block and table layout followed here.
 *   <li>RocksDB wiki: "Leveled Compaction", "Write Stalls", "Block Cache".
 *   <li>F. Putze, P. Sanders, J. Singler: "Cache-, Hash- and Space-Efficient Bloom Filters", 2007.
 * </ul>
 */
package io.mynode.storage.lsm;
