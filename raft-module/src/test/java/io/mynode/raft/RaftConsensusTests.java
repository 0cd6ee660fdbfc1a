package io.mynode.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.consensus.Applied;
import io.mynode.kernel.consensus.Consensus;
import io.mynode.kernel.consensus.ConsensusContext;
import io.mynode.kernel.consensus.ConsensusProvider;
import io.mynode.kernel.consensus.PeerNetwork;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.OutcomeUnknownException;
import io.mynode.kernel.error.UnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real {@link Consensus} instances (driver threads, segmented logs on disk) over an in-memory network. */
class RaftConsensusTests {
    private static final List<String> IDS = List.of("n1", "n2", "n3");

    @TempDir
    Path dir;

    private final MemoryNetwork network = new MemoryNetwork();
    private final Map<String, KvMachine> machines = new HashMap<>();
    private final Map<String, Consensus> nodes = new LinkedHashMap<>();

    /** Delivers on one thread per destination, so {@code send} never blocks; a node marked down gets nothing. */
    static final class MemoryNetwork {
        final Map<String, PeerNetwork.Receiver> receivers = new ConcurrentHashMap<>();
        final Map<String, ExecutorService> lines = new ConcurrentHashMap<>();
        final Set<String> down = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();

        PeerNetwork forNode(String self) {
            return new PeerNetwork() {
                @Override
                public void send(String to, byte[] message) {
                    sent.computeIfAbsent(self, k -> new AtomicLong()).incrementAndGet();
                    deliver(self, to, message);
                }

                @Override
                public void receiver(Receiver receiver) {
                    receivers.put(self, receiver);
                }
            };
        }

        void deliver(String from, String to, byte[] message) {
            if (down.contains(from) || down.contains(to)) {
                return;
            }
            lines.computeIfAbsent(to, k -> Executors.newSingleThreadExecutor()).execute(() -> {
                PeerNetwork.Receiver r = receivers.get(to);
                if (r != null && !down.contains(to)) {
                    r.receive(from, message);
                }
            });
        }

        void close() {
            lines.values().forEach(ExecutorService::shutdownNow);
        }
    }

    private static NodeConfig config(String id, Path dir, Map<String, String> raft) {
        Map<String, String> values = new HashMap<>();
        values.put("node.id", id);
        values.put("cluster.peers", "n1=127.0.0.1:7001,n2=127.0.0.1:7002,n3=127.0.0.1:7003");
        values.put("data.dir", dir.toString());
        values.put("raft.tick.ms", "10");
        values.put("raft.timeout.ms", "3000");
        values.put("raft.snapshot.entries", "50");
        values.put("raft.segment.bytes", "8192");
        raft.forEach((k, v) -> values.put("raft." + k, v));
        return NodeConfig.fromMap(values, Map.of(), Plugins.configSchema());
    }

    private Consensus start(String id, Map<String, String> raft) {
        KvMachine machine = machines.computeIfAbsent(id, k -> new KvMachine((index, command) -> { }));
        NodeConfig config = config(id, dir.resolve(id), raft);
        Consensus c = new RaftProvider().start(new ConsensusContext(config, config.settings("raft"), dir.resolve(id),
                machine, network.forNode(id)));
        nodes.put(id, c);
        return c;
    }

    private void startAll() {
        IDS.forEach(id -> start(id, Map.of()));
    }

    @AfterEach
    void closeAll() {
        nodes.values().forEach(Consensus::close);
        network.close();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    private String awaitLeader() throws InterruptedException {
        String[] leader = new String[1];
        await("every node follows one leader", () -> {
            var first = nodes.values().iterator().next().status().leader();
            if (first.isEmpty() || !nodes.containsKey(first.get())
                    || !nodes.get(first.get()).status().role().equals("leader")) {
                return false;
            }
            leader[0] = first.get();
            return nodes.values().stream().allMatch(c -> c.status().leader().equals(first));
        });
        return leader[0];
    }

    private long highestApplied() {
        return nodes.values().stream().mapToLong(c -> c.status().appliedIndex()).max().orElseThrow();
    }

    private static <T> T join(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void theProviderIsFoundByNameThroughServiceLoader() {
        assertTrue(ServiceLoader.load(ConsensusProvider.class).stream().anyMatch(p -> p.get().name().equals("raft")));
    }

    @Test
    void anUnknownOrOutOfRangeSettingStopsTheNodeAtBoot() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> start("n1", Map.of("election.tick", "5")));
        assertTrue(unknown.getMessage().contains("raft.election.tick"), unknown.getMessage());
        assertThrows(ConfigException.class, () -> start("n1", Map.of("heartbeat.ticks", "50")));
    }

