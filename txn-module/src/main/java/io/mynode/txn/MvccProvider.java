package io.mynode.txn;

import io.mynode.kernel.boot.Kernel;
import io.mynode.kernel.consensus.Consensus;
import io.mynode.kernel.consensus.StateMachine;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.txn.TransactionContext;
import io.mynode.kernel.txn.TransactionEngine;
import io.mynode.kernel.txn.TransactionEngineProvider;

/** Provides MVCC as {@code mvcc}, the transaction layer the kernel boots. */
public final class MvccProvider implements TransactionEngineProvider {

    @Override
    public String name() {
        return Kernel.TRANSACTIONS;
    }

    /** Reads {@code txn.retention.versions} (default 100000); any other {@code txn.*} key is refused. */
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
