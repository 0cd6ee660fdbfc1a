package io.mynode.server.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.config.NodeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker cannot run on the build machine, so the compose file and the Dockerfile are checked
 * here: the YAML parses (merge keys included), it defines the five nodes on host ports
 * 9601..9605 with a volume each, and every node's environment, applied over the image's
 * {@code conf/node.properties}, is a valid node configuration naming the same cluster.
 */
class DockerComposeTests {
    static Path root;
    static Map<String, Object> compose;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        Path here = Path.of("").toAbsolutePath();
        root = Files.exists(here.resolve("docker-compose.yml")) ? here : here.getParent();
        try (Reader in = Files.newBufferedReader(root.resolve("docker-compose.yml"), StandardCharsets.UTF_8)) {
            compose = new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static Map<String, Object> services() {
        return map(compose.get("services"));
    }

    /** Compose's {@code ${VAR:-default}} interpolation, with every variable unset. */
    static String interpolate(String value) {
        Matcher m = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}").matcher(value);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
    }

    static Map<String, String> imageProperties() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(root.resolve("assembly/src/dist/conf/node.properties"))) {
            p.load(in);
        }
        Map<String, String> values = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        return values;
    }

    @Test
    void definesFiveNodesNamedMynode1To5() {
        assertEquals(Set.of("mynode1", "mynode2", "mynode3", "mynode4", "mynode5"), services().keySet());
    }

    @Test
    void everyNodePublishesItsOwnHostPortAndHasItsOwnVolume() {
        Map<String, Object> declared = map(compose.get("volumes"));
        for (int i = 1; i <= 5; i++) {
            Map<String, Object> s = map(services().get("mynode" + i));
            assertEquals(List.of("960" + i + ":960" + i), s.get("ports"), "mynode" + i);
            List<?> volumes = (List<?>) s.get("volumes");
            assertEquals(1, volumes.size());
            String[] volume = volumes.get(0).toString().split(":");
            assertEquals("mynode" + i + "-data", volume[0]);
            assertEquals("/var/lib/mynode", volume[1]);
            assertTrue(declared.containsKey(volume[0]), "volume " + volume[0] + " is declared");
            assertEquals(".", s.get("build"), "built from the root Dockerfile (merged from x-node)");
        }
    }

    @Test
    void everyNodesEnvironmentIsAValidConfigurationOfTheSameCluster() throws IOException {
        for (int i = 1; i <= 5; i++) {
            Map<String, String> env = new HashMap<>();
            map(map(services().get("mynode" + i)).get("environment"))
                    .forEach((k, v) -> env.put(k, interpolate(String.valueOf(v))));
            env.put("MYNODE_DATA_DIR", "/var/lib/mynode"); // from the Dockerfile's ENV
            NodeConfig config = NodeConfig.fromMap(imageProperties(), env, Plugins.configSchema());
            assertEquals("mynode" + i, config.nodeId());
            assertEquals(new HostPort("0.0.0.0", 9600 + i), config.listen());
            assertEquals(Path.of("/var/lib/mynode"), config.dataDir());
            assertEquals("btree", config.storageEngine());
            assertEquals(5, config.peers().size());
            for (int j = 1; j <= 5; j++) {
                assertEquals(new HostPort("mynode" + j, 9600 + j), config.peers().get("mynode" + j));
            }
        }
    }

    @Nested
    class TheDockerfile {
        @Test
        void buildsWithTheWrapperAndRunsTheDistributionsServerOnTheVolume() throws IOException {
            String dockerfile = Files.readString(root.resolve("Dockerfile"));
            assertTrue(dockerfile.contains("RUN ./mvnw -B -q package -DskipTests"));
            assertTrue(dockerfile.contains("COPY --from=build /src/assembly/target/mynode /opt/mynode"));
            assertTrue(dockerfile.contains("ENV MYNODE_DATA_DIR=/var/lib/mynode"));
            assertTrue(dockerfile.contains("VOLUME /var/lib/mynode"));
            Matcher entry = Pattern.compile("ENTRYPOINT \\[\"/opt/mynode/(bin/[a-z-]+)\", \"--config\", \"/opt/mynode/(conf/[a-z.]+)\"]")
                    .matcher(dockerfile);
            assertTrue(entry.find(), "ENTRYPOINT runs a launcher with a config file");
            assertTrue(Files.isRegularFile(root.resolve("assembly/src/dist").resolve(entry.group(1))), entry.group(1));
            assertTrue(Files.isRegularFile(root.resolve("assembly/src/dist").resolve(entry.group(2))), entry.group(2));
        }
    }
}
