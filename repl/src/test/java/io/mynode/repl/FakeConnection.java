package io.mynode.repl;

import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A {@link Connection} test double: statements go to a function the test supplies, every
 * statement is recorded, and the session's transaction is whatever the test last set.
 */
class FakeConnection implements Connection {
    final List<String> executed = new ArrayList<>();
    final Map<String, String> tables = new TreeMap<>();
    Function<String, StatementResult> handler;
    Optional<Session.TransactionInfo> transaction = Optional.empty();
    NodeStatus status = new NodeStatus("mynode5", "test-cluster", "0.1.0",
            new ConsensusStatus("mynode5", "follower", Optional.of("mynode1"), 3, 42, 41, Map.of()),
            new StorageStatus("btree", 10, 8192, Map.of("pages", "2")), addresses(5));
    int sessionsOpened;
    int sessionsClosed;
    volatile boolean closed; // set by LeaderStatus's asking thread

    /** mynode1..mynodeN at 127.0.0.1:9601.., as {@code bin/mynode-local} places them. */
    static Map<String, HostPort> addresses(int nodes) {
        Map<String, HostPort> addresses = new LinkedHashMap<>();
        for (int i = 1; i <= nodes; i++) {
            addresses.put("mynode" + i, new HostPort("127.0.0.1", 9600 + i));
        }
        return addresses;
    }

    /**
     * A {@link LeaderStatus} for a REPL connected to 127.0.0.1:9605 that reaches only
     * {@code nodes}; any other address is refused as a closed port would be.
     */
    static LeaderStatus leaderStatus(Map<HostPort, FakeConnection> nodes, Duration deadline) {
        return new LeaderStatus(address -> {
            FakeConnection node = nodes.get(address);
            if (node == null) {
                throw new UnavailableException("asking " + address + " for its status: UNAVAILABLE: connection refused");
            }
            return node;
        }, new HostPort("127.0.0.1", 9605), deadline);
    }

    FakeConnection(Function<String, StatementResult> handler) {
        this.handler = handler;
    }

    @Override
    public Session session() {
        sessionsOpened++;
        return new Session() {
            @Override
            public StatementResult execute(String sql) {
                executed.add(sql);
                return handler.apply(sql);
            }

            @Override
            public Optional<TransactionInfo> transaction() {
                return transaction;
            }

            @Override
            public void close() {
                sessionsClosed++;
            }
        };
    }

    @Override
    public List<String> tables() {
        return List.copyOf(tables.keySet());
    }

    @Override
    public Optional<String> tableDefinition(String table) {
        return Optional.ofNullable(tables.get(table));
    }

    @Override
    public NodeStatus status() {
        return status;
    }

    @Override
    public void close() {
        closed = true;
    }
}
