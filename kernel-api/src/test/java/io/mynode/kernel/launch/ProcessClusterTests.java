package io.mynode.kernel.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.UnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's layout, process control and fault files, with a stand-in {@code mynode-server}
 * that just sleeps (no real node needed; the end-to-end tests and Jepsen run real ones).
 */
class ProcessClusterTests {
    @TempDir
    Path dir;

    private ProcessCluster cluster;

    @AfterEach
    void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Path fakeDistribution() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("dist").resolve("bin"));
        Path launcher = bin.resolve("mynode-server");
        Files.writeString(launcher, "#!/bin/sh\nexec sleep 600\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir.resolve("dist");
    }

    private static char state(NodeProcess n) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(n.pid().orElseThrow()), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    /**
     * The process state once it satisfies {@code wanted}, or as it is after 5 s: a signal is
     * delivered asynchronously, so the state may still be the old one just after kill returns.
     */
    private static char stateOnce(NodeProcess n, java.util.function.IntPredicate wanted) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        char state = state(n);
        while (!wanted.test(state) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            state = state(n);
        }
        return state;
    }

    private ProcessCluster.Builder builder(int nodes) throws Exception {
        return ProcessCluster.builder(fakeDistribution(), dir.resolve("store")).nodes(nodes).idPrefix("n").faults(true);
    }

    @Test
    void eachNodeGetsAConfigWithPeersDataDirEngineAndFaultFile() throws Exception {
        cluster = builder(3).engine("lsm").property("raft.tick.ms", "50").build();
        assertEquals(List.of("n1", "n2", "n3"), cluster.ids());
        cluster.node("n2").start();
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("store").resolve("n2").resolve("node.properties"))) {
            p.load(in);
        }
        assertEquals("n2", p.getProperty("node.id"));
        assertEquals("lsm", p.getProperty("storage.engine"));
        assertEquals("50", p.getProperty("raft.tick.ms"));
        assertEquals(3, p.getProperty("cluster.peers").split(",").length);
        assertTrue(p.getProperty("cluster.peers").contains("n2=" + p.getProperty("node.listen")));
        assertEquals(dir.resolve("store/n2/faults").toString(), p.getProperty("faults.file"));
        assertEquals(dir.resolve("store/n2/data").toString(), p.getProperty("data.dir"));
        assertEquals(cluster.peers(), p.getProperty("cluster.peers"));
        assertEquals(3, cluster.nodes().stream().map(n -> n.address().port()).distinct().count(),
                "every node has its own port");
    }

    @Test
    void aDataDirectoryLeftByAnEarlierRunIsEmptiedSoEachRunStartsFromNothing() throws Exception {
        Path old = dir.resolve("store").resolve("n1").resolve("data").resolve("storage").resolve("rows.db");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "an earlier run's rows");
        cluster = builder(1).build();
        assertTrue(Files.exists(old), "without fresh(true) a node keeps its data (mynode-local does)");
        cluster = builder(1).fresh(true).build();
        assertFalse(Files.exists(old), "the earlier run's data is gone");
        assertTrue(Files.isDirectory(dir.resolve("store").resolve("n1")), "the node directory is ready");
    }

    @Test
    void killPauseResumeAndRestartActOnTheProcess() throws Exception {
        cluster = builder(1).build();
        NodeProcess n = cluster.nodes().getFirst();
        n.start();
        assertTrue(n.running());
        n.pause();
        assertEquals('T', stateOnce(n, c -> c == 'T'), "SIGSTOP stops the process");
        n.resume();
        assertTrue(stateOnce(n, c -> c != 'T') != 'T', "SIGCONT lets it run");
        long before = n.pid().orElseThrow();
        n.kill();
        assertFalse(n.running());
        assertFalse(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false));
        n.start();
        assertTrue(n.running());
        assertTrue(n.pid().orElseThrow() != before, "a restart is a new process");
        n.stop(java.time.Duration.ofSeconds(5));
        assertFalse(n.running());
        assertTrue(n.died().isEmpty(), "a node stopped here did not die by itself");
    }

    @Test
    void partitionsAreWrittenAsPeerIdsAndHealedToEmpty() throws Exception {
        cluster = builder(3).build();
        cluster.partition(Map.of("n1", Set.of("n3", "n2"), "n2", Set.of("n1"), "n3", Set.of("n1")));
        Path faults = dir.resolve("store/n1/faults");
        assertEquals(List.of("n2", "n3"), Files.readAllLines(faults));
        assertEquals(List.of("n1"), Files.readAllLines(dir.resolve("store/n3/faults")));
        cluster.heal();
        assertEquals("", Files.readString(faults));
        try (var files = Files.list(dir.resolve("store/n1"))) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary file left behind");
        }
    }

    @Test
    void aMissingLauncherIsAClearError() {
        var e = assertThrows(ConfigException.class,
                () -> ProcessCluster.builder(dir.resolve("nowhere"), dir.resolve("store")).build());
        assertTrue(e.getMessage().contains("mynode-server"), e.getMessage());
    }

    @Test
    void aClusterWithoutFaultFilesRefusesToPartitionSayingWhy() throws Exception {
        cluster = ProcessCluster.builder(fakeDistribution(), dir.resolve("store")).build();
        var e = assertThrows(IllegalStateException.class, () -> cluster.partition(Map.of("mynode1", Set.of("mynode2"))));
        assertTrue(e.getMessage().contains("faults(true)"), e.getMessage());
    }

    @Test
    void consecutivePortsAndMynodeIdsAsMynodeLocalUses() throws Exception {
        cluster = ProcessCluster.builder(fakeDistribution(), dir.resolve("store")).nodes(2).basePort(9700).build();
        assertEquals(List.of("mynode1", "mynode2"), cluster.ids());
        assertEquals("mynode1=127.0.0.1:9700,mynode2=127.0.0.1:9701", cluster.peers());
        assertThrows(ConfigException.class, () -> ProcessCluster.builder(fakeDistribution(), dir.resolve("s"))
                .nodes(2).basePort(65535).build());
        assertThrows(ConfigException.class, () -> ProcessCluster.builder(fakeDistribution(), dir.resolve("s"))
                .nodes(0).build());
    }

    @Test
    void aNodeSetupWritesFilesAndAddsKeysButCannotTakeTheLaunchersKeys() throws Exception {
        cluster = ProcessCluster.builder(fakeDistribution(), dir.resolve("store")).nodes(2)
                .setup((id, address, nodeDir) -> {
                    try {
                        Files.writeString(nodeDir.resolve("node.crt"), "certificate of " + id + " at " + address);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return Map.of("tls.cert", nodeDir.resolve("node.crt").toString());
                }).build();
        NodeProcess n = cluster.node("mynode2");
        assertEquals(n.dir().resolve("node.crt").toString(), n.properties().get("tls.cert"));
        assertTrue(Files.readString(n.dir().resolve("node.crt")).startsWith("certificate of mynode2 at 127.0.0.1:"));
        assertThrows(IllegalArgumentException.class, () -> ProcessCluster.builder(fakeDistribution(), dir.resolve("s"))
                .setup((id, address, nodeDir) -> Map.of("node.id", "impostor")).build());
    }

    @Test
    void waitingForALeaderFailsAtOnceWithTheLogOfANodeThatExited() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("broken").resolve("bin"));
        Path launcher = bin.resolve("mynode-server");
        Files.writeString(launcher, "#!/bin/sh\necho 'Error: unknown configuration key' >&2\nexit 2\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        cluster = ProcessCluster.builder(dir.resolve("broken"), dir.resolve("store")).nodes(1).build();
        cluster.start();
        long began = System.nanoTime();
        var e = assertThrows(UnavailableException.class, () -> cluster.awaitLeader(java.time.Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains("mynode1 exited with code 2") && e.getMessage().contains("unknown configuration key"),
                e.getMessage());
        assertTrue(System.nanoTime() - began < java.util.concurrent.TimeUnit.SECONDS.toNanos(30), "it did not wait the timeout out");
    }
}
