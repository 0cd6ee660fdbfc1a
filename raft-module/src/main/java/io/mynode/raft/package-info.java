/**
 * Raft consensus (provider {@code raft}): the driver that runs the deterministic core on a
 * thread, the client side of proposals and reads, and the provider.
 *
 * <h2>How the pieces fit</h2>
 * <pre>
 *   Consensus.propose ─► RaftConsensus (thread, clock, inbox) ─► Replica ─► core.Node
 *                                 │                              │  lanes, retries, apply
 *                          PeerNetwork ◄── Codec ◄── messages ───┘       │
 *                                                   log.SegmentedLog ◄──┘  StateMachine
 * </pre>
 * {@link io.mynode.raft.core.Node} is pure Raft: messages and ticks in, messages and effects out.
 * {@code Replica} adds what a node needs around it and is still deterministic (the simulation
 * tests run many in one thread): it assigns each proposal a {@code Command(clientId, sequence)}
 * on a <em>lane</em> with one proposal in flight, resends on a leader change, applies committed
 * entries in order and completes futures. {@code RaftConsensus} owns the thread: it drains
 * everything that arrived into one batch, so N proposals become one append and one fsync, sends
 * only after that fsync, and never blocks on a peer.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>{@code propose} completes with {@code Applied(index, result)} once the command is
 *       committed and applied on this node; it is applied exactly once cluster-wide, however
 *       often it is resent, because resends repeat the lane and sequence and the state machine
 *       dedups by them.</li>
 *   <li>It fails with {@code UnavailableException} only if it never left this node (nothing can
 *       have been logged), otherwise, after {@code raft.timeout.ms}, with
 *       {@code OutcomeUnknownException}. Closing the node fails outstanding requests the same way.</li>
 *   <li>{@code readIndex} follows the ReadIndex protocol (Raft thesis §6.4): the leader takes its
 *       commit index once it has committed an entry of its own term, confirms with a quorum
 *       heartbeat round that it still leads, and the node completes the read once it has applied
 *       that index. While the leader holds a read lease (on by default), it skips the heartbeat
 *       round and answers at once, a follower's forwarded read included; the lease is measured on
 *       {@code System.nanoTime}, so a leader paused past it (SIGSTOP, GC) wakes up without one.
 *       A leased leader's own reads skip even its Raft thread: each round publishes the commit
 *       index and the lease's end before any of its messages leave, and {@code readIndex} answers
 *       from that on the caller's thread while the lease lasts and the index is applied.
 *       Reads and writes are linearizable; followers serve reads too. The argument for the lease
 *       is in {@link io.mynode.raft.core}.</li>
 *   <li>What crosses the network is checked: messages carry a CRC32C and are decoded
 *       defensively, so garbage is counted and dropped; every number in a message that decodes
 *       is then held to {@code core.Bounds} (terms, indexes, sizes) before the core adopts or
 *       persists any of it, so a peer cannot push a term to overflow or acknowledge entries it
 *       never got; such messages are dropped with a warning; read ids start at a random point in every
 *       incarnation, so a late reply meant for a node before its restart cannot complete a read
 *       of the restarted node; a committed entry that is not a valid command (a peer forwarded
 *       junk) is applied as a no-op by every replica alike instead of stopping the cluster.</li>
 * </ul>
 *
 * <h2>Settings ({@code raft.*} in {@code node.properties})</h2>
 * Declared, with defaults, ranges and a line each, in {@link io.mynode.raft.RaftSettings}
 * ({@code mynode-server --help-config} prints them). The ones that shape behaviour most:
 * {@code tick.ms} (20) and {@code election.ticks} (10) set the election timeout;
 * {@code read.lease} (true) lets a leader answer reads without a heartbeat round, under the clock
 * assumption of {@link io.mynode.raft.core} (with it on, a node refuses votes for one election
 * timeout after it starts); {@code snapshot.entries} (10000) sets how often the log is compacted.
 * An unknown {@code raft.*} key or an out-of-range value stops the node at boot.
 *
 * <h2>Threads</h2>
 * One {@code raft-<node>} thread owns the replica, the log and the state machine's write side;
 * transport threads only enqueue; futures complete on the raft thread (callers block on them or chain
 * with {@code *Async}).
 *
 * <h2>Membership</h2>
 * {@code Consensus.changeMembership} adds a node (as a learner, promoted once caught up), removes
 * one, or moves leadership, one change at a time; any node takes the request and the leader
 * carries it out (see {@link io.mynode.raft.core} for the protocol and why it is safe). The
 * configuration lives in the log; {@code cluster.peers} is read only on a node's first start, to
 * bootstrap a new cluster. A node that joins a running cluster starts with an empty configuration
 * and is told everything by the leader once added. After every change the driver hands the
 * network the addresses of every node its log names, so links follow the membership; a node that
 * finds itself removed logs a warning, reports the role {@code removed} and fails every request.
 *
 * <h2>Left out, on purpose or for now</h2>
 * The read lease trusts clock rates to agree within 10% across machines and does not survive a
 * leader's whole machine being suspended while the others run (see {@link io.mynode.raft.core}).
 * The commit index is not persisted, so after a restart a node applies its log tail only
 * once it hears the commit index from a leader (or becomes leader itself). Snapshots are taken on
 * the Raft thread.
 */
package io.mynode.raft;
