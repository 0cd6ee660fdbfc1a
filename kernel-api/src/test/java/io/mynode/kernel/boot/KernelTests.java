package io.mynode.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.error.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelTests {
    @Test
    void anUnknownEngineFailsBeforeTouchingTheDisk(@TempDir Path dir) {
        Path data = dir.resolve("data");
        NodeConfig config = NodeConfig.fromMap(Map.of("node.id", "n1", "node.listen", "127.0.0.1:1",
                "data.dir", data.toString(), "storage.engine", "rocks"), Map.of());
        String m = assertThrows(ConfigException.class, () -> Kernel.embedded(config)).getMessage();
        assertTrue(m.contains("'rocks'"), m);
        assertFalse(Files.exists(data), "nothing created");
    }

    @Test
    void anEmbeddedNodeRefusesPeers() {
        NodeConfig config = NodeConfig.fromMap(Map.of("node.id", "n1", "cluster.peers", "n1=h:1,n2=h:2"), Map.of());
        assertTrue(assertThrows(ConfigException.class, () -> Kernel.embedded(config)).getMessage().contains("cluster.peers"));
    }
}
