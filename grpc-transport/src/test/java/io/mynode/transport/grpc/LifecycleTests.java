package io.mynode.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.Providers;
import io.mynode.kernel.client.Clients;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.OutcomeUnknownException;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.transport.ClientService;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.Transport;
import io.mynode.kernel.transport.TransportContext;
import io.mynode.kernel.transport.TransportProvider;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Starting (configuration, discovery, binding) and stopping (graceful, then forced). */
class LifecycleTests {

    static Connection connect(GrpcTransport node) {
        return new GrpcTransportProvider().connect(new HostPort("127.0.0.1", node.port()));
    }

    static GrpcTransport serving(String id, FakeSqlEngine engine, Map<String, String> grpc) {
        GrpcTransport node = TestNodes.start(TestNodes.single(id, grpc));
        node.serve(new ClientService(engine, () -> TestNodes.status(id)));
        return node;
    }

    @Nested
    class Starting {
        @Test
        void theProviderIsFoundByNameAndClientsReachTheNodeThroughTheKernel() {
            TransportProvider provider = Providers.select(TransportProvider.class, "grpc");
            assertInstanceOf(GrpcTransportProvider.class, provider);
            try (Transport t = provider.start(transportContext(TestNodes.single("n1", Map.of())))) {
                t.serve(new ClientService(new FakeSqlEngine(), () -> TestNodes.status("n1")));
                int port = ((GrpcTransport) t).port();
                try (Connection c = Clients.connect(new HostPort("127.0.0.1", port))) {
                    assertEquals("n1", c.status().nodeId());
                }
            }
        }

        @Test
        void anUnknownKeyIsRefusedByName() {
            var e = assertThrows(ConfigException.class,
                    () -> TestNodes.start(TestNodes.single("n1", Map.of("max.mesage.bytes", "1m"))));
            assertTrue(e.getMessage().contains("grpc.max.mesage.bytes"), e.getMessage());
        }

        @Test
        void aValueOutOfRangeIsRefused() {
            var e = assertThrows(ConfigException.class,
                    () -> TestNodes.start(TestNodes.single("n1", Map.of("peer.queue", "0"))));
            assertTrue(e.getMessage().contains("grpc.peer.queue"), e.getMessage());
            assertThrows(ConfigException.class,
                    () -> TestNodes.start(TestNodes.single("n1", Map.of("shutdown.grace.ms", "soon"))));
        }

        @Test
        void aPortInUseIsUnavailableAndNamesTheAddress() throws Exception {
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                var config = TestNodes.member("n1", Map.of("n1", taken.getLocalPort()), Map.of());
                var e = assertThrows(UnavailableException.class, () -> TestNodes.start(config));
                assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            }
        }

        @Test
        void anUnresolvableListenHostIsAConfigurationError() {
            var config = io.mynode.kernel.config.NodeConfig.fromMap(
                    Map.of("node.id", "n1", "node.listen", "no-such-host.invalid:9601"), Map.of(), Plugins.configSchema());
            var e = assertThrows(ConfigException.class, () -> TestNodes.start(config));
            assertTrue(e.getMessage().contains("node.listen"), e.getMessage());
        }

