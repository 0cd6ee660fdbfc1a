package io.mynode.kernel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTests {

    /** Keys two made-up providers declare, as real ones do in their modules. */
    static final ConfigKeys BTREE = new ConfigKeys();
    static final ConfigKey<Integer> CACHE_PAGES = BTREE.integer("cache.pages", 8192, 16, 1 << 24, "leaves cached");
    static final ConfigKey<Boolean> SYNC = BTREE.bool("sync", true, "fsync on flush");
    static final ConfigKeys RAFT = new ConfigKeys();
    static final ConfigKey<Integer> ELECTION = RAFT.integer("election.ticks", 10, 2, 100, "election timeout");

    static final ConfigSchema SCHEMA = ConfigSchema.of(List.of(
            new ConfigSchema.Owner("btree", "storage engine 'btree'", BTREE),
            new ConfigSchema.Owner("lsm", "storage engine 'lsm'", ConfigKeys.none()),
            new ConfigSchema.Owner("raft", "consensus 'raft'", RAFT)), Map.of("storage.engine", List.of("btree", "lsm")));

    static final Map<String, String> MINIMAL = Map.of(
            "node.id", "mynode1",
            "cluster.peers", "mynode1=127.0.0.1:9601,mynode2=127.0.0.1:9602,mynode3=127.0.0.1:9603");

    static NodeConfig config(Map<String, String> values, Map<String, String> env) {
        return NodeConfig.fromMap(values, env, SCHEMA);
    }

    static String message(Map<String, String> values, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> config(values, env)).getMessage();
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
                    cluster.id = prod-eu
                    data.dir = /var/lib/mynode
                    storage.engine = lsm
                    consensus = raft
                    transport = grpc
                    btree.cache.pages = 64k
                    raft.election.ticks = 10
                    """);
            NodeConfig c = NodeConfig.load(file, Map.of(), SCHEMA);
            assertEquals("mynode2", c.nodeId());
            assertEquals(Optional.of("prod-eu"), c.clusterId());
            assertEquals(new HostPort("0.0.0.0", 9602), c.listen());
            assertEquals(List.of("mynode1", "mynode2"), List.copyOf(c.peers().keySet()));
            assertEquals(new HostPort("10.0.0.1", 9601), c.peers().get("mynode1"));
            assertEquals(Path.of("/var/lib/mynode"), c.dataDir());
            assertEquals("lsm", c.storageEngine());
            assertEquals(65536, c.settings("btree").get(CACHE_PAGES));
            assertEquals(10, c.settings("raft").get(ELECTION));
            assertTrue(c.settings("lsm").values().isEmpty());
        }

        @Test
        void defaultsFillWhatIsNotGiven() {
            NodeConfig c = config(MINIMAL, Map.of());
            assertEquals(new HostPort("127.0.0.1", 9601), c.listen());
            assertEquals(Path.of("data/mynode1"), c.dataDir());
            assertEquals("btree", c.storageEngine());
            assertEquals("raft", c.consensus());
            assertEquals("grpc", c.transport());
            assertEquals(Optional.empty(), c.clusterId());
            assertEquals(8192, c.settings("btree").get(CACHE_PAGES), "a key not written has its declared default");
        }

        @Test
        void aSingleNodeNeedsNoPeerList() {
            NodeConfig c = config(Map.of("node.id", "solo", "node.listen", "127.0.0.1:7000"), Map.of());
            assertEquals(Map.of("solo", new HostPort("127.0.0.1", 7000)), c.peers());
        }

        @Test
        void everyProviderGetsItsOwnCheckedSettings() {
            NodeConfig c = config(Map.of("node.id", "a", "node.listen", "h:1", "btree.sync", "off"), Map.of());
            assertFalse(c.settings("btree").get(SYNC));
            assertEquals(List.of("btree", "lsm", "raft"), List.copyOf(c.modules().keySet()));
            assertThrows(IllegalStateException.class, () -> c.settings("btree").get(ELECTION),
                    "a provider reads only keys its owner declared");
        }
    }

    @Nested
    class Environment {
        @Test
        void variablesNamingAKeyOverrideTheFile() {
            NodeConfig c = config(MINIMAL, Map.of(
                    "MYNODE_NODE_ID", "mynode3",
                    "MYNODE_STORAGE_ENGINE", "lsm",
                    "MYNODE_BTREE_CACHE_PAGES", "10k",
                    "PATH", "/usr/bin"));
            assertEquals("mynode3", c.nodeId());
            assertEquals(new HostPort("127.0.0.1", 9603), c.listen());
            assertEquals("lsm", c.storageEngine());
            assertEquals(10240, c.settings("btree").get(CACHE_PAGES));
        }

        @Test
        void variablesNamingNoKeyAreIgnored() {
            // MYNODE_HOME is what the Jepsen CLI reads; MYNODE_BIND a compose file's own variable.
            NodeConfig c = config(MINIMAL, Map.of("MYNODE_HOME", "/opt/mynode", "MYNODE_BIND", "0.0.0.0",
                    "MYNODE_", "x", "MYNODE_SOMETOOL_OPTION", "y"));
            assertEquals("mynode1", c.nodeId());
        }

        @Test
        void aVariableUnderAKnownPrefixThatNamesNoKeyIsATypo() {
            String m = message(MINIMAL, Map.of("MYNODE_NODE_IDD", "x"));
            assertTrue(m.contains("MYNODE_NODE_IDD") && m.contains("'node.idd'") && m.contains("node.id"), m);
            m = message(MINIMAL, Map.of("MYNODE_BTREE_CACHE_PAGEZ", "1"));
            assertTrue(m.contains("btree.cache.pages"), m);
        }

        @Test
        void anOverrideIsCheckedLikeTheFile() {
            String m = message(MINIMAL, Map.of("MYNODE_RAFT_ELECTION_TICKS", "1000"));
            assertTrue(m.contains("raft.election.ticks") && m.contains("2..100"), m);
        }

        @Test
        void theVariableOfAKeyIsUpperCaseWithUnderscores() {
            assertEquals("MYNODE_BTREE_CACHE_PAGES", ConfigSchema.environmentVariable("btree.cache.pages"));
        }
    }

    @Nested
    class Refusing {
        @Test
        void aMissingNodeIdIsNamed() {
            assertTrue(message(Map.of("node.listen", "127.0.0.1:1"), Map.of()).contains("node.id"));
        }

        @Test
        void anUnknownKernelKeyIsNamed() {
            String m = message(Map.of("node.id", "a", "node.listen", "h:1", "storage.engin", "lsm"), Map.of());
            assertTrue(m.contains("'storage.engin'") && m.contains("storage.engine"), m);
        }

        @Test
        void aKeyUnderNoProviderFoundListsThePrefixesFound() {
            String m = message(Map.of("node.id", "a", "node.listen", "h:1", "rocks.cache", "1"), Map.of());
            assertTrue(m.contains("'rocks.cache'") && m.contains("btree.*, lsm.*, raft.*") && m.contains("--help-config"), m);
        }

        @Test
        void aKeyItsProviderDidNotDeclareListsTheDeclaredOnes() {
            String m = message(Map.of("node.id", "a", "node.listen", "h:1", "btree.cache.page", "1"), Map.of());
            assertTrue(m.contains("'btree.cache.page'") && m.contains("cache.pages, sync"), m);
            m = message(Map.of("node.id", "a", "node.listen", "h:1", "lsm.anything", "1"), Map.of());
            assertTrue(m.contains("'lsm.anything'") && m.contains("none"), m);
        }

        @Test
        void aBadValueIsRefusedEvenForAProviderNotChosen() {
            String m = message(Map.of("node.id", "a", "node.listen", "h:1", "storage.engine", "lsm",
                    "btree.cache.pages", "lots"), Map.of());
            assertTrue(m.contains("btree.cache.pages") && m.contains("'lots'"), m);
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
        void twoPeersOnOneAddressAreRefused() {
            String m = message(Map.of("node.id", "a", "cluster.peers", "a=Host:1,b=h:2,c=host:1"), Map.of());
            assertTrue(m.contains("'a' and 'c'") && m.contains("same address"), m);
        }

        @Test
        void badIdsAreRefused() {
            assertTrue(message(Map.of("node.id", "no spaces", "node.listen", "h:1"), Map.of()).contains("node.id"));
            assertTrue(message(Map.of("node.id", "a", "node.listen", "h:1", "cluster.id", "a/b"), Map.of())
                    .contains("cluster.id"));
        }

        @Test
        void anUnreadableFileIsAConfigError(@TempDir Path dir) {
            assertThrows(ConfigException.class, () -> NodeConfig.load(dir.resolve("missing.properties"), Map.of(), SCHEMA));
        }
    }

    @Nested
    class ClusterId {
        @Test
        void theDerivedIdDependsOnThePeersNotTheirOrder() {
            String a = config(MINIMAL, Map.of()).derivedClusterId();
            String b = config(Map.of("node.id", "mynode2", "cluster.peers",
                    "mynode3=127.0.0.1:9603,mynode2=127.0.0.1:9602,mynode1=127.0.0.1:9601"), Map.of()).derivedClusterId();
            String other = config(Map.of("node.id", "mynode1", "cluster.peers",
                    "mynode1=127.0.0.1:9701,mynode2=127.0.0.1:9702"), Map.of()).derivedClusterId();
            assertEquals(a, b, "every node of one peer list derives the same id");
            assertNotEquals(a, other);
            assertTrue(a.matches("mynode-[0-9a-f]{8}"), a);
        }

        @Test
        void withClusterIdSetsIt() {
            assertEquals(Optional.of("c1"), config(MINIMAL, Map.of()).withClusterId("c1").clusterId());
        }
    }

    @Nested
    class Schema {
        @Test
        void aProviderMayNotOwnAKernelPrefix() {
            String m = assertThrows(ConfigException.class, () -> ConfigSchema.of(
                    List.of(new ConfigSchema.Owner("cluster", "storage engine 'cluster'", ConfigKeys.none())), Map.of()))
                    .getMessage();
            assertTrue(m.contains("'cluster'") && m.contains("rename"), m);
        }

        @Test
        void twoProvidersMayNotShareAPrefix() {
            String m = assertThrows(ConfigException.class, () -> ConfigSchema.of(List.of(
                    new ConfigSchema.Owner("x", "storage engine 'x'", ConfigKeys.none()),
                    new ConfigSchema.Owner("x", "transport 'x'", ConfigKeys.none())), Map.of())).getMessage();
            assertTrue(m.contains("storage engine 'x' and transport 'x'"), m);
        }

        @Test
        void describeListsEveryKeyWithDefaultTypeAndDoc() {
            String help = SCHEMA.describe();
            assertTrue(help.contains("node.id = (required)"), help);
            assertTrue(help.contains("storage.engine = btree") && help.contains("(found: btree, lsm)"), help);
            assertTrue(help.contains("btree.cache.pages = 8192   (integer 16..16777216)\n      leaves cached"), help);
            assertTrue(help.contains("lsm.*: storage engine 'lsm'\n  (no keys)"), help);
            assertTrue(help.contains("MYNODE_"), help);
        }
    }

    @Nested
    class Keys {
        @Test
        void typedValuesParse() {
            ConfigKeys keys = new ConfigKeys();
            ConfigKey<Long> size = keys.size("size", 1 << 20, 0, Long.MAX_VALUE, "a size");
            ConfigKey<String> mode = keys.choice("mode", "fast", List.of("fast", "safe"), "a mode");
            ConfigKey<Optional<HostPort>> listen = keys.address("listen", "a listener");
            Settings s = keys.settings("x", Map.of("size", "2m", "mode", "safe", "listen", "127.0.0.1:5432"));
            assertEquals(2L << 20, s.get(size));
            assertEquals("safe", s.get(mode));
            assertEquals(Optional.of(new HostPort("127.0.0.1", 5432)), s.get(listen));
            assertEquals(Optional.empty(), keys.settings("x", Map.of()).get(listen));
            assertTrue(assertThrows(ConfigException.class, () -> keys.settings("x", Map.of("mode", "slow")))
                    .getMessage().contains("x.mode"));
        }

        @Test
        void aComputedDefaultIsGivenWhereTheKeyIsRead() {
            ConfigKeys keys = new ConfigKeys();
            ConfigKey<Integer> dirty = keys.computedInteger("dirty", "half of cache", 1, 100, "dirty pages");
            Settings empty = keys.settings("x", Map.of());
            assertEquals(7, empty.get(dirty, 7));
            assertThrows(IllegalStateException.class, () -> empty.get(dirty));
            assertEquals(3, keys.settings("x", Map.of("dirty", "3")).get(dirty, 7));
        }

        @Test
        void declarationMistakesFailAtOnce() {
            ConfigKeys keys = new ConfigKeys();
            keys.bool("a.b", true, "doc");
            assertThrows(IllegalArgumentException.class, () -> keys.bool("a.b", false, "again"));
            assertThrows(IllegalArgumentException.class, () -> keys.bool("Upper", false, "doc"));
            assertThrows(IllegalArgumentException.class, () -> keys.bool("under_score", false, "doc"));
            assertThrows(IllegalArgumentException.class, () -> keys.bool("nodoc", false, " "));
            assertThrows(IllegalArgumentException.class, () -> keys.integer("n", 0, 1, 10, "default out of range"));
            assertThrows(UnsupportedOperationException.class, () -> ConfigKeys.none().bool("x", true, "doc"));
        }

        @Test
        void uncheckedSettingsCheckEachValueWhenRead() {
            Settings bad = new Settings("lsm", Map.of("x", "ten", "y", "maybe"));
            assertTrue(assertThrows(ConfigException.class, () -> bad.intValue("x", 1, 1, 10)).getMessage().contains("lsm.x"));
            assertTrue(assertThrows(ConfigException.class, () -> bad.bool("y", true)).getMessage().contains("lsm.y"));
            assertTrue(assertThrows(ConfigException.class, () -> new Settings("btree", Map.of("cache.pages", "1"))
                    .get(CACHE_PAGES)).getMessage().contains("btree.cache.pages: 1 is outside 16..16777216"));
        }
    }
}
