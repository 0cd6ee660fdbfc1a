package io.mynode.kernel.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.CorruptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataIdentityTests {
    @TempDir
    Path dir;

    NodeConfig config(String... keyValues) {
        Map<String, String> values = new HashMap<>(Map.of("node.id", "n1",
                "cluster.peers", "n1=127.0.0.1:7001,n2=127.0.0.1:7002", "data.dir", dir.toString()));
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return NodeConfig.fromMap(values, Map.of(), Plugins.configSchema());
    }

    String refusal(NodeConfig config) {
        return assertThrows(ConfigException.class, () -> DataIdentity.claim(dir, config)).getMessage();
    }

    @Test
    void aFirstStartRecordsTheDerivedClusterIdAndALaterOneKeepsIt() throws Exception {
        NodeConfig first = config();
        DataIdentity recorded = DataIdentity.claim(dir, first);
        assertEquals(new DataIdentity(first.derivedClusterId(), "n1", "btree", "raft"), recorded);
        assertTrue(Files.readString(dir.resolve(DataIdentity.FILE)).contains("cluster.id=" + first.derivedClusterId()));
        // The peer list is only for bootstrap: a changed one keeps the recorded cluster.
        NodeConfig grown = config("cluster.peers", "n1=127.0.0.1:7001,n2=127.0.0.1:7002,n3=127.0.0.1:7003");
        assertEquals(recorded, DataIdentity.claim(dir, grown));
    }

    @Test
    void anExplicitClusterIdIsRecordedAndMustMatchLater() {
        assertEquals("prod", DataIdentity.claim(dir, config("cluster.id", "prod")).clusterId());
        assertEquals("prod", DataIdentity.claim(dir, config()).clusterId());
        String m = refusal(config("cluster.id", "staging"));
        assertTrue(m.contains("belongs to cluster 'prod'") && m.contains("cluster.id is 'staging'"), m);
    }

    @Test
    void anotherNodesDirectoryIsRefused() {
        DataIdentity.claim(dir, config());
        String m = refusal(config("node.id", "n2"));
        assertTrue(m.contains("belongs to node 'n1'") && m.contains("not to 'n2'") && m.contains("point data.dir"), m);
    }

    @Test
    void anotherEngineIsRefused() {
        DataIdentity.claim(dir, config());
        String m = refusal(config("storage.engine", "lsm"));
        assertTrue(m.contains("storage.engine=btree") && m.contains("set storage.engine=btree"), m);
        m = refusal(config("consensus", "local"));
        assertTrue(m.contains("consensus=raft"), m);
    }

    @Test
    void aJoiningNodeRecordsTheIdItLearnt() {
        assertEquals("learnt", DataIdentity.claim(dir, config(), "learnt").clusterId());
        assertEquals("learnt", DataIdentity.claim(dir, config()).clusterId());
    }

    @Test
    void aDamagedFileIsCorruptionNotADefault() throws Exception {
        Files.writeString(dir.resolve(DataIdentity.FILE), "format=1\nnode.id=n1\n");
        String m = assertThrows(CorruptionException.class, () -> DataIdentity.claim(dir, config())).getMessage();
        assertTrue(m.contains(DataIdentity.FILE) && m.contains("cluster.id"), m);
    }
}
