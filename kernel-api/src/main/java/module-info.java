/**
 * The mynode kernel: contracts (SPIs, records, errors), node configuration, and the boot sequence
 * that wires a node's parts from {@code node.properties}. It depends on the JDK alone and imports
 * no plugin; plugins depend on it.
 *
 * @uses io.mynode.kernel.storage.StorageEngineProvider
 * @uses io.mynode.kernel.txn.TransactionEngineProvider
 * @uses io.mynode.kernel.consensus.ConsensusProvider
 * @uses io.mynode.kernel.sql.SqlFrontendProvider
 * @uses io.mynode.kernel.transport.TransportProvider
 * @provides io.mynode.kernel.consensus.ConsensusProvider {@code local}: a single node without replication
 */
module io.mynode.kernel {
    exports io.mynode.kernel;
    exports io.mynode.kernel.boot;
    exports io.mynode.kernel.client;
    exports io.mynode.kernel.config;
    exports io.mynode.kernel.consensus;
    exports io.mynode.kernel.error;
    exports io.mynode.kernel.fault;
    exports io.mynode.kernel.launch;
    exports io.mynode.kernel.sql;
    exports io.mynode.kernel.storage;
    exports io.mynode.kernel.transport;
    exports io.mynode.kernel.txn;

    uses io.mynode.kernel.storage.StorageEngineProvider;
    uses io.mynode.kernel.txn.TransactionEngineProvider;
    uses io.mynode.kernel.consensus.ConsensusProvider;
    uses io.mynode.kernel.sql.SqlFrontendProvider;
    uses io.mynode.kernel.transport.TransportProvider;

    provides io.mynode.kernel.consensus.ConsensusProvider with io.mynode.kernel.consensus.LocalConsensusProvider;
}
