package io.mynode.kernel.boot;

import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.consensus.Consensus;
import io.mynode.kernel.consensus.StateMachine;
import io.mynode.kernel.fault.FaultyNetwork;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.transport.NodeStatus;
import io.mynode.kernel.transport.Transport;
import io.mynode.kernel.txn.TransactionEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A booted node: the parts {@link Kernel} wired together, closed in the reverse order they were
 * started. Embedded nodes have no transport.
 */
public final class Node implements AutoCloseable {
    private final NodeConfig config;
    private final StorageEngine storage;
    private final StateMachine stateMachine;
    private final Consensus consensus;
    private final TransactionEngine transactions;
    private final SqlEngine sql;
    private final Optional<Transport> transport;
    private final Optional<FaultyNetwork> faults;
    private final List<AutoCloseable> closeOrder;

    Node(NodeConfig config, StorageEngine storage, StateMachine stateMachine, Consensus consensus,
            TransactionEngine transactions, SqlEngine sql, Optional<Transport> transport,
            Optional<FaultyNetwork> faults) {
        this.config = config;
        this.storage = storage;
        this.stateMachine = stateMachine;
        this.consensus = consensus;
        this.transactions = transactions;
        this.sql = sql;
        this.transport = transport;
        this.faults = faults;
        this.closeOrder = new ArrayList<>();
        transport.ifPresent(closeOrder::add);
        faults.ifPresent(closeOrder::add);
        closeOrder.add(consensus);
        closeOrder.add(stateMachine);
        closeOrder.add(storage);
    }

    /** The configuration in force, with the cluster id recorded in the data directory. */
    public NodeConfig config() {
        return config;
    }

    /** The cluster this node belongs to (see {@link DataIdentity}). */
    public String clusterId() {
        return config.clusterId().orElseThrow();
    }

    public StorageEngine storage() {
        return storage;
    }

    public Consensus consensus() {
        return consensus;
    }

    public TransactionEngine transactions() {
        return transactions;
    }

    public SqlEngine sql() {
        return sql;
    }

    public Optional<Transport> transport() {
        return transport;
    }

    /** The fault wrapper between the transport and consensus, present when {@code faults.file} is set. */
    public Optional<FaultyNetwork> faults() {
        return faults;
    }

    /** This node's status as clients see it. */
    public NodeStatus status() {
        return new NodeStatus(config.nodeId(), clusterId(), Kernel.VERSION, consensus.status(), storage.status(),
                config.peers());
    }

    /** Stops serving, then stops consensus, then flushes and closes storage. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable part : closeOrder) {
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new io.mynode.kernel.error.StorageIoException("closing " + part.getClass().getSimpleName(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
