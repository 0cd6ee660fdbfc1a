/**
 * The B+-tree storage engine (provider {@code btree}): an ordered byte-key store in one paged
 * file, copy-on-write, with an atomic root switch.
 *
 * <h2>Shape</h2>
 *
 * A B+-tree: values live in leaves, branches hold separator keys and child page numbers. Pages
 * are never changed in place once a reader can see them. A write batch copies the path from the
 * root to each leaf it changes (copy-on-write, as LMDB and H2's MVStore do), and publishes the new
 * root with one volatile write: a batch is atomic for readers because nothing they can reach
 * ever changes. Readers take no lock; one writer at a time holds the write lock.
 *
 * <pre>
 *   version 7:     R7                  version 8 (put k):   R8
 *                /    \                                   /    \
 *              A       B7                               A       B8   (B8: copy of B7 with k)
 *   A is shared. R7 and B7 stay readable while a reader pins version 7; their pages are then freed.
 * </pre>
 *
 * Within one batch a node the batch already copied is changed in place, so a batch of 100 puts
 * into one leaf copies it once. Nodes live in memory as decoded objects ({@code Leaf},
 * {@code Branch}); they reach the file only at a flush.
 *
 * <h2>File layout</h2>
 *
 * <pre>
 *   btree.db
 *   ┌──────────────────────────────┬─────────┬─────────┬─────────┬─────────┬─────
 *   │ page 0: meta A @0, meta B @4K │ page 1  │ page 2  │ page 3  │ page 4  │ ...
 *   └──────────────────────────────┴─────────┴─────────┴─────────┴─────────┴─────
 *     every page (16 KiB by default): 24-byte header, then the body
 *     ┌─────┬──────┬───────┬───────┬────────┬──────┬───────┬──────────────────────┐
 *     │crc32c│ type │ level │ count │ page # │ used │ extra │ body ...             │
 *     └─────┴──────┴───────┴───────┴────────┴──────┴───────┴──────────────────────┘
 *     type: leaf | branch | overflow (large values, runs of consecutive pages) | free list
 * </pre>
 *
 * The details of each page type are in {@code PageFormat}; the meta record in {@code Meta}. The
 * checksum (CRC32C) covers each page's header and used bytes, including the page's own number,
 * so a page that is torn, flipped or written in the wrong place is reported as a
 * {@link io.mynode.kernel.error.CorruptionException} naming the file and page, never served.
 *
 * <h2>Commit protocol</h2>
 *
 * {@code write} publishes in memory only; {@code flush} (and {@code close}, and a write that finds
 * more than {@code btree.dirty.pages} pages changed) makes the current root durable:
 *
 * <pre>
 *   1. free the pending pages no reader pins and the durable meta no longer needs
 *   2. give pages to every node changed since the last flush, children first; spill large values
 *      to overflow runs; encode the free list of the new state
 *   3. write those pages (never over a page the durable state uses)      ── fsync
 *   4. write meta copy A (generation g+1, root, page count, free list)   ── fsync
 *   5. write meta copy B (the same record)                                ── synced by the next flush
 *   6. in memory: leaves move to the cache, the old free-list pages become free
 * </pre>
 *
 * Opening reads both copies and takes the valid one with the higher generation. A crash before
 * step 4 completes leaves the previous state (whose pages step 3 did not touch); after it, the new
 * one. Writing the meta twice also means one flipped byte in the newest meta costs nothing: its
 * twin holds the same generation, where a classic two-slot ping-pong would silently fall back to
 * an older state (a wrong answer, which the conformance suite rightly forbids).
 *
 * <h2>Free pages</h2>
 *
 * A page a batch stops using is <em>pending</em>: it becomes free only when no pinned root is
 * older than that batch and the durable meta is at least that new ({@code FreePages}). Readers
 * pin the root they read ({@code Root}); snapshots hold their pin until closed, cursors until
 * exhausted or closed. The free list is stored in free-list pages at each flush, so opening a file
 * reads a handful of pages, not the tree.
 *
 * <h2>Cache and memory</h2>
 *
 * Clean leaves stay in memory, attached to their parents' refs, only while the bounded CLOCK
 * cache keeps them ({@code btree.cache.pages}, default 8192; {@code PageCache}), so a cache hit is
 * a field read with no lock and no hash lookup; hit and miss counters are in {@code status()}.
 * Branches (about one page in a hundred) stay attached to their parents. Leaves changed since the
 * last flush are held by the tree until the flush writes them, bounded by
 * {@code btree.dirty.pages} (default half the cache).
 *
 * <h2>Limits</h2>
 *
 * Keys are 1 to 4096 bytes and values at most 1 MiB; larger ones are an
 * {@link io.mynode.kernel.error.InvalidInputException} and the batch changes nothing. A value is
 * stored inline when its entry takes at most a third of a page, otherwise in an overflow run.
 * Pages are 16 KiB (the smallest that holds three 4 KiB keys, so splits always work) to 64 KiB
 * ({@code btree.page.size}, fixed when the file is created). Page numbers are below 2^31.
 *
 * <h2>What it leaves out</h2>
 *
 * No write-ahead log: in a node the Raft log is the log (DESIGN.md §4), and flushes are cheap
 * enough to be the durability point. No sibling pointers (they do not survive copy-on-write;
 * cursors keep their path instead). No prefix compression or compaction of a file that grew: free
 * pages are reused, lowest first, but the file never shrinks. A cursor abandoned without being
 * closed or exhausted keeps its pages pinned until the engine closes.
 *
 * <h2>Threads</h2>
 *
 * Any number of threads may read, scan and take snapshots; {@code write}, {@code flush},
 * {@code status} and {@code close} take the one write lock. {@code FreePages}, {@code TreeWriter}
 * and {@code Flush} are used under that lock only.
 *
 * <h2>Benchmarks</h2>
 *
 * {@code btree-engine/bench.sh} runs the JMH comparison with H2's MVStore
 * ({@code EngineBench} in the test sources): random gets, puts in batches of 100 and 100-entry
 * scans over 1M keys of 16 bytes with 100-byte values.
 *
 * <h2>References</h2>
 *
 * Comer, "The Ubiquitous B-Tree" (1979); Howard Chu, "LMDB" (2011): copy-on-write B+-tree with
 * two meta pages and a free list of pages freed by past transactions; H2's MVStore (copy-on-write
 * pages, a map root per version); Rodeh, "B-trees, Shadowing, and Clones" (2008).
 */
package io.mynode.storage.btree;
