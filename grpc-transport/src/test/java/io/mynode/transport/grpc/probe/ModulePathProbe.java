package io.mynode.transport.grpc.probe;

import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.Providers;
import io.mynode.kernel.client.Clients;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.transport.ClientService;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import io.mynode.kernel.transport.Transport;
import io.mynode.kernel.transport.TransportContext;
import io.mynode.kernel.transport.TransportProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@code ModulePathTests} in a child JVM whose module path holds the kernel, this module
 * and the gRPC jars, as the node's launcher runs them: it finds the transport through the
 * kernel's ServiceLoader, serves a one-statement engine, queries it as a client would, and sends
 * a peer message between two transports. Prints {@code PROBE OK} on success. Lives outside the
 * module's package because that package belongs to the named module on the module path.
 */
public final class ModulePathProbe {
    private ModulePathProbe() {}

    public static void main(String[] args) throws Exception {
        int portA = Integer.parseInt(args[0]);
        int portB = Integer.parseInt(args[1]);
        String peers = "a=127.0.0.1:" + portA + ",b=127.0.0.1:" + portB;
        TransportProvider provider = Providers.select(TransportProvider.class, "grpc");
        SqlEngine engine = new SqlEngine() {
            @Override
            public Session session() {
                return new Session() {
                    @Override
                    public StatementResult execute(String sql) {
                        return StatementResult.Rows.untyped(List.of("echo"),
                                RowStream.of(List.<List<Value>>of(List.of(Value.of(sql))).iterator()));
                    }

                    @Override
                    public Optional<TransactionInfo> transaction() {
                        return Optional.empty();
                    }

                    @Override
                    public void close() {}
                };
            }

            @Override
            public List<String> tables() {
                return List.of("t");
            }

            @Override
            public Optional<String> tableDefinition(String table) {
                return Optional.empty();
            }
        };
        NodeStatus status = new NodeStatus("a", "test-cluster", "0.1.0",
                new ConsensusStatus("a", "leader", Optional.of("a"), 1, 1, 1, Map.of()),
                new StorageStatus("none", 0, 0, Map.of()), Map.of());
        try (Transport a = provider.start(transportContext(NodeConfig.fromMap(
                        Map.of("node.id", "a", "cluster.peers", peers), Map.of(), Plugins.configSchema())));
                Transport b = provider.start(transportContext(NodeConfig.fromMap(
                        Map.of("node.id", "b", "cluster.peers", peers), Map.of(), Plugins.configSchema())))) {
            a.serve(new ClientService(engine, () -> status));
            try (Connection c = Clients.connect(new HostPort("127.0.0.1", portA))) {
                var rows = (StatementResult.Rows) c.session().execute("hello");
                String echoed = rows.rows().next().get(0).toString();
                if (!echoed.equals("hello") || !c.status().nodeId().equals("a") || !c.tables().equals(List.of("t"))) {
                    throw new AssertionError("unexpected answers: " + echoed);
                }
            }
            var inbox = new LinkedBlockingQueue<String>();
            b.peers().receiver((from, m) -> inbox.add(from + ":" + new String(m, StandardCharsets.UTF_8)));
            String got = null;
            for (int i = 0; i < 200 && got == null; i++) {
                a.peers().send("b", "ping".getBytes(StandardCharsets.UTF_8));
                got = inbox.poll(50, TimeUnit.MILLISECONDS);
            }
            if (!"a:ping".equals(got)) {
                throw new AssertionError("peer message did not arrive: " + got);
            }
            System.out.println("transport module: " + provider.getClass().getModule().getName());
        }
        System.out.println("PROBE OK");
    }

    /** What the kernel hands a transport: the node's configuration and the {@code grpc.*} settings. */
    static TransportContext transportContext(NodeConfig config) {
        return new TransportContext(config, config.settings("grpc"));
    }
}
