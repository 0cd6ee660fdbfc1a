/**
 * Raft consensus for mynode: a segmented, checksummed log store that doubles as the node's
 * write-ahead log; a deterministic Raft core (pre-vote, check-quorum, pipelined replication, fast
 * backtracking, ReadIndex, snapshots); and a driver that runs the core on one thread over the
 * kernel's {@code PeerNetwork} and {@code StateMachine}. Exports nothing.
 *
 * @provides io.mynode.kernel.consensus.ConsensusProvider {@code raft}
 */
module io.mynode.raft {
    requires io.mynode.kernel;
    requires msgpack.core; // automatic module name of msgpack-core-0.9.12.jar (no Automatic-Module-Name in its manifest)

    provides io.mynode.kernel.consensus.ConsensusProvider with io.mynode.raft.RaftProvider;
}
