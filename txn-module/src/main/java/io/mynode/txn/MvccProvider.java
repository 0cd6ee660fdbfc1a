package io.mynode.txn;

import io.mynode.kernel.boot.Kernel;
import io.mynode.kernel.config.ConfigKey;
import io.mynode.kernel.config.ConfigKeys;
import io.mynode.kernel.consensus.Consensus;
import io.mynode.kernel.consensus.StateMachine;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.txn.TransactionContext;
import io.mynode.kernel.txn.TransactionEngine;
import io.mynode.kernel.txn.TransactionEngineProvider;

/**
 * Provides MVCC as {@code mvcc}, the transaction layer the kernel boots; its keys sit under the
 * same name ({@code mvcc.*}), declared below.
 */
public final class MvccProvider implements TransactionEngineProvider {
    static final ConfigKeys KEYS = new ConfigKeys();
    static final ConfigKey<Long> RETENTION_VERSIONS = KEYS.number("retention.versions",
            MvccStateMachine.DEFAULT_RETENTION, 1, Long.MAX_VALUE / 4,
            "commit versions kept readable for time travel and long transactions before older ones are collected");

    @Override
    public String name() {
        return Kernel.TRANSACTIONS;
    }

    @Override
    public ConfigKeys configKeys() {
        return KEYS;
    }

    /** The state machine over {@code context.storage()}, configured by the {@code mvcc.*} keys. */
    @Override
    public StateMachine stateMachine(TransactionContext context) {
        return new MvccStateMachine(context.storage(), context.settings());
    }

    @Override
    public TransactionEngine engine(StateMachine stateMachine, Consensus consensus) {
        if (!(stateMachine instanceof MvccStateMachine mvcc)) {
            throw new ConfigException("the mvcc transaction engine needs the state machine the mvcc provider made, not "
                    + stateMachine.getClass().getName());
        }
        return new MvccEngine(mvcc, consensus);
    }
}
