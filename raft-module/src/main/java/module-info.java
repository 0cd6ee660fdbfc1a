/**
 * Raft consensus (provider {@code raft}): log store, elections, replication, read index, snapshots.
 */
module io.mynode.raft {
    requires io.mynode.kernel;
}
