package io.mynode.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.Providers;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.transport.Transport;
import io.mynode.kernel.transport.TransportContext;
import io.mynode.kernel.transport.TransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage from a client or from a peer gets an error, never a crash: the node serves on. */
@Tag("cluster")
class GarbageIT {
    @TempDir
    static Path dir;
    static Cluster cluster;

    @BeforeAll
    static void start() throws InterruptedException {
        cluster = Cluster.start(3, "btree", dir);
        try (Session s = cluster.connect("mynode1").session()) {
            s.execute("CREATE TABLE sane (id INTEGER PRIMARY KEY)");
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void everyNodeIsUp() {
        for (String id : cluster.ids()) {
            assertTrue(cluster.node(id).running(), id + " is down before the test\n" + cluster.logs());
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Every node still up and a write still committed through every node. */
    static void clusterServes(String context) {
        for (String id : cluster.ids()) {
            assertTrue(cluster.node(id).running(), id + " died after " + context + "\n" + cluster.logs());
        }
        for (String id : cluster.ids()) {
            long key = System.nanoTime();
            try (Session s = cluster.connect(id).session()) {
                assertEquals("Created 1 row", s.execute("INSERT INTO sane VALUES (" + key + ")").message(),
                        id + " after " + context);
            }
        }
    }

    @Test
    void randomBytesOnTheClientPortCloseThatConnectionOnly() throws IOException {
        Random random = new Random(7);
        for (int size : List.of(1, 9, 100, 65_536)) {
            byte[] garbage = new byte[size];
            random.nextBytes(garbage);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", cluster.address("mynode2").port()), 5000);
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                try {
                    out.write(garbage);
                    out.flush();
                    InputStream in = s.getInputStream();
                    in.readNBytes(1 << 16); // until the server closes the connection or the timeout
                } catch (IOException expected) {
                    // a reset or a timeout are both the server refusing the garbage
                }
            }
        }
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket("127.0.0.1", cluster.address("mynode2").port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(http);
            try {
                s.getInputStream().readNBytes(4096);
            } catch (IOException expected) {
                // refused
            }
        }
        clusterServes("garbage bytes on the client port");
    }

    @Test
    void nonsenseStatementsAreErrorsAndTheSessionGoesOn() {
        Random random = new Random(11);
        try (Session s = cluster.connect("mynode3").session()) {
            List<String> nonsense = List.of("", ";", "SELECT", "SELECT * FROM", "INSERT INTO sane VALUES ('x')",
                    "CREATE TABLE (", "\u0000\u0001\u0002", "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000),
                    "SELECT '" + "x".repeat(100_000) + "'", "DROP TABLE nope", "COMMIT", "ROLLBACK");
            for (String sql : nonsense) {
                assertThrows(MynodeException.class, () -> s.execute(sql), sql.length() > 40 ? sql.substring(0, 40) : sql);
            }
            for (int i = 0; i < 50; i++) {
                byte[] bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
                String sql = new String(bytes, StandardCharsets.ISO_8859_1);
                try {
                    s.execute(sql);
                } catch (MynodeException expected) {
                    // an error is the right answer to garbage
                }
            }
            assertEquals("Created 1 row", s.execute("INSERT INTO sane VALUES (-1)").message());
        }
        clusterServes("nonsense statements");
    }

    /**
     * A peer that speaks the transport but sends garbage as Raft messages: this test stands in for
     * a stopped node (same id, same address) and sends malformed messages to the others.
     */
    @Test
    void garbageFromAPeerIsDroppedNotFatal() throws InterruptedException {
        String impostor = "mynode3";
        cluster.node(impostor).stop(Duration.ofSeconds(20));
        cluster.awaitLeader(Duration.ofSeconds(30));
        Map<String, String> props = new HashMap<>();
        props.put("node.id", impostor);
        props.put("node.listen", cluster.address(impostor).toString());
        props.put("cluster.peers", String.join(",", cluster.ids().stream()
                .map(id -> id + "=" + cluster.address(id)).toList()));
        NodeConfig config = NodeConfig.fromMap(props, Map.of(), Plugins.configSchema());
        Random random = new Random(13);
        try (Transport rogue = Providers.select(TransportProvider.class, config.transport()).start(new TransportContext(config, config.settings(config.transport())))) {
            for (int i = 0; i < 300; i++) {
                byte[] garbage = new byte[i % 10 == 0 ? 0 : random.nextInt(i % 3 == 0 ? 100_000 : 64)];
                random.nextBytes(garbage);
                for (String to : List.of("mynode1", "mynode2")) {
                    rogue.peers().send(to, garbage);
                }
            }
            Thread.sleep(2000); // let the messages arrive and be rejected
            for (String id : List.of("mynode1", "mynode2")) {
                assertTrue(cluster.node(id).running(), id + " died of a peer's garbage\n" + cluster.logs());
            }
        }
        cluster.restart(impostor);
        cluster.awaitLeader(Duration.ofSeconds(30));
        clusterServes("garbage from a peer");
    }
}
