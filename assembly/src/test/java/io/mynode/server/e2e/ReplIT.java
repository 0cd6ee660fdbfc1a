package io.mynode.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.launch.ProcessCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transcript and the REPL's behaviour, typed into the real launchers. */
@Tag("cluster")
class ReplIT {
    static final String TRANSCRIPT = """
            CREATE TABLE movie (id INTEGER PRIMARY KEY, title VARCHAR NOT NULL)
            INSERT INTO movie VALUES (1, 'Sicario'), (2, 'Stalker'), (3, 'Her')
            SELECT * FROM movie
            """;
    static final String TRANSCRIPT_OUTPUT = """
            Created table movie
            Created 3 rows
            1|Sicario
            2|Stalker
            3|Her
            """;
    static final Duration TIMEOUT = Duration.ofSeconds(180);

    @TempDir
    static Path dir;
    static Cluster cluster;

    @BeforeAll
    static void start() throws InterruptedException {
        cluster = Cluster.start(3, "btree", dir.resolve("cluster"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    String port(String id) {
        return Integer.toString(cluster.address(id).port());
    }

    @Test
    void mynodeLocalRunsTheTranscriptAndStopsEveryNodeAfterwards() throws IOException {
        int base = ProcessCluster.freeRange("127.0.0.1", 5);
        Command.Result r = Command.of("mynode-local", "--port", Integer.toString(base), "--data", dir.resolve("local").toString())
                .run(TRANSCRIPT, TIMEOUT);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("Starting 5 nodes (btree) on 127.0.0.1:" + base + ".." + (base + 4)), r.out());
        assertTrue(r.out().endsWith(TRANSCRIPT_OUTPUT), r.out());
        assertEquals("", r.err());
        for (int p = base; p < base + 5; p++) {
            assertFalse(listening(p), "port " + p + " still served after mynode-local ended");
        }
        for (int i = 1; i <= 5; i++) {
            String log = Files.readString(dir.resolve("local/mynode" + i + "/node.log"));
            assertTrue(log.contains("mynode mynode" + i + " serving on 127.0.0.1:" + (base + i - 1)), log);
            assertTrue(log.contains("mynode mynode" + i + " stopped"), "stopped cleanly by SIGTERM:\n" + log);
            assertFalse(log.contains("WARNING"), "the JVM or a library warned:\n" + log);
        }
    }

    @Test
    void pipedStatementsPrintOnlyTheirOutputAndAFailureExitsOne() {
        Command.Result r = Command.of("mynode", "-p", port("mynode2")).run("""
                CREATE TABLE genre (id INTEGER PRIMARY KEY, name STRING, liked BOOLEAN);
                INSERT INTO genre VALUES (1, 'drama', TRUE), (2, NULL, FALSE);
                SELECT * FROM nope;
                SELECT * FROM genre
                """, TIMEOUT);
        assertEquals(1, r.exit());
        assertEquals("Created table genre\nCreated 2 rows\n1|drama|TRUE\n2|NULL|FALSE\n", r.out());
        assertTrue(r.err().startsWith("Error [42P01]: table nope does not exist"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void transactionsPrintTheirMessages() {
        Command.Result r = Command.of("mynode", "-p", port("mynode1")).run("""
                CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
                BEGIN;
                INSERT INTO account VALUES (1, 100);
                UPDATE account SET balance = 90 WHERE id = 1;
                COMMIT;
                BEGIN;
                DELETE FROM account WHERE id = 1;
                ROLLBACK;
                SELECT balance FROM account;
                """, TIMEOUT);
        assertEquals(0, r.exit(), r.err());
        assertTrue(Pattern.compile("""
                Created table account
                Began transaction (\\d+)
                Created 1 row
                Updated 1 row
                Committed transaction \\1
                Began transaction (\\d+)
                Deleted 1 row
                Rolled back transaction \\2
                90
                """).matcher(r.out()).matches(), r.out());
    }

    @Test
    void executeAndFileRunTheirStatements(@TempDir Path files) throws IOException {
        Path script = files.resolve("script.sql");
        Files.writeString(script, "CREATE TABLE f (id INTEGER PRIMARY KEY);\nINSERT INTO f VALUES (7);\n");
        Command.Result fromFile = Command.of("mynode", "-p", port("mynode3"), "-f", script.toString()).run("", TIMEOUT);
        assertEquals(0, fromFile.exit(), fromFile.err());
        assertEquals("Created table f\nCreated 1 row\n", fromFile.out());
        Command.Result inline = Command.of("mynode", "-p", port("mynode3"), "-e", "SELECT * FROM f; !tables").run("", TIMEOUT);
        assertEquals(0, inline.exit(), inline.err());
        assertTrue(inline.out().startsWith("7\n"), inline.out());
        assertTrue(inline.out().lines().anyMatch("f"::equals), inline.out());
    }

    @Test
    void statusOnAFollowerShowsEveryNodesMatchIndexAsTheLeaderReportsIt() throws InterruptedException {
        String leader = cluster.awaitLeader(TIMEOUT);
        String follower = leader.equals("mynode1") ? "mynode2" : "mynode1";
        Command.Result r = Command.of("mynode", "-p", port(follower), "-e", "!status").run("", TIMEOUT);
        assertEquals(0, r.exit(), r.err());
        String match = r.out().lines().filter(l -> l.startsWith("Match:")).findFirst().orElse("");
        // Leadership may move between the two calls; whoever leads then must still be named.
        assertTrue(Pattern.compile("Match: +mynode\\d=\\d+ mynode\\d=\\d+ mynode\\d=\\d+"
                + "( \\(as reported by leader mynode\\d\\))?").matcher(match).matches(), r.out());
        if (r.out().contains("), follower\n")) {
            assertTrue(match.contains("(as reported by leader "), r.out());
        }
    }

    /**
     * The interactive REPL on a pseudo-terminal ({@code script} from util-linux provides it): the
     * banner, the prompts and the output as a user sees them.
     */
    @Test
    void onATerminalItShowsTheBannerAndPrompts() throws IOException, InterruptedException {
        Path script = Path.of("/usr/bin/script");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(script),
                "needs util-linux's script(1) for a pseudo-terminal");
        String mynode = Cluster.HOME.resolve("bin/mynode") + " -p " + port("mynode3");
        Process p = new ProcessBuilder(script.toString(), "-qfec", mynode, "/dev/null")
                .redirectErrorStream(true).start();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Thread pump = Command.pump(p.getInputStream(), screen);
        try {
            OutputStream keys = p.getOutputStream();
            await(screen, "Enter !help for instructions.");
            for (String line : List.of(
                    "CREATE TABLE tty (id INTEGER PRIMARY KEY, v STRING)",
                    "INSERT INTO tty VALUES (1, 'a'),", // continues on the next line
                    "(2, 'b')",
                    "BEGIN",
                    "SELECT v FROM tty WHERE id = 2",
                    "COMMIT",
                    "!headers on",
                    "SELECT * FROM tty")) {
                keys.write((line + "\r").getBytes(StandardCharsets.UTF_8));
                keys.flush();
                Thread.sleep(300);
            }
            await(screen, "2|b");
            keys.write(4); // Ctrl-D
            keys.flush();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the REPL ends on Ctrl-D");
            pump.join(5000);
            String text = plain(screen);
            assertTrue(text.contains("Connected to node \"mynode3\" (version 0.1.0). Enter !help for instructions."), text);
            assertTrue(text.contains("mynode> "), text);
            assertTrue(Pattern.compile("mynode:\\d+> ").matcher(text).find(), text);
            assertTrue(text.contains("Created table tty"), text);
            assertTrue(text.contains("Created 2 rows"), text);
            assertTrue(text.contains("\nb"), text);
            assertTrue(text.contains("id|v"), text);
        } finally {
            p.destroyForcibly();
        }
    }

    private static void await(ByteArrayOutputStream screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!plain(screen).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw '" + text + "' on the terminal:\n" + plain(screen));
            }
            Thread.sleep(100);
        }
    }

    /** The terminal's output without escape sequences and carriage returns. */
    static String plain(ByteArrayOutputStream screen) {
        String s;
        synchronized (screen) {
            s = screen.toString(StandardCharsets.UTF_8);
        }
        return s.replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("\u001B[()][0-9A-B]", "")
                .replaceAll("\u001B[=>]", "").replace("\r", "");
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
