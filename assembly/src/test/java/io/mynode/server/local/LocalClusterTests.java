package io.mynode.server.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.launch.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LocalClusterTests {

    static LocalCluster parse(String... args) {
        LocalCluster local = new LocalCluster();
        new CommandLine(local).parseArgs(args);
        return local;
    }

    /** A distribution whose launcher exists, so the cluster can be laid out (nothing is started). */
    static Path distribution(Path dir) throws IOException {
        Path launcher = Files.createDirectories(dir.resolve("dist/bin")).resolve("mynode-server");
        Files.writeString(launcher, "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir.resolve("dist");
    }

    @Test
    void fiveNodesOnConsecutivePortsWithADirectoryEach(@TempDir Path dir) throws IOException {
        List<NodeProcess> nodes = parse("--engine", "lsm").cluster(distribution(dir), dir.resolve("data")).nodes();
        assertEquals(5, nodes.size());
        for (int i = 1; i <= 5; i++) {
            NodeProcess n = nodes.get(i - 1);
            assertEquals("mynode" + i, n.id());
            assertEquals(dir.resolve("data").resolve("mynode" + i), n.dir());
            assertEquals(9600 + i, n.address().port());
        }
    }

    @Test
    void everyNodesConfigurationIsValidAndNamesTheSameCluster(@TempDir Path dir) throws IOException {
        LocalCluster local = parse("--nodes", "3", "--port", "9700");
        List<NodeProcess> nodes = local.cluster(distribution(dir), dir.resolve("data")).nodes();
        for (NodeProcess n : nodes) {
            NodeConfig config = NodeConfig.fromMap(n.properties(), Map.of(), Plugins.configSchema());
            assertEquals(n.id(), config.nodeId());
            assertEquals("btree", config.storageEngine());
            assertEquals(n.dir().resolve("data"), config.dataDir());
            assertEquals(Map.of("mynode1", new HostPort("127.0.0.1", 9700), "mynode2", new HostPort("127.0.0.1", 9701),
                    "mynode3", new HostPort("127.0.0.1", 9702)), config.peers());
            assertEquals(config.peers().get(n.id()), config.listen());
        }
    }

    @Test
    void badFlagsAreRefusedWithExitCode2BeforeAnythingStarts() {
        System.setProperty("mynode.home", "/nonexistent"); // so only the flags can be what is refused
        try {
            assertEquals(2, new CommandLine(new LocalCluster()).execute("--nodes", "0"));
            assertEquals(2, new CommandLine(new LocalCluster()).execute("--engine", "rocks"));
            assertEquals(2, new CommandLine(new LocalCluster()).execute("--port", "65535"));
        } finally {
            System.clearProperty("mynode.home");
        }
    }
}
