package io.mynode.kernel.consensus;

import io.mynode.kernel.NamedProvider;

/** Starts consensus on a node; chosen by {@code consensus=<name>} in {@code node.properties}. */
public interface ConsensusProvider extends NamedProvider {
    /**
     * Recovers from {@code context.directory()}, replays the log into the state machine from its
     * applied index, and starts taking part in the cluster.
     */
    Consensus start(ConsensusContext context);
}
