package io.mynode.repl;

import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A {@link Connection} test double: statements go to a function the test supplies, every
 * statement is recorded, and the session's transaction is whatever the test last set.
 */
final class FakeConnection implements Connection {
    final List<String> executed = new ArrayList<>();
    final Map<String, String> tables = new TreeMap<>();
    Function<String, StatementResult> handler;
    Optional<Session.TransactionInfo> transaction = Optional.empty();
    NodeStatus status = new NodeStatus("mynode5", "0.1.0",
            new ConsensusStatus("mynode5", "follower", Optional.of("mynode1"), 3, 42, 41, Map.of()),
            new StorageStatus("btree", 10, 8192, Map.of("pages", "2")), Map.of());
    int sessionsOpened;
    int sessionsClosed;
    boolean closed;

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
