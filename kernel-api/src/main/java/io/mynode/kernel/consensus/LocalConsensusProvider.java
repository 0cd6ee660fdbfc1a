package io.mynode.kernel.consensus;

/** Provides {@link LocalConsensus} as {@code consensus=local}: a single node, no replication. */
public final class LocalConsensusProvider implements ConsensusProvider {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public Consensus start(ConsensusContext context) {
        if (context.config().peers().size() > 1) {
            throw new io.mynode.kernel.error.ConfigException(
                    "consensus=local runs a single node, but cluster.peers names " + context.config().peers().size());
        }
        return new LocalConsensus(context.config().nodeId(), context.stateMachine(), context.config().settings("local"));
    }
}
