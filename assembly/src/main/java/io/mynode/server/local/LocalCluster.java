package io.mynode.server.local;

import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.launch.ProcessCluster;
import io.mynode.kernel.storage.StorageEngineProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
            return 1; // the cluster is closed: every node already started is stopped
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
            if (!ProcessCluster.free(HOST, port + i)) {
                return fail("port " + (port + i) + " is in use: is another mynode-local running? (try --port)");
            }
        }
        ProcessCluster cluster = cluster(Path.of(home), dataDir);
        System.out.println("Starting " + nodes + (nodes == 1 ? " node (" : " nodes (") + engine + ") on " + HOST + ":" + port + ".."
                + (port + nodes - 1) + ", data and logs in " + dataDir);
        try (cluster) {
            cluster.start(); // its shutdown hook stops the nodes on Ctrl-C or SIGTERM
            String leader = cluster.awaitLeader(Duration.ofSeconds(timeoutSeconds));
            System.out.println("Leader is " + leader + cluster.status(cluster.node(leader))
                    .map(s -> " (term " + s.consensus().term() + ")").orElse("") + ".");
            if (noRepl) {
                System.out.println("Cluster is up. Press Ctrl-C to stop it.");
                new CountDownLatch(1).await();
            }
            HostPort last = cluster.nodes().getLast().address();
            return io.mynode.repl.Main.run("-H", last.host(), "-p", Integer.toString(last.port()));
        }
    }

    /** The cluster this command runs: mynode1..N on consecutive ports, a directory each under {@code dataDir}. */
    ProcessCluster cluster(Path home, Path dataDir) {
        return ProcessCluster.builder(home, dataDir).nodes(nodes).basePort(port).engine(engine).build();
    }

    private static int fail(String message) {
        System.err.println("Error: " + message);
        return 2;
    }
}
