/**
 * MVCC with serializable isolation: the replicated state machine that validates and applies
 * commits, and the transaction client that reads at snapshots and commits through consensus.
 *
 * <h2>Versions</h2>
 * A version is a Raft log index. The commit command of a transaction is applied at some index
 * {@code i}, and its writes become versions {@code i} of their keys: every replica applies the
 * same commands at the same indexes, so every replica assigns the same versions without a clock.
 * Each write is a new row in the storage engine; nothing is overwritten in place.
 *
 * <pre>
 *   0x01 "a" 00 00 ~9   → 0x01 "x"     newest first: a seek to (a, 7) lands on version 5
 *   0x01 "a" 00 00 ~5   → 0x01 "w"
 *   0x01 "b" 00 00 ~7   → 0x00         a delete is a tombstone version
 *   0x02 9              → ["a"]        write log: which keys the commit at 9 wrote
 *   0x00 "applied"      → 9            stored in the same batch as the data it describes
 * </pre>
 *
 * ({@link io.mynode.txn.Layout} has the exact encoding.) A transaction reads at a version
 * {@code v}: for each key, the newest version at or below {@code v}.
 *
 * <h2>Read-write transactions: optimistic, validated in the log</h2>
 * {@code begin()} snapshots at the local applied index, without a round trip. Reads go to the
 * local engine; writes are buffered in the transaction, and reads and scans overlay them. Commit
 * proposes <em>one</em> command: snapshot version, keys read, ranges scanned (a scan closed early
 * records only the part it exposed) and writes. The state machine, applying that command at
 * index {@code i}, looks in the write log at every commit in {@code (snapshot, i)}; if any of them
 * wrote a key the transaction read, or a key inside a range it scanned, the commit fails with a
 * serialization failure; otherwise its writes get version {@code i}.
 *
 * <p>This is backward optimistic validation (Kung and Robinson, 1981) with predicate (range)
 * reads: a committed transaction's reads are unchanged from its snapshot up to its commit
 * index, so it behaves as if it ran alone at {@code i}. The order of commit indexes is therefore a
 * serial order, and since {@code i} lies between the commit call and its acknowledgement, the
 * order respects real time: strict serializability. Unlike snapshot isolation (and unlike toyDB,
 * which this module otherwise follows), write skew is prevented, since the skewed transaction
 * read what the other wrote. The cost is more aborts under contention than a lock-based scheme;
 * there are no locks, no waits and no deadlocks, and a failed commit used one log entry. Most
 * conflicts cost not even that: one with a commit this replica has already applied is found
 * before proposing (the state machine, validating a window that contains it, would find it too).
 *
 * <h2>Read-only and time-travel transactions</h2>
 * {@code beginReadOnly()} takes a consensus read index and reads at it: it sees every commit
 * acknowledged before it began and never conflicts, so it records nothing and commits locally.
 * {@code beginAsOf(v)} reads at {@code v}: the version must not be in the future (beyond the read
 * index) nor garbage collected. A read-write transaction that wrote nothing also commits without
 * a log entry, but since its snapshot is this replica's applied index (which may lag), it first
 * validates its reads against the write log up to a fresh read index, exactly as the state
 * machine would: strictly serializable, at the price of aborting such a transaction when what it
 * read changed while it ran (PostgreSQL would let it commit, ordered first).
 *
 * <h2>Garbage collection</h2>
 * The low-water mark is {@code commitIndex - mvcc.retention.versions}, raised (never lowered) as
 * commits are applied. The retention travels inside each commit command, so every replica moves
 * the mark identically even if their configuration files disagree. For each write-log entry at
 * or below the mark, older versions of its keys are deleted (the entry's own version too if it is
 * a tombstone), then the entry; at most {@value io.mynode.txn.MvccStateMachine#GC_PER_APPLY}
 * entries per command, in the command's own batch. Reads at or above the mark remain exact;
 * below it, time travel fails with a clear error, and a read-write transaction whose snapshot
 * fell below it fails as a (retryable) serialization failure, since the write log it would be
 * validated against is gone.
 *
 * <h2>Exactly once, durability, snapshots</h2>
 * Each applied command stores its consensus client's sequence and outcome in the same batch as
 * its effects; a repeated sequence returns the stored outcome and changes nothing. Applying does
 * not flush: the Raft log is the write-ahead log, and {@code 0x00 "applied"} tells it where to
 * replay from. A state-machine snapshot is the whole key space (data, write log, metadata),
 * streamed from an engine snapshot, checksummed; restoring checks all of it before replacing.
 * Transaction ids are reserved in blocks through the log, so they are unique in the cluster.
 *
 * <h2>Left out</h2>
 * Read sets are exact keys and ranges, not predicates: a {@code WHERE value % 3 = 0} over a full
 * scan conflicts with any write to the table (correct, coarser than PostgreSQL's SSI). The whole
 * commit, writes included, travels in one log entry, so a transaction's writes are bounded by what
 * consensus accepts in an entry. Snapshot restore buffers the snapshot in memory. The dedup table
 * keeps one small record per consensus client id and is never pruned (client ids are per node
 * process, not per request). When a commit's outcome cannot be learnt
 * ({@code OutcomeUnknownException}) the transaction reports itself rolled back although the
 * command may yet apply: the exception, not the state, is the truth there.
 *
 * <h2>Threads</h2>
 * Consensus calls {@code apply}, {@code skip}, {@code flush} and {@code restoreSnapshot} on one
 * thread; any number of transactions read concurrently, each used by one thread at a time.
 *
 * <p>References: toyDB's {@code src/storage/mvcc.rs}; H. T. Kung and J. T. Robinson, "On
 * Optimistic Methods for Concurrency Control" (1981); A. Adya, "Weak Consistency" (1999) for
 * the anomalies (G0 ... G2) the golden tests exercise; M. Kleppmann's Hermitage.
 */
package io.mynode.txn;
