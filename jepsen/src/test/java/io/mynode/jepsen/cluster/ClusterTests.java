package io.mynode.jepsen.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.ConfigException;
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

/** Node processes and fault files, with a stand-in launcher that just sleeps (no real node needed). */
class ClusterTests {
    @TempDir
    Path dir;

    private Cluster cluster;

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
        String stat = Files.readString(Path.of("/proc", n.pid().orElseThrow().toString(), "stat"));
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

    @Test
    void eachNodeGetsAConfigWithPeersDataDirEngineAndFaultFile() throws Exception {
        cluster = Cluster.create(fakeDistribution(), dir.resolve("store"), 3, "lsm", Map.of("raft.tick.ms", "50"));
        assertEquals(List.of("n1", "n2", "n3"), cluster.ids());
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("store").resolve("n2.properties"))) {
            p.load(in);
        }
        assertEquals("n2", p.getProperty("node.id"));
        assertEquals("lsm", p.getProperty("storage.engine"));
        assertEquals("50", p.getProperty("raft.tick.ms"));
        assertEquals(3, p.getProperty("cluster.peers").split(",").length);
        assertTrue(p.getProperty("cluster.peers").contains("n2=" + p.getProperty("node.listen")));
        assertTrue(p.getProperty("faults.file").endsWith("n2.faults"));
        assertEquals(3, cluster.nodes().stream().map(n -> n.address().port()).distinct().count(),
                "every node has its own port");
    }

    @Test
    void aDataDirectoryLeftByAnEarlierRunIsEmptiedSoEachRunStartsFromNothing() throws Exception {
        Path old = dir.resolve("store").resolve("n1").resolve("data").resolve("storage").resolve("rows.db");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "an earlier run's rows");
        cluster = Cluster.create(fakeDistribution(), dir.resolve("store"), 1, "btree", Map.of());
        assertFalse(Files.exists(old), "the earlier run's data is gone");
        assertTrue(Files.isDirectory(dir.resolve("store").resolve("n1").resolve("data")), "the data directory is ready");
    }

    @Test
    void killPauseResumeAndRestartActOnTheProcess() throws Exception {
        cluster = Cluster.create(fakeDistribution(), dir.resolve("store"), 1, "btree", Map.of());
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
        n.stop();
        assertFalse(n.running());
    }

    @Test
    void partitionsAreWrittenAsPeerIdsAndHealedToEmpty() throws Exception {
        cluster = Cluster.create(fakeDistribution(), dir.resolve("store"), 3, "btree", Map.of());
        cluster.partition(Map.of("n1", Set.of("n3", "n2"), "n2", Set.of("n1"), "n3", Set.of("n1")));
        Path faults = dir.resolve("store").resolve("n1.faults");
        assertEquals(List.of("n2", "n3"), Files.readAllLines(faults));
        assertEquals(List.of("n1"), Files.readAllLines(dir.resolve("store").resolve("n3.faults")));
        cluster.heal();
        assertEquals("", Files.readString(faults));
        try (var files = Files.list(dir.resolve("store"))) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary file left behind");
        }
    }

    @Test
    void aMissingLauncherIsAClearError() {
        var e = assertThrows(ConfigException.class,
                () -> Cluster.create(dir.resolve("nowhere"), dir.resolve("store"), 3, "btree", Map.of()));
        assertTrue(e.getMessage().contains("mynode-server"), e.getMessage());
    }
}
