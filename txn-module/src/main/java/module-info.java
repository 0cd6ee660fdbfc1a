/**
 * MVCC transactions with serializable isolation: the replicated state machine that validates and
 * applies commits over any storage engine, and the transaction client that reads at snapshots and
 * commits through consensus. Exports nothing.
 *
 * @provides io.mynode.kernel.txn.TransactionEngineProvider {@code mvcc}: the state machine and the transaction engine
 */
module io.mynode.txn {
    requires io.mynode.kernel;
    requires msgpack.core;

    provides io.mynode.kernel.txn.TransactionEngineProvider with io.mynode.txn.MvccProvider;
}
