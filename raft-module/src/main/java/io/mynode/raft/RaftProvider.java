package io.mynode.raft;

import io.mynode.kernel.consensus.Consensus;
import io.mynode.kernel.consensus.ConsensusContext;
import io.mynode.kernel.consensus.ConsensusProvider;

/** Provides Raft as {@code consensus=raft}. */
public final class RaftProvider implements ConsensusProvider {

    @Override
    public String name() {
        return "raft";
    }

    /** Validates {@code raft.*}, recovers the log and starts the driver thread. */
    @Override
    public Consensus start(ConsensusContext context) {
        RaftSettings settings = RaftSettings.parse(context.config().settings("raft"));
        return RaftConsensus.start(context, settings);
    }
}
