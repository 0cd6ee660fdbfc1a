package io.mynode.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    static NodeConfig config(Map<String, String> values) {
        return NodeConfig.fromMap(values, Map.of(), Plugins.configSchema());
    }

    @Test
    void anUnknownEngineFailsBeforeTouchingTheDisk(@TempDir Path dir) {
        Path data = dir.resolve("data");
        NodeConfig config = config(Map.of("node.id", "n1", "node.listen", "127.0.0.1:1",
                "data.dir", data.toString(), "storage.engine", "rocks"));
        String m = assertThrows(ConfigException.class, () -> Kernel.embedded(config)).getMessage();
        assertTrue(m.contains("'rocks'"), m);
        assertFalse(Files.exists(data), "nothing created");
    }

    @Test
    void anEmbeddedNodeRefusesPeers() {
        NodeConfig config = config(Map.of("node.id", "n1", "cluster.peers", "n1=h:1,n2=h:2"));
        assertTrue(assertThrows(ConfigException.class, () -> Kernel.embedded(config)).getMessage().contains("cluster.peers"));
    }

    @Test
    void theSchemaHoldsEveryProviderFoundUnderItsName() {
        // The kernel's own test class path holds one provider: consensus 'local'.
        var schema = Plugins.configSchema();
        assertEquals(java.util.List.of("local"), java.util.List.copyOf(schema.owners().keySet()));
        assertTrue(schema.knows("local.sync"));
        assertTrue(schema.describe().contains("local.*: consensus 'local'"), schema.describe());
        String m = assertThrows(ConfigException.class, () -> config(Map.of("node.id", "n1", "node.listen", "h:1",
                "local.synk", "true"))).getMessage();
        assertTrue(m.contains("'local.synk'") && m.contains("sync"), m);
    }
}