        @Test
        void servingTwiceIsAProgrammingError() {
            try (GrpcTransport node = serving("n1", new FakeSqlEngine(), Map.of())) {
                assertThrows(IllegalStateException.class,
                        () -> node.serve(new ClientService(new FakeSqlEngine(), () -> TestNodes.status("n1"))));
            }
        }
    }

    @Nested
    class Stopping {
        @Test
        void closeLetsARunningStatementFinishAndEndsIdleSessions() throws Exception {
            FakeSqlEngine engine = new FakeSqlEngine();
            GrpcTransport node = serving("n1", engine, Map.of("shutdown.grace.ms", "20000"));
            try (Connection c = connect(node)) {
                Session busy = c.session();
                Session idle = c.session();
                busy.execute("schema warm");
                idle.execute("begin");
                CompletableFuture<StatementResult> running = CompletableFuture.supplyAsync(() -> busy.execute("sleep 800"));
                TestNodes.await("both sessions are open on the node", Duration.ofSeconds(5), () -> engine.open.size() == 2);
                Thread.sleep(100);
                long t0 = System.nanoTime();
                node.close();
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertEquals(new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.UPDATED, 1),
                        running.get(5, TimeUnit.SECONDS));
                assertTrue(ms < 15_000, "close took " + ms + " ms: it waited out the grace period");
                assertEquals(2, engine.sessionsClosed.get(), "both sessions were closed on the node");
                assertEquals(1, engine.rolledBackOnClose.size(), "the idle session's transaction was rolled back");
                assertThrows(UnavailableException.class, c::status);
            } finally {
                node.close();
            }
        }

        @Test
        void closeCancelsWhatOutlivesTheGracePeriod() throws Exception {
            FakeSqlEngine engine = new FakeSqlEngine();
            GrpcTransport node = serving("n1", engine, Map.of("shutdown.grace.ms", "300"));
            try (Connection c = connect(node)) {
                Session s = c.session();
                CompletableFuture<StatementResult> stuck = CompletableFuture.supplyAsync(() -> s.execute("sleep 30000"));
                TestNodes.await("the statement runs", Duration.ofSeconds(5), () -> engine.open.size() == 1);
                long t0 = System.nanoTime();
                node.close();
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(ms < 10_000, "close took " + ms + " ms, not the grace period");
                var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> stuck.get(10, TimeUnit.SECONDS));
                assertInstanceOf(OutcomeUnknownException.class, e.getCause());
            } finally {
                node.close();
            }
        }

        @Test
        void rowsCutByAForcedCloseEndInAnErrorNeverInAShortResult() throws Exception {
            FakeSqlEngine engine = new FakeSqlEngine();
            GrpcTransport node = serving("n1", engine, Map.of("shutdown.grace.ms", "200"));
            try (Connection c = connect(node)) {
                var rows = ((StatementResult.Rows) c.session().execute("rows 5000000")).rows();
                rows.next();
                node.close();
                long read = 1;
                try {
                    while (rows.hasNext()) {
                        rows.next();
                        read++;
                    }
                    throw new AssertionError("the rows ended cleanly after " + read + " of 5000000");
                } catch (UnavailableException expected) {
                    assertTrue(read < 5_000_000);
                }
            } finally {
                node.close();
            }
        }

        @Test
        void rowsStillStreamingWhenCloseBeginsFinishWithinTheGracePeriod() throws Exception {
            FakeSqlEngine engine = new FakeSqlEngine();
            GrpcTransport node = serving("n1", engine, Map.of("shutdown.grace.ms", "30000"));
            try (Connection c = connect(node)) {
                var rows = ((StatementResult.Rows) c.session().execute("rows 200000")).rows();
                rows.next();
                CompletableFuture<Void> closing = CompletableFuture.runAsync(node::close);
                long read = 1;
                while (rows.hasNext()) {
                    rows.next();
                    read++;
                }
                assertEquals(200_000, read);
                closing.get(15, TimeUnit.SECONDS);
            } finally {
                node.close();
            }
        }

        @Test
        void peerMessagesFlowWhileRunningStatementsFinish() throws Exception {
            var ports = TestNodes.freePorts("a", "b");
            Map<String, String> grpc = new java.util.HashMap<>(PeerNetworkTests.FAST);
            grpc.put("shutdown.grace.ms", "20000");
            FakeSqlEngine engine = new FakeSqlEngine();
            GrpcTransport a = TestNodes.start(TestNodes.member("a", ports, grpc));
            a.serve(new ClientService(engine, () -> TestNodes.status("a")));
            var atA = new java.util.concurrent.LinkedBlockingQueue<String>();
            a.peers().receiver((from, m) -> atA.add(new String(m, java.nio.charset.StandardCharsets.UTF_8)));
            try (GrpcTransport b = TestNodes.start(TestNodes.member("b", ports, grpc));
                    Connection c = connect(a)) {
                TestNodes.await("b reaches a", Duration.ofSeconds(20), () -> b.mesh().link("a").connected());
                Session s = c.session();
                CompletableFuture<StatementResult> running = CompletableFuture.supplyAsync(() -> s.execute("sleep 4000"));
                TestNodes.await("the statement runs", Duration.ofSeconds(5), () -> engine.open.size() == 1);
                CompletableFuture<Void> closing = CompletableFuture.runAsync(a::close);
                Thread.sleep(300);
                assertFalse(closing.isDone(), "close waits for the running statement");
                b.peers().send("a", "during grace".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertEquals("during grace", atA.poll(5, TimeUnit.SECONDS));
                running.get(10, TimeUnit.SECONDS);
                closing.get(10, TimeUnit.SECONDS);
            } finally {
                a.close();
            }
        }

        @Test
        void closeReleasesThePortAndIsIdempotent() {
            var ports = TestNodes.freePorts("n1");
            GrpcTransport first = TestNodes.start(TestNodes.member("n1", ports, Map.of()));
            first.close();
            first.close();
            try (GrpcTransport second = TestNodes.start(TestNodes.member("n1", ports, Map.of()))) {
                assertEquals(ports.get("n1"), second.port());
            }
        }

        @Test
        void peersNoticeANodeThatCloses() {
            var ports = TestNodes.freePorts("a", "b");
            Map<String, String> fast = PeerNetworkTests.FAST;
            try (GrpcTransport a = TestNodes.start(TestNodes.member("a", ports, fast))) {
                GrpcTransport b = TestNodes.start(TestNodes.member("b", ports, fast));
                TestNodes.await("a reaches b", Duration.ofSeconds(10), () -> a.mesh().link("b").connected());
                b.close();
                TestNodes.await("a sees b gone", Duration.ofSeconds(10), () -> !a.mesh().link("b").connected());
                assertFalse(a.mesh().link("b").connected());
                assertSame(a.mesh(), a.peers());
            }
        }
    }

    /** What the kernel hands a transport: the node's configuration and the {@code grpc.*} settings. */
    static TransportContext transportContext(NodeConfig config) {
        return new TransportContext(config, config.settings("grpc"));
    }
}
