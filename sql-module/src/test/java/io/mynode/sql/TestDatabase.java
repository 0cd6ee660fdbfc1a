package io.mynode.sql;

import io.mynode.kernel.boot.Kernel;
import io.mynode.kernel.boot.Node;
import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.sql.SqlEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fresh embedded node for one test: the real stack (MVCC state machine over the B+-tree
 * engine, local consensus without fsync), booted by the kernel, whose SQL engine is this module's
 * provider found through META-INF/services. Closing it stops the node and deletes its files.
 */
public final class TestDatabase implements AutoCloseable {
    private final Node node;
    private final Path dir;

    private TestDatabase(Node node, Path dir) {
        this.node = node;
        this.dir = dir;
    }

    public static TestDatabase open() {
        return open(Map.of());
    }

    /** A node with extra configuration keys (e.g. {@code sql.retries}). */
    static TestDatabase open(Map<String, String> extra) {
        try {
            return open(Files.createTempDirectory("mynode-sql-test"), extra);
        } catch (IOException e) {
            throw new StorageIoException("creating a temporary data directory", e);
        }
    }

    /** A node over {@code dir}, which may hold an earlier node's data. */
    static TestDatabase open(Path dir, Map<String, String> extra) {
        Map<String, String> config = new java.util.HashMap<>(Map.of("node.id", "n1", "node.listen", "127.0.0.1:1",
                "data.dir", dir.toString(), "consensus", "local", "local.sync", "false"));
        config.putAll(extra);
        return new TestDatabase(Kernel.embedded(NodeConfig.fromMap(config, Map.of(), Plugins.configSchema())), dir);
    }

    /** Stops the node but keeps its files, for a restart with {@link #open(Path, Map)}. */
    Path stop() {
        node.close();
        return dir;
    }

    public SqlEngine engine() {
        return node.sql();
    }

    public io.mynode.kernel.boot.Node node() {
        return node;
    }

    @Override
    public void close() {
        try {
            node.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new StorageIoException("deleting " + dir, e);
            }
        }
    }
}
