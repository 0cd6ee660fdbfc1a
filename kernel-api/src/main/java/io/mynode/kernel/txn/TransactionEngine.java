package io.mynode.kernel.txn;

/**
 * Begins transactions over the replicated MVCC store. Safe for concurrent use by many sessions.
 */
public interface TransactionEngine {

    /** A read-write transaction at a recent snapshot. */
    Transaction begin();

    /**
     * A read-only transaction at a linearizable snapshot (a consensus read index): it sees every
     * commit acknowledged before this call and never conflicts.
     */
    Transaction beginReadOnly();

    /**
     * A read-only transaction at {@code version} (time travel). Fails with an
     * {@code InvalidInputException} if versions that old were garbage collected, or if the
     * version is in the future.
     */
    Transaction beginAsOf(long version);
}
