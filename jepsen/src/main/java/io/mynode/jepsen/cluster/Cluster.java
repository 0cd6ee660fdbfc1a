package io.mynode.jepsen.cluster;

import io.mynode.kernel.client.Clients;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.error.UnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A cluster of {@link NodeProcess}es on 127.0.0.1, each with a free port, its own data directory
 * and fault file under the test's store directory:
 *
 * <pre>
 *   store/n1.properties  store/n1/data/  store/n1.log  store/n1.faults
 * </pre>
 *
 * {@link #close} stops every node it started, whatever state the nemesis left it in; the runner
 * also registers a shutdown hook so an interrupted test leaves no process behind.
 */
public final class Cluster implements AutoCloseable {
    private final List<NodeProcess> nodes;

    private Cluster(List<NodeProcess> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Writes each node's configuration and prepares (but does not start) {@code count} fresh
     * nodes: a node data directory left in {@code store} by an earlier run is deleted first, since
     * a test must start from an empty database (an old run's rows would read as anomalies).
     *
     * @param distribution the unpacked distribution ({@code bin/mynode-server} inside)
     * @param store where node files go
     * @param engine {@code storage.engine}
     * @param extra further node.properties keys for every node (raft timeouts, ...)
     */
    public static Cluster create(Path distribution, Path store, int count, String engine, Map<String, String> extra) {
        Path launcher = distribution.resolve("bin").resolve("mynode-server");
        if (!Files.isExecutable(launcher)) {
            throw new ConfigException("no executable " + launcher + ": build the distribution first "
                    + "(./mvnw -B -q package -DskipTests) or pass --distribution DIR");
        }
        if (count < 1) {
            throw new ConfigException("a cluster needs at least one node, got " + count);
        }
        List<Integer> ports = freePorts(count);
        Map<String, HostPort> addresses = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            addresses.put("n" + (i + 1), new HostPort("127.0.0.1", ports.get(i)));
        }
        String peers = String.join(",", addresses.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toList());
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            Files.createDirectories(store);
            for (var e : addresses.entrySet()) {
                String id = e.getKey();
                Path data = store.resolve(id).resolve("data");
                deleteTree(data);
                Files.createDirectories(data);
                Path faults = store.resolve(id + ".faults").toAbsolutePath();
                Map<String, String> conf = new TreeMap<>(extra);
                conf.put("node.id", id);
                conf.put("node.listen", e.getValue().toString());
                conf.put("cluster.peers", peers);
                conf.put("data.dir", data.toAbsolutePath().toString());
                conf.put("storage.engine", engine);
                conf.put(NodeConfig.FAULTS_FILE.name(), faults.toString());
                StringBuilder text = new StringBuilder("# written by mynode-jepsen for one test run\n");
                conf.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
                Path config = store.resolve(id + ".properties").toAbsolutePath();
                Files.writeString(config, text, StandardCharsets.UTF_8);
                nodes.add(new NodeProcess(id, e.getValue(), config, store.resolve(id + ".log").toAbsolutePath(),
                        faults, launcher.toAbsolutePath()));
            }
        } catch (IOException ex) {
            throw new StorageIoException("preparing cluster files in " + store + ": " + ex.getMessage(), ex);
        }
        return new Cluster(nodes);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public List<NodeProcess> nodes() {
        return nodes;
    }

    public NodeProcess node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    public List<String> ids() {
        return nodes.stream().map(NodeProcess::id).toList();
    }

    public void start() {
        nodes.forEach(NodeProcess::start);
    }

    /**
     * Waits until a majority of nodes answer status and agree on a leader; fails with
     * {@link UnavailableException} naming what was last seen when {@code timeout} passes.
     */
    public String awaitLeader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no node answered";
        Map<String, Connection> open = new HashMap<>();
        try {
            while (System.nanoTime() < deadline) {
                Map<String, Integer> votes = new HashMap<>();
                List<String> seen = new ArrayList<>();
                for (NodeProcess n : nodes) {
                    Optional<NodeStatus> s = status(n, open);
                    s.ifPresent(st -> st.consensus().leader().ifPresent(l -> votes.merge(l, 1, Integer::sum)));
                    seen.add(n.id() + ": " + s.map(st -> st.consensus().role() + " leader="
                            + st.consensus().leader().orElse("?") + " term=" + st.consensus().term()).orElse("down"));
                }
                last = String.join("; ", seen);
                for (var e : votes.entrySet()) {
                    if (e.getValue() > nodes.size() / 2) {
                        return e.getKey();
                    }
                }
                sleep(200);
            }
        } finally {
            open.values().forEach(Cluster::closeQuietly);
        }
        throw new UnavailableException("no leader agreed by a majority within " + timeout + " (" + last + ")");
    }

    /** Status over a connection kept in {@code open} between polls (a new channel per poll is slow). */
    private static Optional<NodeStatus> status(NodeProcess n, Map<String, Connection> open) {
        if (!n.running() || n.paused()) {
            return Optional.empty();
        }
        try {
            Connection c = open.get(n.id());
            if (c == null) {
                c = Clients.connect(n.address());
                open.put(n.id(), c);
            }
            return Optional.of(c.status());
        } catch (RuntimeException e) {
            Connection broken = open.remove(n.id());
            if (broken != null) {
                closeQuietly(broken);
            }
            return Optional.empty();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (RuntimeException ignored) {
            // Closing a channel to a node that is gone; nothing to release.
        }
    }

    /** The leader a majority of answering nodes name right now, if any (for the nemesis). */
    public Optional<String> currentLeader() {
        Map<String, Integer> votes = new HashMap<>();
        for (NodeProcess n : nodes) {
            status(n).flatMap(s -> s.consensus().leader()).ifPresent(l -> votes.merge(l, 1, Integer::sum));
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** The node's status, or empty if it is down, paused or unreachable. */
    public static Optional<NodeStatus> status(NodeProcess n) {
        if (!n.running() || n.paused()) {
            return Optional.empty();
        }
        try (Connection c = Clients.connect(n.address())) {
            return Optional.of(c.status());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Cuts peer traffic: {@code blocked} maps each node to the peers it must not hear or reach. */
    public void partition(Map<String, Set<String>> blocked) {
        for (NodeProcess n : nodes) {
            n.isolateFrom(blocked.getOrDefault(n.id(), Set.of()));
        }
    }

    /** Removes every partition. */
    public void heal() {
        for (NodeProcess n : nodes) {
            n.isolateFrom(Set.of());
        }
    }

    /** Resumes, restarts and heals everything: the cluster as it was before any fault. */
    public void recover() {
        heal();
        for (NodeProcess n : nodes) {
            n.resume();
            n.start();
        }
    }

    @Override
    public void close() {
        for (NodeProcess n : nodes) {
            try {
                n.stop();
            } catch (RuntimeException e) {
                n.kill();
            }
        }
    }

    /** {@code count} distinct ports free on 127.0.0.1 right now (held open together so they differ). */
    static List<Integer> freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                s.setReuseAddress(true);
                held.add(s);
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("finding free ports", e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // Closing a listening socket we own; nothing to do if it fails.
                }
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for the cluster");
        }
    }
}
