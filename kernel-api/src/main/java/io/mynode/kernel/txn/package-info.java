/**
 * The transaction contract: serializable (and, over consensus, strictly serializable) MVCC
 * transactions on byte keys.
 *
 * <p>One consensus round per transaction (DESIGN.md §4): a read-write transaction reads at its
 * snapshot and buffers writes; commit proposes one command with its snapshot version, the keys and
 * ranges it read and its writes, and the replicated state machine validates it deterministically.
 * Read-only transactions read at a read index and never touch the log.
 */
package io.mynode.kernel.txn;
