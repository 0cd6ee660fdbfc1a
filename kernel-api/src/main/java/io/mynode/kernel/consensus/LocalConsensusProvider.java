package io.mynode.kernel.consensus;

import io.mynode.kernel.config.ConfigKey;
import io.mynode.kernel.config.ConfigKeys;
import io.mynode.kernel.error.ConfigException;

/** Provides {@link LocalConsensus} as {@code consensus=local}: a single node, no replication. */
public final class LocalConsensusProvider implements ConsensusProvider {
    static final ConfigKeys KEYS = new ConfigKeys();
    static final ConfigKey<Boolean> SYNC = KEYS.bool("sync", true,
            "flush the state machine before acknowledging each proposal (there is no log to replay)");

    /** For {@link java.util.ServiceLoader}. */
    public LocalConsensusProvider() {}

    @Override
    public String name() {
        return "local";
    }

    @Override
    public ConfigKeys configKeys() {
        return KEYS;
    }

    @Override
    public Consensus start(ConsensusContext context) {
        if (context.config().peers().size() > 1) {
            throw new ConfigException(
                    "consensus=local runs a single node, but cluster.peers names " + context.config().peers().size());
        }
        return new LocalConsensus(context.config().nodeId(), context.stateMachine(), context.settings());
    }
}
