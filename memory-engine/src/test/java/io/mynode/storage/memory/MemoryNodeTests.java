package io.mynode.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.boot.Kernel;
import io.mynode.kernel.boot.Node;
import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.config.NodeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as a plugin: chosen by name in a node's configuration, configured under its prefix,
 * listed by {@code --help-config}, and serving the seed transcript through the real REPL, Raft and
 * gRPC, with nothing outside this module naming it.
 */
class MemoryNodeTests {
    static final String TRANSCRIPT = """
            CREATE TABLE movie (id INTEGER PRIMARY KEY, title VARCHAR NOT NULL)
            INSERT INTO movie VALUES (1, 'Sicario'), (2, 'Stalker'), (3, 'Her')
            SELECT * FROM movie
            """;
    static final String OUTPUT = """
            Created table movie
            Created 3 rows
            1|Sicario
            2|Stalker
            3|Her
            """;

    @Test
    void aNodeBootsOnItAndServesTheSeedTranscriptThroughTheRepl(@TempDir Path dir) throws IOException {
        int port = freePort();
        NodeConfig config = NodeConfig.fromMap(Map.of("node.id", "m1", "node.listen", "127.0.0.1:" + port,
                "data.dir", dir.resolve("data").toString(), "storage.engine", "memory", "memory.max.bytes", "64m"),
                Map.of(), Plugins.configSchema());
        Path script = Files.writeString(dir.resolve("seed.sql"), TRANSCRIPT);
        try (Node node = Kernel.boot(config)) {
            assertEquals("memory", node.status().storage().engine());
            PrintStream stdout = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            int exit;
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                exit = io.mynode.repl.Main.run("-H", "127.0.0.1", "-p", Integer.toString(port), "-f", script.toString());
            } finally {
                System.setOut(stdout);
            }
            assertEquals(0, exit);
            assertEquals(OUTPUT, captured.toString(StandardCharsets.UTF_8));
            assertTrue(node.storage().status().keys() > 3, "the rows, their versions and the catalog live in this engine");
        }
    }

    @Test
    void itsKeysAreListedAndItIsAnEngineToChoose() {
        String help = Plugins.configSchema().describe();
        assertTrue(help.contains("memory.max.bytes = 256m   (size 1k..1024g)"), help);
        assertTrue(help.contains("storage.engine = btree") && help.contains("(found: memory)"), help);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
