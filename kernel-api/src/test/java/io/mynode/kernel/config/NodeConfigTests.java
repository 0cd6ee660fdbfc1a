package io.mynode.kernel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTests {

    static final Map<String, String> MINIMAL = Map.of(
            "node.id", "mynode1",
            "cluster.peers", "mynode1=127.0.0.1:9601,mynode2=127.0.0.1:9602,mynode3=127.0.0.1:9603");

    static String message(Map<String, String> values, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> NodeConfig.fromMap(values, env)).getMessage();
    }

    @Nested
    class Reading {
        @Test
        void aFileWithEveryKeyIsRead(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("node.properties");
            Files.writeString(file, """
                    # a comment
                    node.id = mynode2
                    node.listen = 0.0.0.0:9602
                    cluster.peers = mynode1=10.0.0.1:9601, mynode2=10.0.0.2:9602
                    data.dir = /var/lib/mynode
                    storage.engine = lsm
                    consensus = raft
                    transport = grpc
                    btree.cache.pages = 64k
                    raft.election.ticks = 10
                    """);
            NodeConfig c = NodeConfig.load(file, Map.of());
            assertEquals("mynode2", c.nodeId());
            assertEquals(new HostPort("0.0.0.0", 9602), c.listen());
            assertEquals(List.of("mynode1", "mynode2"), List.copyOf(c.peers().keySet()));
            assertEquals(new HostPort("10.0.0.1", 9601), c.peers().get("mynode1"));
            assertEquals(Path.of("/var/lib/mynode"), c.dataDir());
            assertEquals("lsm", c.storageEngine());
            assertEquals(65536, c.settings("btree").intValue("cache.pages", 0, 0, Integer.MAX_VALUE));
            assertEquals(10, c.settings("raft").intValue("election.ticks", 0, 1, 100));
            assertTrue(c.settings("lsm").values().isEmpty());
        }

        @Test
        void defaultsFillWhatIsNotGiven() {
            NodeConfig c = NodeConfig.fromMap(MINIMAL, Map.of());
            assertEquals(new HostPort("127.0.0.1", 9601), c.listen());
            assertEquals(Path.of("data/mynode1"), c.dataDir());
            assertEquals("btree", c.storageEngine());
            assertEquals("raft", c.consensus());
            assertEquals("grpc", c.transport());
        }

        @Test
        void aSingleNodeNeedsNoPeerList() {
            NodeConfig c = NodeConfig.fromMap(Map.of("node.id", "solo", "node.listen", "127.0.0.1:7000"), Map.of());
            assertEquals(Map.of("solo", new HostPort("127.0.0.1", 7000)), c.peers());
        }

        @Test
        void environmentVariablesOverrideTheFile() {
            NodeConfig c = NodeConfig.fromMap(MINIMAL, Map.of(
                    "MYNODE_NODE_ID", "mynode3",
                    "MYNODE_STORAGE_ENGINE", "lsm",
                    "MYNODE_BTREE_CACHE_PAGES", "10",
                    "PATH", "/usr/bin"));
            assertEquals("mynode3", c.nodeId());
            assertEquals(new HostPort("127.0.0.1", 9603), c.listen());
            assertEquals("lsm", c.storageEngine());
            assertEquals("10", c.settings("btree").values().get("cache.pages"));
        }
    }

    @Nested
    class Refusing {
        @Test
        void aMissingNodeIdIsNamed() {
            assertTrue(message(Map.of("node.listen", "127.0.0.1:1"), Map.of()).contains("node.id"));
        }

        @Test
        void anUnknownKeyIsNamed() {
            String m = message(Map.of("node.id", "a", "node.listen", "h:1", "storage.engin", "lsm"), Map.of());
            assertTrue(m.contains("'storage.engin'"), m);
        }

        @Test
        void anUnknownEnvironmentKeyIsNamed() {
            String m = message(MINIMAL, Map.of("MYNODE_NODE_IDD", "x"));
            assertTrue(m.contains("'node.idd'"), m);
        }

        @Test
        void aBadAddressIsNamed() {
            assertTrue(message(Map.of("node.id", "a", "node.listen", "localhost"), Map.of()).contains("node.listen"));
            assertTrue(message(Map.of("node.id", "a", "node.listen", "localhost:http"), Map.of()).contains("node.listen"));
            assertTrue(message(Map.of("node.id", "a", "node.listen", "localhost:70000"), Map.of()).contains("node.listen"));
        }

        @Test
        void badPeerListsAreNamed() {
            assertTrue(message(Map.of("node.id", "a", "cluster.peers", "a=h:1,b"), Map.of()).contains("cluster.peers"));
            assertTrue(message(Map.of("node.id", "a", "cluster.peers", "a=h:1,a=h:2"), Map.of()).contains("twice"));
            assertTrue(message(Map.of("node.id", "c", "node.listen", "h:1", "cluster.peers", "a=h:1,b=h:2"), Map.of())
                    .contains("must include this node"));
        }

        @Test
        void aBadNodeIdIsRefused() {
            assertTrue(message(Map.of("node.id", "no spaces", "node.listen", "h:1"), Map.of()).contains("node.id"));
        }

        @Test
        void anUnreadableFileIsAConfigError(@TempDir Path dir) {
            assertThrows(ConfigException.class, () -> NodeConfig.load(dir.resolve("missing.properties"), Map.of()));
        }
    }

    @Nested
    class ModuleSettings {
        final Settings settings = new Settings("btree", Map.of("cache.pages", "12", "sync", "yes", "size", "2m"));

        @Test
        void typedValuesParse() {
            assertEquals(12, settings.intValue("cache.pages", 1, 1, 100));
            assertTrue(settings.bool("sync", false));
            assertEquals(2 << 20, settings.longValue("size", 0, 0, Long.MAX_VALUE));
            assertEquals(5, settings.intValue("absent", 5, 1, 10));
        }

        @Test
        void valuesOutOfRangeOrMalformedAreNamed() {
            assertTrue(assertThrows(ConfigException.class, () -> settings.intValue("cache.pages", 1, 1, 10))
                    .getMessage().contains("btree.cache.pages"));
            Settings bad = new Settings("lsm", Map.of("x", "ten", "y", "maybe"));
            assertTrue(assertThrows(ConfigException.class, () -> bad.intValue("x", 1, 1, 10)).getMessage().contains("lsm.x"));
            assertTrue(assertThrows(ConfigException.class, () -> bad.bool("y", true)).getMessage().contains("lsm.y"));
        }

        @Test
        void requireOnlyNamesTheUnknownKey() {
            String m = assertThrows(ConfigException.class, () -> settings.requireOnly("cache.pages", "sync")).getMessage();
            assertTrue(m.contains("'btree.size'"), m);
            settings.requireOnly("cache.pages", "sync", "size");
        }
    }
}
