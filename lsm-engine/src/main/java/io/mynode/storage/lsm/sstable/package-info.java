/**
 * Sorted string tables: the immutable files the LSM engine flushes memtables into and compaction
 * merges, their reader and writer, and the block cache in front of them.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 *   ┌──────────────┬───────┐
 *   │ data block 0 │ crc32c│  entries: shared | unshared | value length (varints) | kind | key suffix | value
 *   ├──────────────┼───────┤           a full key every {@code lsm.block.restart} entries (restart points),
 *   │ data block 1 │ crc32c│           then the restart offsets and their count
 *   │     ...      │       │
 *   ├──────────────┼───────┤
 *   │ bloom filter │ crc32c│  cache-blocked: one 512-bit block per key, 7 probes
 *   ├──────────────┼───────┤
 *   │ index block  │ crc32c│  per data block: its last key, offset and length
 *   ├──────────────┴───────┤
 *   │ footer (52 B)        │  index and filter handles, entry counts, crc32c, magic "mynodeLS"
 *   └──────────────────────┘
 * </pre>
 *
 * Keys are prefix-compressed against the previous key (after LevelDB's table format): sorted keys
 * share long prefixes, and a restart point every few entries keeps a lookup to a binary search over
 * restarts plus a short forward scan. Entries are puts or tombstones; the table stores only the
 * newest version of each key, since snapshots pin whole tables instead of versions in them.
 *
 * <h2>Reading</h2>
 *
 * A {@link io.mynode.storage.lsm.sstable.Table} maps its file read-only, verifies the footer, and
 * loads index and bloom filter into memory (checked). A point read hashes the key once, asks the
 * filter, binary-searches the in-memory index for the one block that may hold the key, and gets
 * that block from the cache or from the mapping (checked by CRC32C before use). Every decode is
 * bounds-checked as well, so a damaged file yields a {@link io.mynode.kernel.error.CorruptionException},
 * never an out-of-bounds error or a wrong answer that slipped past the checksum's structure.
 *
 * <h2>Threads</h2>
 *
 * Tables and cached blocks are immutable and shared freely; a writer, a cursor and a block cursor
 * belong to one thread. The cache takes a lock only to admit and evict.
 *
 * <h2>Left out</h2>
 *
 * Compression, checksums other than CRC32C, partitioned index and filter blocks, hash indexes
 * inside data blocks, and tables over 2 GiB (the mapping is one {@code MappedByteBuffer}).
 */
package io.mynode.storage.lsm.sstable;
