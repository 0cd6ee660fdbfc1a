package io.mynode.kernel.launch;

import io.mynode.kernel.client.Clients;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A cluster of {@link NodeProcess}es on this machine, laid out under one directory:
 *
 * <pre>
 *   DIR/mynode1/node.properties   written at each start
 *   DIR/mynode1/node.log          the node's output, appended
 *   DIR/mynode1/data/             its data.dir
 *   DIR/mynode1/faults            its partition file, when launched with faults(true)
 * </pre>
 *
 * Built by {@link #builder}, then {@link #start}ed; {@link #awaitLeader} waits until the nodes
 * agree on a leader and fails at once, with the node's log, when one exits by itself. A JVM
 * shutdown hook stops every node the cluster started, so an interrupted test or a launcher killed
 * with Ctrl-C leaves no process behind; {@link #close} does the same and removes the hook.
 */
public final class ProcessCluster implements AutoCloseable {
    private final List<NodeProcess> nodes;
    private final Function<HostPort, Connection> connector;
    private final Thread cleanup = new Thread(() -> stopAll(Duration.ofSeconds(15)), "mynode-cluster-cleanup");
    private boolean hooked;

    private ProcessCluster(List<NodeProcess> nodes, Function<HostPort, Connection> connector) {
        this.nodes = List.copyOf(nodes);
        this.connector = connector;
    }

    /**
     * A cluster to lay out under {@code directory}, run from the distribution at
     * {@code distribution} (the directory holding {@code bin/mynode-server}).
     */
    public static Builder builder(Path distribution, Path directory) {
        return new Builder(distribution, directory);
    }

    public List<NodeProcess> nodes() {
        return nodes;
    }

    public List<String> ids() {
        return nodes.stream().map(NodeProcess::id).toList();
    }

    public NodeProcess node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id + " in " + ids()));
    }

    public HostPort address(String id) {
        return node(id).address();
    }

    /** The {@code cluster.peers} value every node was given: {@code id=host:port,...}. */
    public String peers() {
        return nodes.stream().map(n -> n.id() + "=" + n.address()).collect(Collectors.joining(","));
    }

    /** A connection to {@code id} through the cluster's connector; the caller closes it. */
    public Connection connect(String id) {
        return connector.apply(address(id));
    }

    /** Starts every node that is not running. */
    public synchronized void start() {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(cleanup);
            hooked = true;
        }
        nodes.forEach(NodeProcess::start);
    }

    /**
     * Waits until every running, unpaused node answers and names the same leader, which is itself
     * running; returns its id. Fails with {@link UnavailableException}, naming what each node said
     * and the end of every log, when {@code timeout} passes, and at once when a node exits by
     * itself (its configuration refused, its data directory not its own).
     */
    public String awaitLeader(Duration timeout) {
        return await(timeout, true);
    }

    /**
     * Waits until a majority of the cluster answers and names the same leader; returns its id.
     * For a harness that may have paused or cut off a minority, which then need not agree.
     */
    public String awaitMajorityLeader(Duration timeout) {
        return await(timeout, false);
    }

    private String await(Duration timeout, boolean everyRunningNode) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no node answered";
        Map<String, Connection> open = new HashMap<>();
        try {
            while (System.nanoTime() < deadline) {
                for (NodeProcess n : nodes) {
                    OptionalInt died = n.died();
                    if (died.isPresent()) {
                        throw new UnavailableException("node " + n.id() + " exited with code " + died.getAsInt()
                                + "; the end of " + n.log() + ":\n" + n.logTail(30));
                    }
                }
                Map<String, Integer> votes = new HashMap<>();
                List<String> seen = new ArrayList<>();
                boolean everyoneAgrees = true;
                for (NodeProcess n : nodes) {
                    Optional<NodeStatus> s = status(n, open);
                    if (s.isEmpty() && n.running() && !n.paused()) {
                        everyoneAgrees = false;
                    }
                    s.ifPresent(st -> st.consensus().leader().ifPresent(l -> votes.merge(l, 1, Integer::sum)));
                    if (s.isPresent() && s.get().consensus().leader().isEmpty()) {
                        everyoneAgrees = false;
                    }
                    seen.add(n.id() + ": " + s.map(st -> st.consensus().role() + " leader="
                            + st.consensus().leader().orElse("?") + " term=" + st.consensus().term())
                            .orElse(n.paused() ? "paused" : n.running() ? "not answering" : "down"));
                }
                last = String.join("; ", seen);
                Optional<String> leader = votes.entrySet().stream().max(Map.Entry.comparingByValue())
                        .map(Map.Entry::getKey);
                if (leader.isPresent()) {
                    NodeProcess chosen = nodes.stream().filter(n -> n.id().equals(leader.get())).findFirst().orElse(null);
                    boolean alive = chosen != null && chosen.running() && !chosen.paused();
                    int named = votes.get(leader.get());
                    if (alive && (everyRunningNode ? everyoneAgrees && votes.size() == 1 : named > nodes.size() / 2)) {
                        return leader.get();
                    }
                }
                sleep(200);
            }
        } finally {
            open.values().forEach(ProcessCluster::closeQuietly);
        }
        throw new UnavailableException("no leader within " + timeout + " (" + last + "); the node logs:\n" + logs(20));
    }

    /** The leader a majority of answering nodes name right now, if any. */
    public Optional<String> currentLeader() {
        Map<String, Integer> votes = new HashMap<>();
        Map<String, Connection> open = new HashMap<>();
        try {
            for (NodeProcess n : nodes) {
                status(n, open).flatMap(s -> s.consensus().leader()).ifPresent(l -> votes.merge(l, 1, Integer::sum));
            }
        } finally {
            open.values().forEach(ProcessCluster::closeQuietly);
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** The node's status, or empty if it is down, paused or does not answer. */
    public Optional<NodeStatus> status(NodeProcess n) {
        Map<String, Connection> open = new HashMap<>();
        try {
            return status(n, open);
        } finally {
            open.values().forEach(ProcessCluster::closeQuietly);
        }
    }

    /** Status over a connection kept in {@code open} between polls (a new channel per poll is slow). */
    private Optional<NodeStatus> status(NodeProcess n, Map<String, Connection> open) {
        if (!n.running() || n.paused()) {
            return Optional.empty();
        }
        try {
            Connection c = open.get(n.id());
            if (c == null) {
                c = connector.apply(n.address());
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

    /** Cuts peer traffic: {@code blocked} maps each node to the peers it must not hear or reach. */
    public void partition(Map<String, Set<String>> blocked) {
        for (NodeProcess n : nodes) {
            n.isolateFrom(blocked.getOrDefault(n.id(), Set.of()));
        }
    }

    /** Removes every partition. */
    public void heal() {
        partition(Map.of());
    }

    /** Heals, resumes and restarts everything: the cluster as it was before any fault. */
    public void recover() {
        for (NodeProcess n : nodes) {
            if (n.faults().isPresent()) {
                n.isolateFrom(Set.of());
            }
        }
        for (NodeProcess n : nodes) {
            n.resume();
            n.start();
        }
    }

    /** The last {@code lines} lines of every node's log, each under its id. */
    public String logs(int lines) {
        return nodes.stream().map(n -> "== " + n.id() + " (" + n.log() + ")\n" + n.logTail(lines))
                .collect(Collectors.joining("\n"));
    }

    /** Stops every node at once (SIGTERM, then SIGKILL after {@code grace}) and waits for them. */
    public void stopAll(Duration grace) {
        List<Thread> stoppers = new ArrayList<>();
        for (NodeProcess n : nodes) {
            stoppers.add(Thread.ofPlatform().name("stop-" + n.id()).start(() -> n.stop(grace)));
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                nodes.forEach(NodeProcess::kill);
                return;
            }
        }
    }

    /** {@code kill -9} of every node. */
    public void killAll() {
        nodes.forEach(NodeProcess::kill);
    }

    /** Stops every node (SIGTERM, SIGKILL after 10 s) and removes the shutdown hook. */
    @Override
    public synchronized void close() {
        stopAll(Duration.ofSeconds(10));
        if (hooked) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting and the hook is running: it stops the nodes (again), harmlessly.
            }
            hooked = false;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (RuntimeException ignored) {
            // Closing a channel to a node that is gone; nothing to release.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for the cluster");
        }
    }

    /**
     * Hands a node's files to a harness before its first start: the hook may write files into
     * {@code dir} (certificates and keys, say) and returns the configuration keys that name them,
     * added to the node's {@code node.properties}. It may not set the keys the launcher owns
     * ({@code node.id}, {@code node.listen}, {@code cluster.peers}, {@code data.dir}).
     */
    @FunctionalInterface
    public interface NodeSetup {
        Map<String, String> prepare(String id, HostPort address, Path dir);
    }

    /** How to lay out and run a cluster; every option has a default but the two paths. */
    public static final class Builder {
        private final Path distribution;
        private final Path directory;
        private int count = 3;
        private String idPrefix = "mynode";
        private String host = "127.0.0.1";
        private int basePort;
        private String engine = "btree";
        private final Map<String, String> extra = new TreeMap<>();
        private boolean faults;
        private boolean fresh;
        private Optional<String> javaOptions = Optional.empty();
        private NodeSetup setup = (id, address, dir) -> Map.of();
        private Function<HostPort, Connection> connector = Clients::connect;

        private Builder(Path distribution, Path directory) {
            this.distribution = distribution.toAbsolutePath();
            this.directory = directory.toAbsolutePath();
        }

        /** How many nodes (default 3), named {@code <prefix>1..<prefix>N}. */
        public Builder nodes(int count) {
            this.count = count;
            return this;
        }

        /** The node ids' prefix: {@code mynode} (default, as in the compose file) or {@code n}. */
        public Builder idPrefix(String prefix) {
            this.idPrefix = prefix;
            return this;
        }

        /** Consecutive ports from {@code port} (as {@code mynode-local --port}); default: free ports found. */
        public Builder basePort(int port) {
            this.basePort = port;
            return this;
        }

        /** {@code storage.engine} (default btree). */
        public Builder engine(String engine) {
            this.engine = engine;
            return this;
        }

        /** One more configuration key for every node (raft timeouts, say). */
        public Builder property(String key, String value) {
            extra.put(key, value);
            return this;
        }

        /** More configuration keys for every node. */
        public Builder properties(Map<String, String> values) {
            extra.putAll(values);
            return this;
        }

        /** Gives every node a partition file ({@code faults.file}), for {@link ProcessCluster#partition}. */
        public Builder faults(boolean on) {
            this.faults = on;
            return this;
        }

        /** Empties each node's data directory first, so a run starts from an empty database. */
        public Builder fresh(boolean on) {
            this.fresh = on;
            return this;
        }

        /** {@code JAVA_OPTS} for every node's JVM (a test's small heap); default: the launcher's. */
        public Builder javaOptions(String options) {
            this.javaOptions = Optional.of(options);
            return this;
        }

        /** Prepares each node's files before its first start; see {@link NodeSetup}. */
        public Builder setup(NodeSetup setup) {
            this.setup = setup;
            return this;
        }

        /** How the launcher reaches a node to ask its status (default {@link Clients#connect}). */
        public Builder connector(Function<HostPort, Connection> connector) {
            this.connector = connector;
            return this;
        }

        /**
         * Checks the options, lays out every node's directory and configuration, and returns the
         * cluster, not started. Refuses a missing launcher, a count outside 1..99, ports beyond 65535.
         */
        public ProcessCluster build() {
            Path launcher = distribution.resolve("bin").resolve("mynode-server");
            if (!Files.isExecutable(launcher)) {
                throw new ConfigException("no executable " + launcher + ": build the distribution first "
                        + "(./mvnw -B -q package -DskipTests) or name another one");
            }
            if (count < 1 || count > 99) {
                throw new ConfigException("a cluster has 1 to 99 nodes, not " + count);
            }
            if (basePort != 0 && (basePort < 1 || basePort + count - 1 > 65535)) {
                throw new ConfigException("port " + basePort + " leaves no room for " + count + " nodes");
            }
            List<Integer> ports = basePort != 0 ? java.util.stream.IntStream.range(basePort, basePort + count).boxed().toList()
                    : freePorts(host, count);
            Map<String, HostPort> addresses = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                addresses.put(idPrefix + (i + 1), new HostPort(host, ports.get(i)));
            }
            String peers = addresses.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            List<NodeProcess> nodes = new ArrayList<>();
            try {
                for (var e : addresses.entrySet()) {
                    String id = e.getKey();
                    Path dir = directory.resolve(id);
                    Path data = dir.resolve("data");
                    if (fresh) {
                        deleteTree(data);
                    }
                    Files.createDirectories(dir);
                    Map<String, String> conf = new TreeMap<>(extra);
                    conf.put(NodeConfig.STORAGE_ENGINE, engine);
                    Map<String, String> own = Map.of(NodeConfig.NODE_ID, id, NodeConfig.NODE_LISTEN, e.getValue().toString(),
                            NodeConfig.CLUSTER_PEERS, peers, NodeConfig.DATA_DIR, data.toString());
                    conf.putAll(own);
                    Optional<Path> faultsFile = Optional.empty();
                    if (faults) {
                        faultsFile = Optional.of(dir.resolve("faults"));
                        conf.put(NodeConfig.FAULTS_FILE.name(), faultsFile.get().toString());
                    }
                    Map<String, String> prepared = setup.prepare(id, e.getValue(), dir);
                    for (String key : prepared.keySet()) {
                        if (own.containsKey(key)) {
                            throw new IllegalArgumentException("a node setup may not set " + key + ", the launcher's");
                        }
                    }
                    conf.putAll(prepared);
                    nodes.add(new NodeProcess(id, e.getValue(), dir, launcher, conf, faultsFile, javaOptions));
                }
            } catch (IOException ex) {
                throw new StorageIoException("preparing the cluster's files in " + directory + ": " + ex.getMessage(), ex);
            }
            return new ProcessCluster(nodes, connector);
        }

        private static void deleteTree(Path dir) throws IOException {
            if (!Files.exists(dir)) {
                return;
            }
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * {@code n} distinct ports of {@code host} that were free a moment ago. They are drawn below
     * Linux's ephemeral range (32768 and up), so an outgoing connection of another process cannot
     * take one between this check and the node binding it.
     */
    public static List<Integer> freePorts(String host, int n) {
        List<Integer> ports = new ArrayList<>();
        for (int attempt = 0; ports.size() < n; attempt++) {
            if (attempt > 1000) {
                throw new UnavailableException("no " + n + " free ports found on " + host);
            }
            int p = 10_000 + ThreadLocalRandom.current().nextInt(20_000);
            if (!ports.contains(p) && free(host, p)) {
                ports.add(p);
            }
        }
        return ports;
    }

    /** A port {@code p} of {@code host} such that {@code p..p+n-1} were all free a moment ago. */
    public static int freeRange(String host, int n) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int base = 10_000 + ThreadLocalRandom.current().nextInt(20_000 - n);
            boolean free = true;
            for (int p = base; p < base + n && free; p++) {
                free = free(host, p);
            }
            if (free) {
                return base;
            }
        }
        throw new UnavailableException("no " + n + " consecutive free ports found on " + host);
    }

    /** Whether {@code port} of {@code host} can be bound right now. */
    @SuppressWarnings("try") // the socket is opened only to learn whether the port is free
    public static boolean free(String host, int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
