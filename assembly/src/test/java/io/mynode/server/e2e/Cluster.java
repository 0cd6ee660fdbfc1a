package io.mynode.server.e2e;

import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.launch.NodeProcess;
import io.mynode.kernel.launch.ProcessCluster;
import io.mynode.kernel.transport.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The end-to-end tests' cluster: the kernel's launcher ({@link ProcessCluster}) run from the built
 * distribution ({@code target/mynode/bin/mynode-server}) on free loopback ports, one directory
 * each, plus the client connections a test opened, all closed with it. Every node is killed on
 * {@link #close()}, and by the launcher's shutdown hook should the test JVM itself be stopped.
 */
final class Cluster implements AutoCloseable {
    /** The distribution the tests run; failsafe runs after {@code package}, so it is built. */
    static final Path HOME = Path.of("target/mynode").toAbsolutePath();

    private final ProcessCluster nodes;
    private final ConcurrentLinkedQueue<Connection> connections = new ConcurrentLinkedQueue<>();
    final Path dir;

    private Cluster(ProcessCluster nodes, Path dir) {
        this.nodes = nodes;
        this.dir = dir;
    }

    /** {@code size} nodes on {@code engine}, laid out under {@code dir}, not started. */
    static ProcessCluster.Builder builder(int size, String engine, Path dir) {
        if (!Files.isExecutable(HOME.resolve("bin/mynode-server"))) {
            throw new IllegalStateException("no distribution at " + HOME + "; run ./mvnw package first");
        }
        return ProcessCluster.builder(HOME, dir).nodes(size).engine(engine);
    }

    /** Starts {@code size} nodes and waits for a leader. */
    static Cluster start(int size, String engine, Path dir) {
        Cluster c = new Cluster(builder(size, engine, dir).build(), dir);
        c.nodes.start();
        c.nodes.awaitLeader(Duration.ofSeconds(90));
        return c;
    }

    List<String> ids() {
        return nodes.ids();
    }

    HostPort address(String id) {
        return nodes.address(id);
    }

    NodeProcess node(String id) {
        return nodes.node(id);
    }

    /** A client connection to {@code id}, closed with the cluster. */
    Connection connect(String id) {
        Connection c = nodes.connect(id);
        connections.add(c);
        return c;
    }

    /** Waits until every running node names the same leader; returns its id. */
    String awaitLeader(Duration timeout) {
        return nodes.awaitLeader(timeout);
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
        return nodes.logs(20);
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
        nodes.killAll();
        nodes.close();
    }
}
