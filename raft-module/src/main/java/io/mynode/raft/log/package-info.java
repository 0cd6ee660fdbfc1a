/**
 * The Raft log store: the node's write-ahead log (DESIGN.md §4), as segment files of checksummed
 * records plus one small metadata file.
 *
 * <pre>
 *   log/raft.meta                  term, vote, compaction point (index, term, configuration); CRC; atomic rewrite
 *   log/wal-00000000000000000001.seg
 *   log/wal-00000000000000004711.seg  ◄── active: appends go here until segment.bytes, then roll
 *   log/wal-next-&lt;uuid&gt;.tmp          the next segment, being prepared (header, then zeros)
 *
 *   segment = magic:int version:int record*
 *   record  = length:int crc32c:int index:long term:long data:bytes     (CRC covers index..data)
 * </pre>
 *
 * <h2>Durability</h2>
 * Appends are plain writes; {@code sync()} does one {@code fsync} of the active segment for the
 * whole batch (group commit), then rewrites {@code raft.meta} if the term or vote changed. The
 * driver syncs before any message leaves the node, so votes and acknowledged entries survive a
 * crash. Rolling to a new segment fsyncs the old one; creating or deleting files fsyncs the
 * directory. Compaction writes the new compaction point durably before deleting any segment,
 * and a reset to a snapshot deletes segments newest first, so a crash anywhere leaves a log that
 * is consistent with its metadata.
 *
 * <h2>Preallocation</h2>
 * A helper thread prepares the next segment ahead of time ({@code SegmentPreparer}): a file of
 * the full {@code segment.bytes}, written with the header and zeros and synced, then renamed into
 * place when the log rolls. Appends then overwrite blocks that exist, and an fsync need not also
 * write the file's new size. While no prepared segment is ready (just after opening) the log
 * writes a segment that grows, and moves to a prepared one as soon as it is ready. Rolling cuts
 * the old segment to its records, so only the last segment ever ends in zeros.
 *
 * <h2>Recovery</h2>
 * Segments are read in order; record indexes must run on without gaps. Zeros from a record
 * boundary to the end of the last segment are its unused preallocated space. A damaged record
 * that is the last thing in the last segment (cut short, or failing its checksum with only the
 * end of the file or zeros after it) is the tail of a write the crash interrupted: it was never
 * synced, hence never acknowledged, and is truncated with a warning. Damage anywhere else, zeros
 * in an earlier segment included, is a {@code CorruptionException} naming the file and offset:
 * the node refuses to start rather than serve a log it cannot trust.
 *
 * <h2>Left out</h2>
 * The entries are also held in memory, which keeps the store simple and reads free; the log
 * stays short because it is compacted after every {@code raft.snapshot.entries} applied entries.
 * No mmap.
 *
 * <h2>Threads</h2>
 * Not thread-safe: owned by the Raft thread. The preparer's thread only writes its own file.
 */
package io.mynode.raft.log;
