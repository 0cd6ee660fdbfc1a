/**
 * The Raft core: one node as a deterministic state machine, after the Raft paper (Ongaro and
 * Ousterhout, "In Search of an Understandable Consensus Algorithm", 2014) and Ongaro's thesis
 * ("Consensus: Bridging Theory and Practice", 2014), with etcd/raft's engineering.
 *
 * <pre>
 *   tick() ───────┐                            ┌──► Send(envelope)     (after Log.sync())
 *   step(msg) ──Bounds──► Node ── Log, Snapshots ┼──► RoleChange
 *   propose(cmds) ┤    (no threads, clocks,    ├──► ReadReady(id, index)
 *   readIndex(ids)┘     sockets or files)       └──► Dropped(envelope, why)
 *                                                   commitIndex() for the applier
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
 *   <li><b>Read leases</b> (thesis §6.4.1, etcd's {@code ReadOnlyLeaseBased}), when
 *       {@code RaftConfig.leaseNanos} is set: while its lease holds, a leader answers a read at
 *       once with its commit index, with no heartbeat round; otherwise it falls back to one. See
 *       the safety argument below.</li>
 *   <li><b>Forwarding</b>: followers send proposals to the leader they know; with none known
 *       the caller is told so and retries.</li>
 *   <li><b>Snapshots</b>: a follower whose next entry was compacted gets the state machine's
 *       snapshot in chunks, stop-and-wait, and installs it on the last chunk.</li>
 *   <li><b>Membership changes</b>, one server at a time, with learners and leadership transfer:
 *       see below.</li>
 * </ul>
 *
 * <h2>Membership</h2>
 * The cluster's {@link io.mynode.raft.core.Configuration} (every member's id, address, and
 * whether it votes) lives in the log: a configuration entry (first byte 0xC1, which MessagePack
 * never starts a command with) sets a new one, the log records the one in force at its
 * compaction point, and a snapshot carries the one at its index. {@code cluster.peers} only
 * bootstraps: a node's first start records it at the start of its log, and from then on the log
 * decides. A node uses the latest configuration in its log, committed or not (thesis §4.1), and
 * falls back to the one before if a new leader cuts the entry off
 * ({@link io.mynode.raft.core.Configurations}).
 *
 * <p><b>Why single-server changes, not joint consensus.</b> Adding or removing one voter at a
 * time means any majority of the old voters and any majority of the new ones share a voter, so
 * the two configurations cannot elect two leaders in a term however the nodes disagree on which
 * is in force; no intermediate joint configuration is needed, and the rules fit in a few lines
 * ({@link io.mynode.raft.core.Reconfiguration}). What it costs: replacing a node takes two changes
 * (add, then remove), and a change cannot swap several voters at once, which an operator doing
 * one node at a time never needs. Two rules keep the one-at-a-time property: a change is refused
 * while the previous one is uncommitted, and a leader makes no change before it has committed an
 * entry of its own term (the thesis's fix, from its errata: without it a new leader could append a
 * change on top of an uncommitted change of an earlier term that a third leader then replaces, and
 * two changes would overlap).
 *
 * <p><b>Learners.</b> A new node joins with an empty configuration: it neither campaigns nor votes
 * and waits for a leader. The leader adds it as a learner, which receives the log (or a snapshot,
 * with the configuration at its index, when the log was compacted) but counts towards no quorum,
 * so a slow newcomer cannot stall commits. Once the learner's log holds every committed entry the
 * leader promotes it with a second configuration entry (the thesis's catching up in rounds, with
 * the last round's end at the commit index).
 *
 * <p><b>Who votes.</b> Only a voter of its own latest configuration campaigns, and only the votes
 * and acknowledgements of the voters of a candidate's or leader's latest configuration are
 * counted. Any member answers vote requests, learners included (thesis §4.2.1: a learner whose
 * log lacks its own promotion may hold the vote a candidate with that promotion needs; refusing
 * it can leave a two-voter cluster with no leader for good). A node a change removed stops
 * campaigning as soon as the entry reaches it, and the leader keeps sending it the log until it
 * also knows that the entry committed; from then on it votes no more and reports itself
 * removed. A node that has joined nothing yet never votes.
 *
 * <p><b>New disk, new id.</b> A node's votes are kept on its disk; a node that lost its disk and
 * came back under its old id could vote a second time in a term its former self voted in, and
 * (if a vote request from before its removal reaches it late) help elect a second leader in that
 * term. Nothing in the log tells the two apart, so such a node must join under a new id, as etcd
 * gives every added member a new identity; the leader refuses to add an id that any configuration
 * its log still holds names.
 *
 * <p><b>Leadership transfer</b> (thesis §3.10): the leader stops taking proposals, brings the
 * target's log up to its own, and sends TimeoutNow; the target campaigns at once, without a
 * pre-vote, and its vote requests carry a transfer flag that voters honour even while they heard
 * from the leader lately (that is, they set aside the read lease's promise). So the leader gives up
 * its lease for the rest of its term the moment the transfer starts, before TimeoutNow leaves; if
 * the target has not taken over within an election timeout the leader leads on, without a lease.
 * A leader asked to remove itself transfers first (to the voter whose log matches most of its
 * own), and the next leader removes it: a leader never leads a configuration it is not in.
 *
 * <p><b>Leases across changes.</b> A configuration entry drops the leader's lease; it is counted
 * again among the new voters from echoes that come after. A majority of the voters before a
 * single-server change and one after share a voter, so a lease counted in either configuration
 * keeps any candidate of the other from winning while it lasts; and the driver publishes the
 * dropped lease before the entry's appends leave.
 *
 * <h2>Why the read lease is safe</h2>
 * <ol>
 *   <li><b>The follower's promise.</b> A node that receives an append, heartbeat or snapshot from
 *       its leader refuses votes and pre-votes for the next electionTicks of its ticks
 *       ({@code Node.inLease}). Every way to elect someone passes that check: a higher-term vote
 *       is ignored, a pre-vote or same-term vote is refused (a stale message of a higher term may
 *       have moved the node to a term whose vote is still free: the count is kept across term and
 *       role changes for that reason), and the node's own election timer, reset by the same
 *       contact, is at least as long. It needs check-quorum, which turns the refusal on.</li>
 *   <li><b>Time.</b> Ticks are not a clock: the driver drops the time its thread spent stalled,
 *       so a leader paused for ten seconds would wake up with its ticks where they were. The
 *       lease is therefore measured on an injected monotonic clock (System.nanoTime in the driver,
 *       simulated time in tests), which a pause does not stop. On the follower's side ticks are
 *       fine, because they only ever run slower than real time: the refusal lasts more than
 *       (electionTicks - 2) tick lengths after the receipt ({@code RaftConfig.safeLeaseNanos}
 *       explains the 2), and the lease is 90% of that.</li>
 *   <li><b>Where it starts.</b> Heartbeats are numbered rounds and the leader notes when it sent
 *       each ({@code ReadRounds}); a follower's echo tells it the follower received that round
 *       after it was sent. The
 *       lease runs from the send time of the round that the (quorum - 1)-th freshest follower
 *       echoed (the leader itself completes the quorum) for leaseNanos. Any new leader needs a
 *       vote from one of those followers, which will not give it before the lease is over, or from
 *       this leader, which votes only after stepping down, and stepping down drops the lease.</li>
 *   <li><b>Restarts.</b> A node forgets its promise when it restarts, so with leases on a node
 *       starts as if it had just heard from a leader and refuses votes and pre-votes for its first
 *       election timeout. Pre-votes too: they are harmless to safety, but a pre-vote granted and a
 *       vote then refused makes the candidate raise its term and depose the live leader for
 *       nothing. A cluster starting together loses nothing, as no node's timer fires sooner.</li>
 *   <li><b>New leaders.</b> A new leader starts unleased: it serves lease reads only once it has
 *       committed an entry of its term (so its commit index covers every committed entry) and a
 *       quorum echoed a heartbeat it sent as leader.</li>
 * </ol>
 * What it does assume: clocks that run at nearly the same rate on every machine (the 10% margin),
 * and a monotonic clock that keeps running whenever others do (CLOCK_MONOTONIC stops while a
 * whole machine is suspended).
 *
 * <h2>Contract with the driver</h2>
 * The core writes to the {@link io.mynode.raft.core.Log} without syncing. The driver must sync
 * before it sends what {@link io.mynode.raft.core.Node#drain()} returned and before it applies
 * entries up to {@link io.mynode.raft.core.Node#commitIndex()}: that is what makes a vote or an
 * acknowledgement a promise kept across a crash, and lets a batch of work share one fsync.
 *
 * <h2>Left out</h2>
 * Joint consensus (see above), learners that stay learners, and flow control beyond the inflight
 * window. Leases
 * are renewed by heartbeats only (every heartbeatTicks), not by append acknowledgements. Messages of a past term are answered just enough to make an old leader step
 * down.
 *
 * <h2>What a peer is trusted with</h2>
 * Nothing it says is taken on faith, in two layers. {@link io.mynode.raft.core.Codec}, the
 * MessagePack wire format, rejects what is malformed (truncated, a bad checksum, counts larger
 * than the bytes that hold them). {@link io.mynode.raft.core.Bounds} then rejects what is well
 * formed but unbelievable (a term near overflow or far above this node's, an acknowledgement of
 * entries never sent, an entry from a later term than its sender's) before the node adopts or
 * persists any of it; the node reports a {@code Dropped} effect and the driver logs a warning.
 * Every field of every message has its line in {@code Bounds.check}: a new message or field
 * starts there.
 *
 * <h2>Threads</h2>
 * None: not thread-safe, driven by one thread at a time.
 */
package io.mynode.raft.core;