    /**
     * Messages the leader sent during 300 reads on it one after the other, and how many regular
     * heartbeats (one to each of two followers every 2 ticks of 10 ms) fit in the time they took.
     * Measured again if leadership moved meanwhile (the reads were then forwarded).
     */
    private long[] messagesForLeaderReads(boolean lease) throws Exception {
        IDS.forEach(id -> start(id, Map.of("read.lease", Boolean.toString(lease))));
        for (int attempt = 1; ; attempt++) {
            String leader = awaitLeader();
            long term = nodes.get(leader).status().term();
            join(nodes.get(leader).propose(KvMachine.put("k", "v")));
            join(nodes.get(leader).readIndex());
            AtomicLong sent = network.sent.get(leader);
            long before = sent.get();
            long t0 = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                join(nodes.get(leader).readIndex());
            }
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            long messages = sent.get() - before;
            var status = nodes.get(leader).status();
            if (attempt < 3 && (!status.role().equals("leader") || status.term() != term)) {
                continue;
            }
            System.out.printf("300 reads on the leader, lease %s: %d ms, %d messages sent by the leader%n",
                    lease ? "on" : "off", elapsedMs, messages);
            return new long[] {messages, 2 * (elapsedMs / 20 + 2)};
        }
    }

    /** The driver's read lease on the real clock: a leased read is answered at once, no round. */
    @Test
    void withTheReadLeaseALeaderSendsOnlyItsRegularHeartbeatsWhileServingReads() throws Exception {
        long[] r = messagesForLeaderReads(true);
        // Slack for a lease that lapsed because the machine stalled the raft thread.
        assertTrue(r[0] <= r[1] + 20, r[0] + " messages for 300 leased reads; regular heartbeats: " + r[1]);
    }

    @Test
    void withoutTheReadLeaseEveryReadCostsAHeartbeatToEachFollower() throws Exception {
        long[] r = messagesForLeaderReads(false);
        assertTrue(r[0] >= 600, r[0] + " messages for 300 reads without a lease");
    }

    @Test
    void aProposalTooLargeForAPeerMessageIsRefusedBeforeItIsLogged() throws Exception {
        startAll();
        String leader = awaitLeader();
        long term = nodes.get(leader).status().term();
        Applied first = join(nodes.get(leader).propose(KvMachine.put("k", "before")));
        byte[] huge = new byte[RaftConsensus.MAX_PROPOSAL_BYTES + 1];
        huge[0] = 1;
        Exception e = assertThrows(io.mynode.kernel.error.InvalidInputException.class,
                () -> join(nodes.get(leader).propose(huge)));
        assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
        Applied next = join(nodes.get(leader).propose(KvMachine.put("k", "after")));
        if (nodes.get(leader).status().term() == term) { // no election (and its no-op entry) meanwhile
            assertEquals(first.index() + 1, next.index(), "only the small proposals were logged");
        }
    }

    @Test
    void theLargestProposalStillFitsTheCommandSizeEveryPeerBelieves() {
        String longestClientId = "n".repeat(64) + "/" + java.util.UUID.randomUUID() + "." + Integer.MAX_VALUE;
        byte[] command = CommandCodec.encode(new io.mynode.kernel.consensus.Command(longestClientId, Long.MAX_VALUE,
                new byte[RaftConsensus.MAX_PROPOSAL_BYTES]));
        assertTrue(command.length <= io.mynode.raft.core.Bounds.MAX_COMMAND_BYTES, command.length + " bytes");
    }

    @Test
    void aProposalThroughAFollowerIsAppliedThereAndReadableEverywhere() throws Exception {
        startAll();
        String leader = awaitLeader();
        String follower = IDS.stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        Applied applied = join(nodes.get(follower).propose(KvMachine.put("k", "v1")));
        assertTrue(applied.index() > 0);
        assertEquals("", new String(applied.result(), StandardCharsets.UTF_8), "no previous value");
        assertEquals("v1", machines.get(follower).get("k").orElseThrow(), "applied on the proposing node before completing");
        Applied second = join(nodes.get(follower).propose(KvMachine.put("k", "v2")));
        assertEquals("v1", new String(second.result(), StandardCharsets.UTF_8));
        for (String id : IDS) {
            long index = join(nodes.get(id).readIndex());
            assertTrue(index >= second.index(), id + " read index " + index + " is before the acknowledged write");
            assertEquals("v2", machines.get(id).get("k").orElseThrow(), id + " serves the acknowledged write");
        }
        var status = nodes.get(awaitLeader()).status(); // leadership may have moved under load
        assertEquals(Set.copyOf(IDS), status.matchIndex().keySet());
        assertTrue(status.commitIndex() >= second.index());
    }

    @Test
    void manyConcurrentProposalsAreBatchedAndAllApplyExactlyOnce() throws Exception {
        startAll();
        String leader = awaitLeader();
        List<CompletableFuture<Applied>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            futures.add(nodes.get(IDS.get(i % 3)).propose(KvMachine.put("key" + i, "v" + i)));
        }
        for (CompletableFuture<Applied> f : futures) {
            join(f);
        }
        // Every proposer applied its own entries before its future completed, so the highest applied
        // index covers them all (the node that led at the start may have lost leadership since).
        long commit = highestApplied();
        await("every node applied everything", () -> IDS.stream().allMatch(id -> nodes.get(id).status().appliedIndex() >= commit));
        StringBuilder state = new StringBuilder();
        for (String id : IDS) {
            state.append(id).append(": ").append(nodes.get(id).status()).append(" keys=").append(machines.get(id).data().size())
                    .append(" machineApplied=").append(machines.get(id).appliedIndex()).append(" snapshotIn=")
                    .append(java.nio.file.Files.exists(dir.resolve(id).resolve("snapshot-in.bin"))).append('\n');
        }
        for (String id : IDS) {
            assertEquals(500, machines.get(id).data().size(), id + "\n" + state);
        }
    }

    @Test
    void aStalledNodeDropsPeerMessagesOverItsInboxBytesInsteadOfQueueingThem() throws Exception {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        String[] stalled = new String[1];
        for (String id : IDS) {
            machines.put(id, new KvMachine((index, command) -> {
                if (id.equals(stalled[0]) && new String(command, StandardCharsets.UTF_8).contains("put stall")) {
                    held.countDown();
                    try {
                        release.await(); // holds this node's Raft thread, as a CPU-starved node would be held
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
        }
        IDS.forEach(id -> start(id, Map.of("inbox.bytes", "1m")));
        String leader = awaitLeader();
        stalled[0] = leader;
        CompletableFuture<Applied> stall = nodes.get(leader).propose(KvMachine.put("stall", "1"));
        assertTrue(held.await(20, TimeUnit.SECONDS), "the leader's Raft thread is held in apply");
        PeerNetwork.Receiver receiver = network.receivers.get(leader);
        String other = IDS.stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        for (int i = 0; i < 100; i++) {
            receiver.receive(other, new byte[64 << 10]); // 6.4 MiB in all, over the 1 MiB budget
        }
        long dropped = ((RaftConsensus) nodes.get(leader)).droppedMessages();
        assertTrue(dropped >= 100 - 16 && dropped <= 100, "dropped " + dropped + " of 100 messages of 64 KiB");
        release.countDown();
        join(stall);
        Applied after = join(nodes.get(leader).propose(KvMachine.put("k", "after the stall")));
        assertTrue(after.index() > 0, "the node serves again once it runs");
    }

    @Test
    void aRestartedFollowerCatchesUpAndGarbageFromAPeerIsDropped() throws Exception {
        startAll();
        String leader = awaitLeader();
        String follower = IDS.stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        network.deliver(follower, leader, new byte[] {1, 2, 3});
        network.deliver(follower, leader, "not a raft message at all".getBytes(StandardCharsets.UTF_8));
        nodes.remove(follower).close();
        network.down.add(follower);
        machines.get(follower).crash(); // what it had not flushed is lost, as in a crash
        for (int i = 0; i < 120; i++) { // past raft.snapshot.entries: the follower will need a snapshot
            join(nodes.get(leader).propose(KvMachine.put("k" + i, "v" + i)));
        }
        network.down.remove(follower);
        start(follower, Map.of());
        long commit = highestApplied();
        await("the restarted follower caught up", () -> nodes.get(follower).status().appliedIndex() >= commit);
        assertEquals("v119", machines.get(follower).get("k119").orElseThrow());
        assertTrue(java.nio.file.Files.exists(dir.resolve(follower).resolve("snapshot-in.bin")),
                "the leader had compacted the entries the follower missed, so it caught up by snapshot");
        assertTrue(((RaftConsensus) nodes.get(leader)).malformedMessages() >= 2, "garbage was counted");
        Applied stillServing = join(nodes.get(leader).propose(KvMachine.put("k", "after garbage")));
        assertTrue(stillServing.index() > commit, "the node that got garbage still serves proposals");
    }

    /**
     * Issue 15.1: one message claiming term 2^63-1 once left the cluster without a leader for
     * good (the next election overflowed the term, and every message after was malformed). Such
     * a message is dropped before it touches a node's term, so elections, restarts included, go
     * on as before and no term ever nears the bound.
     */
    @Test
    void aPeerClaimingAnAbsurdTermIsDroppedAndTheClusterKeepsElectingLeadersAcrossRestarts() throws Exception {
        startAll();
        String leader = awaitLeader();
        String liar = IDS.stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        for (String to : IDS) {
            if (!to.equals(liar)) {
                for (io.mynode.raft.core.Message m : List.of(new io.mynode.raft.core.Message.Heartbeat(0, 0),
                        new io.mynode.raft.core.Message.VoteRequest(false, Long.MAX_VALUE, Long.MAX_VALUE),
                        new io.mynode.raft.core.Message.Commit(Long.MAX_VALUE))) {
                    network.deliver(liar, to, io.mynode.raft.core.Codec.encode(
                            new io.mynode.raft.core.Envelope(liar, to, Long.MAX_VALUE, m)));
                }
            }
        }
        await("the lies were dropped", () -> IDS.stream().filter(id -> !id.equals(liar))
                .mapToLong(id -> ((RaftConsensus) nodes.get(id)).unbelievableMessages()).sum() == 6);
        join(nodes.get(liar).propose(KvMachine.put("k", "after the lie")));
        for (String id : IDS) { // every node must elect again: the next term must not overflow
            nodes.remove(id).close();
        }
        startAll();
        awaitLeader();
        join(nodes.get(liar).propose(KvMachine.put("k", "after a restart")));
        for (String id : IDS) {
            assertTrue(nodes.get(id).status().term() < 1000, id + " " + nodes.get(id).status());
        }
    }

    @Test
    void aForwardedCommandThatIsNotACommandIsSkippedEverywhereAndTheClusterGoesOn() throws Exception {
        startAll();
        String leader = awaitLeader();
        String follower = IDS.stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
        long before = highestApplied();
        // A peer forwards a "command" that is not one (sent again until some leader has taken it).
        await("the forged entry is committed", () -> {
            String current = nodes.get(follower).status().leader().orElse(leader);
            String from = IDS.stream().filter(id -> !id.equals(current)).findFirst().orElseThrow();
            network.deliver(from, current, io.mynode.raft.core.Codec.encode(new io.mynode.raft.core.Envelope(from, current,
                    nodes.get(from).status().term(), new io.mynode.raft.core.Message.Forward(List.of(new byte[] {(byte) 0xc0})))));
            return highestApplied() > before;
        });
        Applied after = join(nodes.get(follower).propose(KvMachine.put("k", "still fine")));
        assertTrue(after.index() > before + 1);
        for (String id : IDS) {
            join(nodes.get(id).readIndex());
            assertEquals("still fine", machines.get(id).get("k").orElseThrow(), id);
        }
    }

    @Test
    void withoutAQuorumProposalsFailWithADistinctErrorAndClosingFailsTheRest() throws Exception {
        IDS.forEach(id -> start(id, Map.of("timeout.ms", "400", "check.quorum", "false"))); // the leader keeps leading alone
        String leader = awaitLeader();
        for (String id : IDS) {
            if (!id.equals(leader)) {
                network.down.add(id);
            }
        }
        Exception e = assertThrows(Exception.class, () -> join(nodes.get(leader).propose(KvMachine.put("k", "lost?"))));
        assertTrue(e instanceof OutcomeUnknownException, "logged on the leader but never committed: " + e);
        Consensus c = nodes.get(leader);
        CompletableFuture<Applied> pending = c.propose(KvMachine.put("k", "pending"));
        c.close();
        Exception closed = assertThrows(Exception.class, () -> join(pending));
        assertTrue(closed instanceof UnavailableException || closed instanceof OutcomeUnknownException, closed.toString());
        Exception after = assertThrows(Exception.class, () -> join(c.propose(KvMachine.put("k", "after"))));
        assertTrue(after instanceof UnavailableException, after.toString());
        assertTrue(((MynodeException) after).retryable());
    }
}
