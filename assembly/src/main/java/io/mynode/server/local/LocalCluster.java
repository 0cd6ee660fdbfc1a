package io.mynode.server.local;

import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.client.Clients;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.storage.StorageEngineProvider;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/mynode-local}: a cluster on this machine without Docker. Starts nodes
 * {@code mynode1..mynodeN} on consecutive loopback ports as child processes, waits until they have
 * elected a leader, then opens the REPL on the last node; when the REPL ends (Ctrl-D, or Ctrl-C on
 * an empty line), or the launcher gets Ctrl-C or SIGTERM, every node is stopped.
 */
@Command(name = "mynode-local", mixinStandardHelpOptions = true, version = "mynode " + io.mynode.kernel.boot.Kernel.VERSION,
        description = "Runs a local mynode cluster (mynode1..mynodeN on 127.0.0.1) and opens a REPL on the last node.")
public final class LocalCluster implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "5", description = "number of nodes (default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--engine", defaultValue = "btree",
            description = "storage engine, one of those in lib/: btree, lsm, ... (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--data", paramLabel = "DIR", description = "where nodes keep data and logs (default: <tmp>/mynode-local)")
    Path data;

    @Option(names = "--port", defaultValue = "9601", description = "port of mynode1; the others follow (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--no-repl", description = "start the cluster and wait for Ctrl-C instead of opening a REPL")
    boolean noRepl;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "how long to wait for a leader (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalCluster()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        try {
            return run();
        } catch (MynodeException e) {
            System.err.println("Error: " + e.getMessage());
            return 1; // the shutdown hook stops any node already started
        }
    }

    private int run() throws InterruptedException {
        if (nodes < 1 || nodes > 99) {
            return fail("--nodes must be between 1 and 99");
        }
        List<String> engines = Plugins.names(StorageEngineProvider.class);
        if (!engines.contains(engine)) {
            return fail("--engine must be one of the engines found (" + String.join(", ", engines) + "), not '"
                    + engine + "'");
        }
        if (port < 1 || port + nodes - 1 > 65535) {
            return fail("--port " + port + " leaves no room for " + nodes + " nodes");
        }
        String home = System.getProperty("mynode.home");
        if (home == null) {
            return fail("mynode.home is not set; run mynode-local through bin/mynode-local");
        }
        Path dataDir = (data != null ? data : Path.of(System.getProperty("java.io.tmpdir"), "mynode-local"))
                .toAbsolutePath();
        for (int i = 0; i < nodes; i++) {
            if (!free(port + i)) {
                return fail("port " + (port + i) + " is in use: is another mynode-local running? (try --port)");
            }
        }
        List<NodeProcess> cluster = cluster(Path.of(home), dataDir);
        Thread stopper = new Thread(() -> stopAll(cluster), "mynode-local-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        System.out.println("Starting " + nodes + (nodes == 1 ? " node (" : " nodes (") + engine + ") on " + HOST + ":" + port + ".."
                + (port + nodes - 1) + ", data and logs in " + dataDir);
        cluster.forEach(NodeProcess::start);
        HostPort last = new HostPort(HOST, port + nodes - 1);
        Optional<String> failure = awaitLeader(cluster, last, Duration.ofSeconds(timeoutSeconds));
        if (failure.isPresent()) {
            System.err.println("Error: " + failure.get());
            return 1; // the shutdown hook stops the nodes
        }
        if (noRepl) {
            System.out.println("Cluster is up. Press Ctrl-C to stop it.");
            new CountDownLatch(1).await();
        }
        int code = io.mynode.repl.Main.run("-H", last.host(), "-p", Integer.toString(last.port()));
        stopAll(cluster);
        return code;
    }

    List<NodeProcess> cluster(Path home, Path dataDir) {
        Map<String, String> peers = new LinkedHashMap<>();
        for (int i = 1; i <= nodes; i++) {
            peers.put("mynode" + i, HOST + ":" + (port + i - 1));
        }
        String peerList = peers.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        List<NodeProcess> cluster = new ArrayList<>();
        peers.forEach((id, address) -> {
            Path dir = dataDir.resolve(id);
            cluster.add(new NodeProcess(home, id, dir, Map.of(
                    "node.id", id,
                    "node.listen", address,
                    "cluster.peers", peerList,
                    "data.dir", dir.resolve("data").toString(),
                    "storage.engine", engine)));
        });
        return cluster;
    }

    /** Polls the node at {@code address} until it knows a leader; an error message if it never does. */
    static Optional<String> awaitLeader(List<NodeProcess> cluster, HostPort address, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        try (Connection connection = Clients.connect(address)) {
            while (System.nanoTime() < deadline) {
                for (NodeProcess node : cluster) {
                    if (!node.alive()) {
                        return Optional.of("node " + node.id() + " exited with code "
                                + node.exitCode().orElse(-1) + "; the end of " + node.log() + ":\n" + node.logTail(20));
                    }
                }
                try {
                    NodeStatus status = connection.status();
                    if (status.consensus().leader().isPresent()) {
                        System.out.println("Leader is " + status.consensus().leader().get()
                                + " (term " + status.consensus().term() + ").");
                        return Optional.empty();
                    }
                    last = status.nodeId() + " knows no leader yet";
                } catch (MynodeException e) {
                    last = e.getMessage();
                }
                Thread.sleep(200);
            }
        }
        return Optional.of("no leader after " + timeout.toSeconds() + " s (" + last + "); see the node.log files");
    }

    static void stopAll(List<NodeProcess> cluster) {
        List<Thread> stoppers = new ArrayList<>();
        for (NodeProcess node : cluster) {
            stoppers.add(Thread.ofPlatform().start(() -> node.stop(15)));
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @SuppressWarnings("try") // the socket is opened only to learn whether the port is free
    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int fail(String message) {
        System.err.println("Error: " + message);
        return 2;
    }
}
