package io.mynode.kernel.boot;

import io.mynode.kernel.Providers;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.consensus.Consensus;
import io.mynode.kernel.consensus.ConsensusContext;
import io.mynode.kernel.consensus.ConsensusProvider;
import io.mynode.kernel.consensus.PeerNetwork;
import io.mynode.kernel.consensus.StateMachine;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.fault.FaultyNetwork;
import io.mynode.kernel.sql.SqlContext;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.SqlFrontendProvider;
import io.mynode.kernel.storage.StorageContext;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageEngineProvider;
import io.mynode.kernel.transport.ClientService;
import io.mynode.kernel.transport.Transport;
import io.mynode.kernel.transport.TransportContext;
import io.mynode.kernel.transport.TransportProvider;
import io.mynode.kernel.txn.TransactionContext;
import io.mynode.kernel.txn.TransactionEngine;
import io.mynode.kernel.txn.TransactionEngineProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Boots a node from its configuration: the one place where the parts are wired.
 *
 * <pre>
 *   DataIdentity                           ─► checks or records     data.dir/identity.properties
 *   StorageEngineProvider[storage.engine]  ─► StorageEngine         data.dir/storage
 *   TransactionEngineProvider["mvcc"]      ─► StateMachine over it
 *   TransportProvider[transport]           ─► Transport (peer messages first)
 *   FaultyNetwork, if faults.file is set   ─► partitions for tests, whatever the transport
 *   ConsensusProvider[consensus]           ─► Consensus             data.dir/consensus
 *   TransactionEngineProvider              ─► TransactionEngine over sm + consensus
 *   SqlFrontendProvider["sql"]             ─► SqlEngine, then the transport serves it
 * </pre>
 *
 * <p>Each provider gets its own checked {@link io.mynode.kernel.config.Settings} (the keys under
 * its name) in its context, the same way for every kind of provider.
 *
 * <p>If any step fails, the parts already started are closed, and the error names what failed.
 */
public final class Kernel {
    /** mynode's version, as the REPL banner shows it. */
    public static final String VERSION = "0.1.0";

    /** The name of the transaction provider the kernel uses; there is one. */
    public static final String TRANSACTIONS = "mvcc";

    /** The name of the SQL frontend the kernel uses; there is one. */
    public static final String SQL = "sql";

    private Kernel() {}

    /** Boots a full node that serves clients and talks to its peers over the configured transport. */
    public static Node boot(NodeConfig config) {
        return start(config, true);
    }

    /**
     * Boots a node without a transport, for embedding and tests: a single-node cluster whose SQL
     * engine is used in-process. Refuses a configuration with more than one peer.
     */
    public static Node embedded(NodeConfig config) {
        if (config.peers().size() > 1) {
            throw new ConfigException("an embedded node has no transport, so cluster.peers must name only '"
                    + config.nodeId() + "'");
        }
        return start(config, false);
    }

    private static Node start(NodeConfig configured, boolean serve) {
        // Resolve every provider before touching the disk, so a typo fails fast and changes nothing.
        StorageEngineProvider storageProvider = Providers.select(StorageEngineProvider.class, configured.storageEngine());
        TransactionEngineProvider txnProvider = Providers.select(TransactionEngineProvider.class, TRANSACTIONS);
        ConsensusProvider consensusProvider = Providers.select(ConsensusProvider.class, configured.consensus());
        SqlFrontendProvider sqlProvider = Providers.select(SqlFrontendProvider.class, SQL);
        Optional<TransportProvider> transportProvider = serve
                ? Optional.of(Providers.select(TransportProvider.class, configured.transport())) : Optional.empty();

        // Then whose the data directory is: another node's, cluster's or engine's is refused.
        DataIdentity identity = DataIdentity.claim(configured.dataDir(), configured);
        NodeConfig config = configured.withClusterId(identity.clusterId());

        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            StorageEngine storage = storageProvider.open(new StorageContext(
                    directory(config.dataDir().resolve("storage")), config.settings(storageProvider.name())));
            started.push(storage);
            StateMachine stateMachine = txnProvider.stateMachine(
                    new TransactionContext(config.nodeId(), storage, config.settings(txnProvider.name())));
            started.push(stateMachine);
            Optional<Transport> transport = transportProvider.map(
                    p -> p.start(new TransportContext(config, config.settings(p.name()))));
            transport.ifPresent(started::push);
            PeerNetwork peers = transport.map(Transport::peers).orElse(NO_PEERS);
            // Any transport can be partitioned by a test harness: the fault wrapper sits between it and consensus.
            Optional<FaultyNetwork> faults = config.kernel().get(NodeConfig.FAULTS_FILE).map(file -> FaultyNetwork
                    .watching(config.nodeId(), peers, file, Duration.ofMillis(config.kernel().get(NodeConfig.FAULTS_POLL_MS))));
            faults.ifPresent(started::push);
            PeerNetwork network = faults.<PeerNetwork>map(f -> f).orElse(peers);
            Consensus consensus = consensusProvider.start(new ConsensusContext(config,
                    config.settings(consensusProvider.name()), directory(config.dataDir().resolve("consensus")),
                    stateMachine, network));
            started.push(consensus);
            TransactionEngine transactions = txnProvider.engine(stateMachine, consensus);
            SqlEngine sql = sqlProvider.open(new SqlContext(transactions, config.settings(sqlProvider.name())));
            Node node = new Node(config, storage, stateMachine, consensus, transactions, sql, transport, faults);
            transport.ifPresent(t -> t.serve(new ClientService(sql, node::status)));
            return node;
        } catch (RuntimeException e) {
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageIoException("creating data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The network of a node that has no peers: there is nobody to send to. */
    private static final PeerNetwork NO_PEERS = new PeerNetwork() {
        @Override
        public void send(String to, byte[] message) {}

        @Override
        public void receiver(Receiver receiver) {}
    };
}
