package io.mynode.raft;

import io.mynode.kernel.config.ConfigKeys;
import io.mynode.kernel.consensus.Consensus;
import io.mynode.kernel.consensus.ConsensusContext;
import io.mynode.kernel.consensus.ConsensusProvider;

/** Provides Raft as {@code consensus=raft}. */
public final class RaftProvider implements ConsensusProvider {

    @Override
    public String name() {
        return "raft";
    }

    /** The {@code raft.*} keys: {@link RaftSettings#KEYS}. */
    @Override
    public ConfigKeys configKeys() {
        return RaftSettings.KEYS;
    }

    /** Reads {@code raft.*}, recovers the log and starts the driver thread. */
    @Override
    public Consensus start(ConsensusContext context) {
        RaftSettings settings = RaftSettings.parse(context.settings());
        return RaftConsensus.start(context, settings);
    }
}
