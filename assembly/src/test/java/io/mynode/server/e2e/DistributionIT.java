package io.mynode.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.launch.ProcessCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built distribution: its layout, its launchers on the module path, and that nothing warns.
 * These need no cluster, so they run whatever else is built.
 */
class DistributionIT {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theDistributionHasBinLibConfAndATarball() throws IOException {
        for (String launcher : List.of("mynode", "mynode-server", "mynode-local", "mynode-bench", "mynode-jepsen", "mynode-java")) {
            assertTrue(Files.isExecutable(Cluster.HOME.resolve("bin").resolve(launcher)), launcher);
        }
        assertTrue(Files.isRegularFile(Cluster.HOME.resolve("conf/node.properties")));
        for (String jar : List.of("kernel-api", "btree-engine", "lsm-engine", "txn-module", "raft-module",
                "sql-module", "grpc-transport", "repl", "assembly", "jline", "picocli")) {
            try (var files = Files.list(Cluster.HOME.resolve("lib"))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith(jar + "-")), "lib/" + jar);
            }
        }
        assertTrue(Files.size(Path.of("target/mynode-0.1.0.tar.gz")) > 100_000);
    }

    @Test
    void everyLauncherStartsOnTheModulePathWithoutWarnings() {
        for (String launcher : List.of("mynode", "mynode-server", "mynode-local", "mynode-bench", "mynode-jepsen")) {
            Command.Result r = Command.of(launcher, "--version").run("", TIMEOUT);
            assertEquals(0, r.exit(), launcher + ": " + r.err());
            assertEquals("", r.err(), launcher + " printed to stderr");
            assertTrue(r.out().contains("0.1.0"), launcher + ": " + r.out());
        }
    }

    @Test
    void aConfigurationErrorIsAClearMessageAndExitCode2(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("node.properties");
        Files.writeString(config, "node.id=mynode1\nnode.listen=127.0.0.1:9601\nstorage.engnie=btree\n");
        Command.Result r = Command.of("mynode-server", "--config", config.toString()).run("", TIMEOUT);
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("Error: configuration " + config + ": unknown configuration key 'storage.engnie'"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aMissingConfigurationFileIsNamed(@TempDir Path dir) {
        Command.Result r = Command.of("mynode-server", "--config", dir.resolve("nope.properties").toString()).run("", TIMEOUT);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("cannot read configuration file"), r.err());
    }

    @Test
    void environmentVariablesOverrideTheFile(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("node.properties");
        Files.writeString(config, "node.id=mynode1\nnode.listen=127.0.0.1:9601\n");
        Command.Result r = Command.of("mynode-server", "--config", config.toString())
                .run("", TIMEOUT, Map.of("MYNODE_STORAGE_ENGINE", "nosuchengine"), null);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("nosuchengine"), r.err());
    }

    @Test
    void theReplSaysWhenNoNodeIsThere() {
        int port = ProcessCluster.freePorts("127.0.0.1", 1).get(0);
        Command.Result r = Command.of("mynode", "-p", Integer.toString(port), "-e", "SELECT 1").run("", TIMEOUT);
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("Error [08001]: "), r.err());
    }

    @Test
    void localRefusesBadFlagsBeforeStartingAnything() {
        Command.Result r = Command.of("mynode-local", "--engine", "rocks").run("", TIMEOUT);
        assertEquals(2, r.exit());
        assertEquals("Error: --engine must be one of the engines found (btree, lsm), not 'rocks'\n", r.err());
    }
}
