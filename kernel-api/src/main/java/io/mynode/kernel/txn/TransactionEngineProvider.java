package io.mynode.kernel.txn;

import io.mynode.kernel.NamedProvider;
import io.mynode.kernel.consensus.Consensus;
import io.mynode.kernel.consensus.StateMachine;

/**
 * Provides MVCC in two halves, because consensus sits between them at boot:
 *
 * <pre>
 *   StateMachine sm = provider.stateMachine(context);        // applies replicated commits
 *   Consensus c     = consensusProvider.start(..., sm, ...);  // orders commits
 *   TransactionEngine txns = provider.engine(sm, c);          // reads locally, commits via c
 * </pre>
 */
public interface TransactionEngineProvider extends NamedProvider {

    /** The MVCC state machine over {@code context.storage()}. */
    StateMachine stateMachine(TransactionContext context);

    /**
     * The transaction client, reading from {@code stateMachine} (which must be one returned by
     * this provider) and committing through {@code consensus}.
     */
    TransactionEngine engine(StateMachine stateMachine, Consensus consensus);
}
