package io.mynode.sql.store;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.SqlState;

/**
 * Numbers unique across a cluster and its whole history, without a counter anyone must read:
 * the id of the transaction that takes them (unique in the cluster, never reused) in the high
 * bits, and a count of the ids this transaction took so far in the low {@value #COUNT_BITS}.
 * Hidden row ids and the ids of new tables and indexes come from here, so two transactions that
 * insert into the same table without a primary key never conflict over the next id.
 *
 * <p>One per transaction, shared by its statements; one thread.
 */
public final class UniqueIds {
    static final int COUNT_BITS = 24;

    private final long transaction;
    private long taken;

    public UniqueIds(long transaction) {
        this.transaction = transaction;
    }

    /** The next id; fails once a transaction has taken 2^24 of them, far beyond what one can commit. */
    public long next() {
        if (taken == 1L << COUNT_BITS || transaction >= 1L << (63 - COUNT_BITS)) {
            throw new InvalidInputException(SqlState.PROGRAM_LIMIT_EXCEEDED, "transaction " + transaction + " cannot take more generated ids; "
                    + "split it into smaller transactions");
        }
        return (transaction << COUNT_BITS) | taken++;
    }
}
