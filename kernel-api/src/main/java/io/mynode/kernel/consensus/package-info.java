/**
 * The consensus contract: a replicated log whose committed commands every node applies, in the
 * same order, to its {@link io.mynode.kernel.consensus.StateMachine}.
 *
 * <pre>
 *   client ─propose─► any node ─forward─► leader ─append+fsync─► quorum ─commit─► apply on all
 *   client ─readIndex─► leader confirms leadership with a quorum ─► wait applied ≥ index ─► read
 * </pre>
 *
 * <p>The log is the node's write-ahead log (DESIGN.md §4): the state machine applies without
 * fsync and stores its applied index with its data, and after a crash the log is replayed from
 * there. Exactly-once application rests on {@link io.mynode.kernel.consensus.Command}'s client id
 * and sequence, remembered by the state machine.
 *
 * <p>{@link io.mynode.kernel.consensus.PeerNetwork} is how consensus talks to other nodes without
 * knowing the transport: opaque bytes, best effort.
 */
package io.mynode.kernel.consensus;
