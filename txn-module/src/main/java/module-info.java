/**
 * MVCC transactions with serializable isolation: the replicated state machine and the transaction client.
 */
module io.mynode.txn {
    requires io.mynode.kernel;
}
