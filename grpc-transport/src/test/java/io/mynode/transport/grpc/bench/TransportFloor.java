package io.mynode.transport.grpc.bench;

import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.Providers;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.transport.ClientService;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import io.mynode.kernel.transport.Transport;
import io.mynode.kernel.transport.TransportContext;
import io.mynode.kernel.transport.TransportProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor under {@code mynode-bench read}: the same client, transport and process layout, with
 * nodes whose engine answers a statement at once ({@link TransportBench.InstantEngine}), so no
 * SQL, transaction, consensus or storage work is done. Whatever the real read workload reaches,
 * it cannot pass this figure on the same machine. Run with {@code floor.sh}, which starts the
 * node processes and then the client:
 *
 * <pre>
 *   TransportFloor node FILE                         one node on a free port, written to FILE
 *   TransportFloor client HOSTS CLIENTS WARMUP SECS  closed-loop one-row queries, spread over HOSTS
 * </pre>
 */
public final class TransportFloor {
    private TransportFloor() {}

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "node" -> node(java.nio.file.Path.of(args[1]));
            case "client" -> client(args[1].split(","), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            default -> {
                System.err.println("usage: TransportFloor node FILE | client HOST:PORT,... CLIENTS WARMUP_S MEASURE_S");
                System.exit(2);
            }
        }
    }

    private static void node(java.nio.file.Path portFile) throws Exception {
        int port;
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String self = "127.0.0.1:" + port;
        Transport t = Providers.select(TransportProvider.class, "grpc").start(transportContext(NodeConfig.fromMap(
                        Map.of("node.id", "floor", "node.listen", self, "cluster.peers", "floor=" + self), Map.of(), Plugins.configSchema())));
        NodeStatus status = new NodeStatus("floor", "test-cluster", "0.1.0",
                new ConsensusStatus("floor", "leader", Optional.of("floor"), 1, 1, 1, Map.of()),
                new StorageStatus("none", 0, 0, Map.of()), Map.of());
        t.serve(new ClientService(new TransportBench.InstantEngine(), () -> status));
        // Written only once serving, so the script can start the client as soon as every file exists.
        java.nio.file.Files.writeString(portFile, self);
        Thread.currentThread().join(); // until the script kills this process
    }

    private static void client(String[] hosts, int clients, int warmupSeconds, int seconds) throws InterruptedException {
        TransportProvider grpc = Providers.select(TransportProvider.class, "grpc");
        List<Connection> connections = new ArrayList<>();
        for (String h : hosts) {
            String[] hp = h.split(":");
            connections.add(grpc.connect(new HostPort(hp[0], Integer.parseInt(hp[1]))));
        }
        AtomicLong done = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            // As mynode-bench does: client i on host i mod hosts, one session each, virtual threads
            // on Java 24+.
            Connection c = connections.get(i % connections.size());
            Thread.Builder builder = Runtime.version().feature() >= 24 ? Thread.ofVirtual() : Thread.ofPlatform();
            threads.add(builder.name("floor-client-" + i).start(() -> {
                try (Session s = c.session()) {
                    while (!stop.get()) {
                        try (RowStream rows = ((io.mynode.kernel.sql.StatementResult.Rows) s.execute("rows 1")).rows()) {
                            while (rows.hasNext()) {
                                rows.next();
                            }
                        }
                        done.incrementAndGet();
                    }
                }
            }));
        }
        Thread.sleep(warmupSeconds * 1000L);
        long n0 = done.get();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long n = done.get() - n0;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        connections.forEach(Connection::close);
        double rate = n / elapsed;
        System.out.printf("%d clients over %d node(s): %.0f one-row queries/s, mean latency %.3f ms%n",
                clients, hosts.length, rate, clients / rate * 1000);
    }

    /** What the kernel hands a transport: the node's configuration and the {@code grpc.*} settings. */
    static TransportContext transportContext(NodeConfig config) {
        return new TransportContext(config, config.settings("grpc"));
    }
}
