package io.mynode.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.error.SerializationFailure;
import io.mynode.kernel.error.SyntaxException;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.StatementResult.RowsAffected;
import io.mynode.kernel.sql.StatementResult.TransactionChanged;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.transport.NodeStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ShellTests {
    final StringWriter output = new StringWriter();
    final PrintWriter out = new PrintWriter(output);

    /** A node that knows the issue's movie transcript. */
    static StatementResult movies(String sql) {
        return switch (sql) {
            case "CREATE TABLE movie (id INTEGER PRIMARY KEY, title VARCHAR NOT NULL)" ->
                    new StatementResult.SchemaChanged("Created table movie");
            case "INSERT INTO movie VALUES (1, 'Sicario'), (2, 'Stalker'), (3, 'Her')" ->
                    new RowsAffected(RowsAffected.Verb.CREATED, 3);
            case "SELECT * FROM movie" -> rows(List.of("id", "title"),
                    List.of(Value.of(1), Value.of("Sicario")),
                    List.of(Value.of(2), Value.of("Stalker")),
                    List.of(Value.of(3), Value.of("Her")));
            case "SELECT NULL, TRUE, FALSE, 1.5" -> rows(List.of("a", "b", "c", "d"),
                    List.of(Value.NULL, Value.TRUE, Value.FALSE, Value.of(1.5)));
            default -> throw new SyntaxException("unexpected token at '" + sql + "'");
        };
    }

    @SafeVarargs
    static StatementResult rows(List<String> columns, List<Value>... rows) {
        List<List<Value>> all = new java.util.ArrayList<>();
        for (List<Value> row : rows) {
            all.add(row);
        }
        return StatementResult.Rows.untyped(columns, RowStream.of(all.iterator()));
    }

    /** The other nodes the shell can reach, by address; see {@link FakeConnection#leaderStatus}. */
    final Map<HostPort, FakeConnection> reachable = new HashMap<>();
    Duration leaderDeadline = Duration.ofSeconds(5);

    Shell shell(FakeConnection connection) {
        return new Shell(connection, FakeConnection.leaderStatus(reachable, leaderDeadline), out, out);
    }

    /** mynode1 as leader of five nodes, its match indexes {@code 120, 120, 119, 120, 118}. */
    static FakeConnection leader() {
        FakeConnection leader = new FakeConnection(ShellTests::movies);
        Map<String, Long> match = new LinkedHashMap<>();
        match.put("mynode1", 120L);
        match.put("mynode2", 120L);
        match.put("mynode3", 119L);
        match.put("mynode4", 120L);
        match.put("mynode5", 118L);
        leader.status = new NodeStatus("mynode1", "test-cluster", "0.1.0",
                new ConsensusStatus("mynode1", "leader", Optional.of("mynode1"), 3, 120, 120, match),
                new StorageStatus("btree", 10, 8192, Map.of()), FakeConnection.addresses(5));
        return leader;
    }

    @Nested
    class Statements {
        @Test
        void theIssueTranscriptPrintsExactlyItsLines() throws IOException {
            Shell shell = shell(new FakeConnection(ShellTests::movies));
            Main.script(shell, new StringReader("""
                    CREATE TABLE movie (id INTEGER PRIMARY KEY, title VARCHAR NOT NULL)
                    INSERT INTO movie VALUES (1, 'Sicario'), (2, 'Stalker'), (3, 'Her')
                    SELECT * FROM movie
                    """));
            assertEquals("""
                    Created table movie
                    Created 3 rows
                    1|Sicario
                    2|Stalker
                    3|Her
                    """, output.toString());
            assertFalse(shell.failed());
        }

        @Test
        void valuesPrintAsNullTrueFalseAndNumbers() {
            shell(new FakeConnection(ShellTests::movies)).run("SELECT NULL, TRUE, FALSE, 1.5");
            assertEquals("NULL|TRUE|FALSE|1.5\n", output.toString());
        }

        @Test
        void headersPrintColumnNamesAboveRowsWhenOn() {
            Shell shell = shell(new FakeConnection(ShellTests::movies));
            shell.run("!headers on\nSELECT * FROM movie\n!headers off\nSELECT * FROM movie");
            assertEquals("Headers on\nid|title\n1|Sicario\n2|Stalker\n3|Her\nHeaders off\n1|Sicario\n2|Stalker\n3|Her\n",
                    output.toString());
        }

        @Test
        void anErrorPrintsAndTheShellGoesOn() {
            FakeConnection node = new FakeConnection(ShellTests::movies);
            Shell shell = shell(node);
            assertFalse(shell.run("SELEKT 1; SELECT NULL, TRUE, FALSE, 1.5"));
            assertEquals("Error [42601]: unexpected token at 'SELEKT 1'\nNULL|TRUE|FALSE|1.5\n", output.toString());
            assertTrue(shell.failed());
            assertEquals(1, node.sessionsOpened, "the session survives an error");
        }

        @Test
        void aLostConnectionIsAnErrorNotACrash() {
            Shell shell = shell(new FakeConnection(sql -> {
                throw new UnavailableException("node 127.0.0.1:9605 is unreachable");
            }));
            assertFalse(shell.run("SELECT 1"));
            assertEquals("Error [08006]: node 127.0.0.1:9605 is unreachable\n", output.toString());
        }

        @Test
        void rowStreamsAreClosedEvenWhenPrintingFails() {
            List<String> closed = new ArrayList<>();
            Iterator<List<Value>> failing = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public List<Value> next() {
                    throw new SerializationFailure("conflict while reading");
                }
            };
            Shell shell = shell(new FakeConnection(sql -> StatementResult.Rows.untyped(List.of("a"), new RowStream() {
                @Override
                public boolean hasNext() {
                    return failing.hasNext();
                }

                @Override
                public List<Value> next() {
                    return failing.next();
                }

                @Override
                public void close() {
                    closed.add(sql);
                }
            })));
            assertFalse(shell.run("SELECT a FROM t"));
            assertEquals(List.of("SELECT a FROM t"), closed);
            assertEquals("Error [40001]: conflict while reading\n", output.toString());
        }

        @Test
        void closingTheShellClosesItsSession() {
            FakeConnection node = new FakeConnection(ShellTests::movies);
            Shell shell = shell(node);
            shell.run("SELECT * FROM movie");
            shell.close();
            assertEquals(1, node.sessionsClosed);
            assertFalse(node.closed, "the connection belongs to the caller");
        }
    }

    @Nested
    class Prompt {
        @Test
        void showsTheTransaction() {
            FakeConnection node = new FakeConnection(sql -> switch (sql) {
                case "BEGIN" -> new TransactionChanged(TransactionChanged.Action.BEGAN, 7, 7, false);
                case "BEGIN READ ONLY" -> new TransactionChanged(TransactionChanged.Action.BEGAN, 8, 6, true);
                default -> new TransactionChanged(TransactionChanged.Action.COMMITTED, 7, 7, false);
            });
            Shell shell = shell(node);
            assertEquals("mynode> ", shell.prompt());
            shell.run("BEGIN");
            node.transaction = Optional.of(new Session.TransactionInfo(7, 7, false));
            assertEquals("mynode:7> ", shell.prompt());
            shell.run("COMMIT");
            node.transaction = Optional.empty();
            assertEquals("mynode> ", shell.prompt());
            shell.run("BEGIN READ ONLY");
            node.transaction = Optional.of(new Session.TransactionInfo(8, 6, true));
            assertEquals("mynode@6> ", shell.prompt());
            assertEquals("Began transaction 7\nCommitted transaction 7\nBegan read-only transaction at version 6\n",
                    output.toString());
        }
    }

    @Nested
    class Commands {
        @Test
        void tablesListsOnePerLine() {
            FakeConnection node = new FakeConnection(ShellTests::movies);
            node.tables.put("genre", "CREATE TABLE genre (id INTEGER PRIMARY KEY)");
            node.tables.put("movie", "CREATE TABLE movie (id INTEGER PRIMARY KEY, title STRING NOT NULL)");
            Shell shell = shell(node);
            assertTrue(shell.run("!tables\n!table movie"));
            assertEquals("genre\nmovie\nCREATE TABLE movie (id INTEGER PRIMARY KEY, title STRING NOT NULL)\n",
                    output.toString());
        }

        @Test
        void tableOfAMissingTableIsAnError() {
            Shell shell = shell(new FakeConnection(ShellTests::movies));
            assertFalse(shell.run("!table nope"));
            assertEquals("Error [42P01]: table nope does not exist\n", output.toString());
        }

        @Test
        void statusOnAFollowerShowsEachNodesMatchIndexAsTheLeaderReportsIt() throws InterruptedException {
            FakeConnection leader = leader();
            reachable.put(new HostPort("127.0.0.1", 9601), leader);
            Shell shell = shell(new FakeConnection(ShellTests::movies));
            assertTrue(shell.run("!status"));
            assertEquals("""
                    Node:     mynode5 (version 0.1.0), follower
                    Leader:   mynode1, term 3
                    Log:      commit index 42, applied index 41
                    Match:    mynode1=120 mynode2=120 mynode3=119 mynode4=120 mynode5=118 (as reported by leader mynode1)
                    Storage:  btree, 10 keys, 8192 bytes on disk
                              pages=2
                    """, output.toString());
            // The leader's connection is closed on the asking thread once the reply is handed over.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!leader.closed && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(leader.closed, "the connection to the leader is closed after the call");
        }

        @Test
        void statusOnAFollowerWhoseLeaderIsUnreachableSaysWhy() {
            Shell shell = shell(new FakeConnection(ShellTests::movies));
            assertTrue(shell.run("!status"));
            assertEquals("""
                    Node:     mynode5 (version 0.1.0), follower
                    Leader:   mynode1, term 3
                    Log:      commit index 42, applied index 41
                    Match:    known only on the leader (mynode1); leader mynode1 at 127.0.0.1:9601 did not answer: \
                    asking 127.0.0.1:9601 for its status: UNAVAILABLE: connection refused
                    Storage:  btree, 10 keys, 8192 bytes on disk
                              pages=2
                    """, output.toString());
            assertFalse(shell.failed(), "the follower's own status was printed; only the leader's part is missing");
        }

        @Test
        void statusDoesNotWaitLongerThanItsDeadlineForAHangingLeader() throws InterruptedException {
            CountDownLatch release = new CountDownLatch(1);
            FakeConnection hanging = new FakeConnection(ShellTests::movies) {
                @Override
                public NodeStatus status() {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return leader().status;
                }
            };
            reachable.put(new HostPort("127.0.0.1", 9601), hanging);
            leaderDeadline = Duration.ofMillis(200);
            Shell shell = shell(new FakeConnection(ShellTests::movies));
            long start = System.nanoTime();
            try {
                assertTrue(shell.run("!status"));
            } finally {
                release.countDown();
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis < 3_000, "waited " + tookMillis + " ms");
            assertTrue(output.toString().contains(
                    "Match:    known only on the leader (mynode1); leader mynode1 at 127.0.0.1:9601 did not answer within 200 ms\n"),
                    output.toString());
        }

        @Test
        void statusWithNoLeaderKnownSaysOnlyThat() {
            FakeConnection node = new FakeConnection(ShellTests::movies);
            node.status = new NodeStatus("mynode5", "test-cluster", "0.1.0",
                    new ConsensusStatus("mynode5", "candidate", Optional.empty(), 4, 42, 41, Map.of()),
                    new StorageStatus("btree", 10, 8192, Map.of()), FakeConnection.addresses(5));
            shell(node).run("!status");
            assertTrue(output.toString().contains("Leader:   none known, term 4\n"), output.toString());
            assertTrue(output.toString().contains("Match:    known only on the leader\n"), output.toString());
        }

        @Test
        void statusOnTheLeaderShowsEachNodesMatchIndex() {
            FakeConnection node = new FakeConnection(ShellTests::movies);
            node.status = new NodeStatus("mynode1", "test-cluster", "0.1.0",
                    new ConsensusStatus("mynode1", "leader", Optional.of("mynode1"), 3, 42, 42,
                            new java.util.TreeMap<>(Map.of("mynode1", 42L, "mynode2", 40L))),
                    new StorageStatus("lsm", 0, 0, Map.of()), FakeConnection.addresses(2));
            shell(node).run("!status");
            assertTrue(output.toString().contains("Match:    mynode1=42 mynode2=40\n"), output.toString());
        }

        @Test
        void wrongUseIsAnErrorThatNamesTheRightUse() {
            Shell shell = shell(new FakeConnection(ShellTests::movies));
            assertFalse(shell.run("!headers maybe\n!frobnicate\n!tables now"));
            assertEquals("""
                    Error: !headers takes on or off
                    Error: unknown command !frobnicate; enter !help for instructions
                    Error: !tables takes no argument
                    """, output.toString());
        }

        @Test
        void helpNamesEveryCommand() {
            shell(new FakeConnection(ShellTests::movies)).run("!help");
            for (String command : Interactive.COMMANDS) {
                assertTrue(output.toString().contains(command), command);
            }
        }
    }
}
