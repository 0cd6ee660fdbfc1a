package io.mynode.server.e2e;

import io.mynode.kernel.client.Clients;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.transport.Connection;
import io.mynode.server.local.NodeProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Real node processes for end-to-end tests, run from the built distribution
 * ({@code target/mynode/bin/mynode-server}) on free loopback ports, one directory each under a
 * temporary directory. Every process is killed on {@link #close()} and, should the test JVM
 * itself be stopped, by a shutdown hook.
 */
final class Cluster implements AutoCloseable {
    /** The distribution the tests run; failsafe runs after {@code package}, so it is built. */
    static final Path HOME = Path.of("target/mynode").toAbsolutePath();

    private final List<NodeProcess> nodes = new ArrayList<>();
    private final Map<String, HostPort> addresses = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Connection> connections = new ConcurrentLinkedQueue<>();
    private final Thread killer = new Thread(this::killAll, "cluster-killer");
    final Path dir;

    private Cluster(int size, String engine, Path dir) {
        this.dir = dir;
        List<Integer> ports = freePorts(size);
        for (int i = 1; i <= size; i++) {
            addresses.put("mynode" + i, new HostPort("127.0.0.1", ports.get(i - 1)));
        }
        String peers = addresses.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        addresses.forEach((id, address) -> nodes.add(new NodeProcess(HOME, id, dir.resolve(id), Map.of(
                "node.id", id,
                "node.listen", address.toString(),
                "cluster.peers", peers,
                "data.dir", dir.resolve(id).resolve("data").toString(),
                "storage.engine", engine))));
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Starts {@code size} nodes and waits for a leader. */
    static Cluster start(int size, String engine, Path dir) throws InterruptedException {
        if (!Files.isExecutable(HOME.resolve("bin/mynode-server"))) {
            throw new IllegalStateException("no distribution at " + HOME + "; run ./mvnw package first");
        }
        Cluster c = new Cluster(size, engine, dir);
        c.nodes.forEach(NodeProcess::start);
        c.awaitLeader(Duration.ofSeconds(90));
        return c;
    }

    List<String> ids() {
        return List.copyOf(addresses.keySet());
    }

    HostPort address(String id) {
        return addresses.get(id);
    }

    NodeProcess node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    /** A client connection to {@code id}, closed with the cluster. */
    Connection connect(String id) {
        Connection c = Clients.connect(address(id));
        connections.add(c);
        return c;
    }

    /**
     * Waits until a live node reports itself leader and every other live node that answers agrees;
     * returns its id. Fails with the nodes' log tails if none emerges in time.
     */
    String awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Connection> probes = new LinkedHashMap<>();
        try {
            while (System.nanoTime() < deadline) {
                for (NodeProcess n : nodes) {
                    if (n.exitCode().isPresent() && n.exitCode().getAsInt() != 137 && n.exitCode().getAsInt() != 143) {
                        throw new AssertionError(n.id() + " exited with " + n.exitCode().getAsInt() + ":\n" + n.logTail(30));
                    }
                }
                Optional<String> leader = Optional.empty();
                boolean agreed = true;
                for (NodeProcess n : nodes) {
                    if (!n.alive()) {
                        continue;
                    }
                    Connection c = probes.computeIfAbsent(n.id(), id -> Clients.connect(address(id)));
                    try {
                        ConsensusStatus s = c.status().consensus();
                        if (s.leader().isEmpty() || leader.isPresent() && !leader.equals(s.leader())) {
                            agreed = false;
                        }
                        leader = leader.or(s::leader);
                    } catch (MynodeException e) {
                        agreed = false;
                    }
                }
                if (agreed && leader.isPresent() && node(leader.get()).alive()) {
                    return leader.get();
                }
                Thread.sleep(200);
            }
        } finally {
            probes.values().forEach(Connection::close);
        }
        throw new AssertionError("no leader within " + timeout + "; logs:\n" + logs());
    }

    /** {@code kill -9} of one node. */
    void kill(String id) {
        node(id).kill();
    }

    /** Starts a stopped or killed node again with the same configuration and data. */
    void restart(String id) {
        node(id).start();
    }

    String logs() {
        return nodes.stream().map(n -> "== " + n.id() + "\n" + n.logTail(20)).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        connections.forEach(c -> {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // the node may be dead; the connection is gone either way
            }
        });
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down and the hook is running
        }
    }

    private void killAll() {
        nodes.forEach(NodeProcess::kill);
    }

    /**
     * {@code n} distinct ports that were free a moment ago. They are drawn below the kernel's
     * ephemeral range (32768 and up on Linux), so an outgoing connection of another process cannot
     * take one between this check and the node binding it.
     */
    static List<Integer> freePorts(int n) {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < n) {
            int p = freeRange(1);
            if (!ports.contains(p)) {
                ports.add(p);
            }
        }
        return ports;
    }

    /** A port {@code p} such that {@code p..p+n-1} are all free: what mynode-local needs. */
    @SuppressWarnings("try") // each socket is opened only to learn whether its port is free
    static int freeRange(int n) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 10_000 + (int) (Math.random() * 20_000); // below the ephemeral range
            boolean free = true;
            for (int p = base; p < base + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    free = true;
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + n + " consecutive free ports found");
    }
}
