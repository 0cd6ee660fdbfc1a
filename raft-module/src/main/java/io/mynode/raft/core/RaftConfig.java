package io.mynode.raft.core;

/**
 * Tuning of the core, in ticks and bytes.
 *
 * @param electionTicks minimum election timeout; each timeout is drawn from [n, 2n), up to [n, 9n) after failed elections in a row
 * @param heartbeatTicks how often a leader sends heartbeats; must be below electionTicks
 * @param maxAppendBytes soft cap on the entries carried by one append message
 * @param maxInflight append messages a leader pipelines to one follower before waiting for acks
 * @param snapshotChunkBytes bytes of snapshot per InstallSnapshot message
 * @param preVote whether candidates first ask for pre-votes without raising their term
 * @param checkQuorum whether a leader that has not heard from a quorum for an election timeout steps down
 */
public record RaftConfig(
        int electionTicks,
        int heartbeatTicks,
        long maxAppendBytes,
        int maxInflight,
        int snapshotChunkBytes,
        boolean preVote,
        boolean checkQuorum) {

    public RaftConfig {
        if (electionTicks < 2 || heartbeatTicks < 1 || heartbeatTicks >= electionTicks) {
            throw new IllegalArgumentException("need 1 <= heartbeat ticks < election ticks, got "
                    + heartbeatTicks + " and " + electionTicks);
        }
        if (maxAppendBytes < 1 || maxInflight < 1 || snapshotChunkBytes < 1) {
            throw new IllegalArgumentException("append bytes, inflight and chunk bytes must be positive");
        }
    }

    public static RaftConfig defaults() {
        return new RaftConfig(10, 2, 1 << 20, 64, 1 << 20, true, true);
    }
}
