/**
 * The Raft core: one node as a deterministic state machine, after the Raft paper (Ongaro and
 * Ousterhout, "In Search of an Understandable Consensus Algorithm", 2014) and Ongaro's thesis
 * ("Consensus: Bridging Theory and Practice", 2014), with etcd/raft's engineering.
 *
 * <pre>
 *   tick() ───────┐                            ┌──► Send(envelope)     (after Log.sync())
 *   step(msg) ────┼──► Node ── Log, Snapshots ──┼──► RoleChange
 *   propose(cmds) ┤    (no threads, clocks,    └──► ReadReady(id, index)
 *   readIndex(ids)┘     sockets or files)           commitIndex() for the applier
 * </pre>
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li><b>Elections</b> with randomized timeouts in [electionTicks, 2·electionTicks), widened
 *       up to [n, 9n) after elections that failed in a row (so a slow vote round trip cannot
 *       time out every candidate forever), a
 *       <b>pre-vote</b> round (thesis §9.6) so a partitioned node cannot inflate terms and
 *       depose a healthy leader when it returns, and <b>check-quorum</b>: a leader that has not
 *       heard from a quorum for an election timeout steps down, and a follower that heard from a
 *       leader within the minimum timeout ignores vote requests.</li>
 *   <li><b>Replication</b> as etcd does it: per-follower {@code Progress} in probe, replicate or
 *       snapshot mode; up to {@code maxInflight} appends pipelined; many entries per append;
 *       <b>fast backtracking</b>: a rejection carries the follower's last entry of a term no later
 *       than the leader's, and the leader skips whole terms on both sides instead of one index
 *       per round trip.</li>
 *   <li><b>Commitment</b> only by counting replicas of an entry of the current term (§5.4.2);
 *       each new leader appends a <b>no-op</b> so that happens promptly.</li>
 *   <li><b>ReadIndex</b> (thesis §6.4): a read waits until the leader has committed in its term,
 *       takes the commit index, and is confirmed when a quorum echoes a heartbeat round sent after
 *       it. Followers forward reads and get the index back.</li>
 *   <li><b>Forwarding</b>: followers send proposals to the leader they know; with none known
 *       the caller is told so and retries.</li>
 *   <li><b>Snapshots</b>: a follower whose next entry was compacted gets the state machine's
 *       snapshot in chunks, stop-and-wait, and installs it on the last chunk.</li>
 * </ul>
 *
 * <h2>Contract with the driver</h2>
 * The core writes to the {@link io.mynode.raft.core.Log} without syncing. The driver must sync
 * before it sends what {@link io.mynode.raft.core.Node#drain()} returned and before it applies
 * entries up to {@link io.mynode.raft.core.Node#commitIndex()}: that is what makes a vote or an
 * acknowledgement a promise kept across a crash, and lets a batch of work share one fsync.
 *
 * <h2>Left out</h2>
 * Membership changes, leadership transfer, lease-based reads, and flow control beyond the
 * inflight window. Messages of a past term are answered just enough to make an old leader step
 * down. {@link io.mynode.raft.core.Codec} is the MessagePack wire format and rejects anything
 * malformed before it reaches the node.
 *
 * <h2>Threads</h2>
 * None: not thread-safe, driven by one thread at a time.
 */
package io.mynode.raft.core;
