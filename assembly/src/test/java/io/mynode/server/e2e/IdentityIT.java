package io.mynode.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.launch.NodeProcess;
import io.mynode.kernel.transport.NodeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's data directory knows whose it is: a real node records its identity at first start,
 * reports the cluster id in its status, and refuses to start with another engine on that data,
 * saying what to do. Also: {@code --help-config} lists the keys of every plugin in {@code lib/}.
 */
class IdentityIT {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aNodeRefusesItsDataDirectoryUnderAnotherEngine(@TempDir Path dir) throws Exception {
        String clusterId;
        NodeProcess first;
        try (Cluster cluster = Cluster.start(1, "btree", dir)) {
            NodeStatus status = cluster.connect("mynode1").status();
            clusterId = status.clusterId();
            assertTrue(clusterId.matches("mynode-[0-9a-f]{8}"), clusterId);
            first = cluster.node("mynode1");
        }
        Path data = Path.of(first.properties().get("data.dir"));
        assertTrue(Files.readString(data.resolve("identity.properties")).contains("cluster.id=" + clusterId));

        // The same node directory (so the same data) under another engine.
        NodeProcess again = Cluster.builder(1, "lsm", dir).build().nodes().getFirst().start();
        assertEquals(first.properties().get("data.dir"), again.properties().get("data.dir"));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (again.running() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        again.stop(Duration.ofSeconds(5));
        assertEquals(2, again.exitCode().orElse(-1), again.logTail(10));
        String log = again.logTail(10);
        assertTrue(log.contains("was written by storage.engine=btree, not lsm") && log.contains("set storage.engine=btree"),
                log);
        try (var files = Files.list(data.resolve("storage"))) {
            assertEquals(List.of("btree.db"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no lsm file was written beside the btree's");
        }
    }

    @Test
    void helpConfigListsTheKeysOfEveryPluginFound() {
        Command.Result r = Command.of("mynode-server", "--help-config").run("", TIMEOUT,
                Map.of("MYNODE_HOME", "/opt/mynode"), null);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        for (String key : List.of("node.id = (required)", "cluster.id", "btree.cache.pages = 8192",
                "lsm.memtable.bytes = 64m", "raft.tick.ms = 20", "mvcc.retention.versions", "sql.retries = 16",
                "grpc.max.message.bytes = 32m", "local.sync = true", "(found: btree, lsm)")) {
            assertTrue(r.out().contains(key), key + " in:\n" + r.out());
        }
    }

    @Test
    void anInheritedMynodeHomeDoesNotStopANode(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("node.properties");
        Files.writeString(config, "node.id=mynode1\nnode.listen=127.0.0.1:9601\nstorage.engine=nosuchengine\n");
        Command.Result r = Command.of("mynode-server", "--config", config.toString())
                .run("", TIMEOUT, Map.of("MYNODE_HOME", "/opt/mynode"), null);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no StorageEngineProvider named 'nosuchengine'"), "fails on the engine, not on "
                + "MYNODE_HOME: " + r.err());
    }
}
