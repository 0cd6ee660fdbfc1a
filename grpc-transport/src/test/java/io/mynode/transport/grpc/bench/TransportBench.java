package io.mynode.transport.grpc.bench;

import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.Providers;
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
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the transport costs on loopback, with an engine that answers instantly (so the figures
 * are the transport's: protobuf, HTTP/2, threads): a statement's round trip, a one-row query, a
 * 10,000-row scan, and peer messages from one node to another. Run with {@code bench.sh}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransportBench {

    /** Two nodes a and b; a serves the instant engine. */
    @State(Scope.Benchmark)
    public static class Cluster {
        Transport a;
        Transport b;
        HostPort clientAddress;
        final AtomicLong received = new AtomicLong();

        @Setup(Level.Trial)
        public void start() throws IOException {
            int pa;
            int pb;
            try (ServerSocket s1 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    ServerSocket s2 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                pa = s1.getLocalPort();
                pb = s2.getLocalPort();
            }
            String peers = "a=127.0.0.1:" + pa + ",b=127.0.0.1:" + pb;
            TransportProvider grpc = Providers.select(TransportProvider.class, "grpc");
            a = grpc.start(transportContext(NodeConfig.fromMap(
                        Map.of("node.id", "a", "cluster.peers", peers, "grpc.peer.queue", "1000000"), Map.of(), Plugins.configSchema())));
            b = grpc.start(transportContext(NodeConfig.fromMap(
                        Map.of("node.id", "b", "cluster.peers", peers), Map.of(), Plugins.configSchema())));
            b.peers().receiver((from, m) -> received.incrementAndGet());
            NodeStatus status = new NodeStatus("a", "test-cluster", "0.1.0",
                    new ConsensusStatus("a", "leader", Optional.of("a"), 1, 1, 1, Map.of()),
                    new StorageStatus("none", 0, 0, Map.of()), Map.of());
            a.serve(new ClientService(new InstantEngine(), () -> status));
            clientAddress = new HostPort("127.0.0.1", pa);
        }

        @TearDown(Level.Trial)
        public void stop() {
            a.close();
            b.close();
        }
    }

    /** One client connection and session per benchmark thread. */
    @State(Scope.Thread)
    public static class Client {
        Connection connection;
        Session session;

        @Setup(Level.Trial)
        public void open(Cluster cluster) {
            connection = Providers.select(TransportProvider.class, "grpc").connect(cluster.clientAddress);
            session = connection.session();
        }

        @TearDown(Level.Trial)
        public void close() {
            connection.close();
        }
    }

    @Benchmark
    public StatementResult statementRoundTrip(Client c) {
        return c.session.execute("update");
    }

    @Benchmark
    public long pointQuery(Client c) {
        return drain(c.session.execute("rows 1"));
    }

    @Benchmark
    @OperationsPerInvocation(10_000)
    public long scanTenThousandRows(Client c) {
        return drain(c.session.execute("rows 10000"));
    }

    private static final byte[] MESSAGE = new byte[256];

    /** 10,000 256-byte messages from a to b, counted when b has received them all. */
    @Benchmark
    @OperationsPerInvocation(10_000)
    public long peerMessages(Cluster cluster) throws InterruptedException {
        long target = cluster.received.get() + 10_000;
        for (int i = 0; i < 10_000; i++) {
            cluster.a.peers().send("b", MESSAGE);
        }
        while (cluster.received.get() < target) {
            // Park, not spin: on a two-core machine a spinning thread starves the network threads.
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
        return cluster.received.get();
    }

    private static long drain(StatementResult result) {
        long n = 0;
        try (RowStream rows = ((StatementResult.Rows) result).rows()) {
            while (rows.hasNext()) {
                n += rows.next().size();
            }
        }
        return n;
    }

    /** Answers at once: "update" affects one row, "rows N" yields N two-column rows. */
    static final class InstantEngine implements SqlEngine {
        @Override
        public Session session() {
            return new Session() {
                @Override
                public StatementResult execute(String sql) {
                    if (sql.startsWith("rows ")) {
                        int n = Integer.parseInt(sql.substring(5));
                        return StatementResult.Rows.untyped(List.of("id", "name"), RowStream.of(new Iterator<>() {
                            int i;

                            @Override
                            public boolean hasNext() {
                                return i < n;
                            }

                            @Override
                            public List<Value> next() {
                                int id = i++;
                                return List.of(Value.of(id), Value.of("movie title " + id));
                            }
                        }));
                    }
                    return new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.UPDATED, 1);
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
            return List.of();
        }

        @Override
        public Optional<String> tableDefinition(String table) {
            return Optional.empty();
        }
    }

    /** What the kernel hands a transport: the node's configuration and the {@code grpc.*} settings. */
    static TransportContext transportContext(NodeConfig config) {
        return new TransportContext(config, config.settings("grpc"));
    }
}
