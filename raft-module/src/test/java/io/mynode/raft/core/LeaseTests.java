package io.mynode.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.raft.core.Message.Heartbeat;
import io.mynode.raft.core.Message.HeartbeatResponse;
import io.mynode.raft.core.Message.ReadRequest;
import io.mynode.raft.core.Message.ReadResponse;
import io.mynode.raft.core.Message.VoteRequest;
import io.mynode.raft.core.Message.VoteResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Read leases in the core, on a simulated clock that only the tests move: what a leader may
 * answer at once, when it must fall back to a heartbeat round, and the follower's side of the
 * promise (refusing votes, from the start and across stray higher terms).
 */
class LeaseTests {
    private static final long MS = 1_000_000;
    private static final long TICK = 20 * MS;
    private static final long LEASE = RaftConfig.safeLeaseNanos(10, TICK);

    /** Nodes over an in-order network the test pumps, sharing one clock. */
    private static final class Cluster {
        final Map<String, Node> nodes = new TreeMap<>();
        final ArrayDeque<Envelope> queue = new ArrayDeque<>();
        final List<Effect.ReadReady> ready = new ArrayList<>();
        long now = 1_000 * MS; // any origin: monotonic time may be anywhere, negative included
        long sent;
        long nextRead;

        Cluster(int size, long leaseNanos) {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= size; i++) {
                ids.add("n" + i);
            }
            RaftConfig config = new RaftConfig(10, 2, 1 << 20, 8, 1024, true, true, leaseNanos);
            for (int i = 0; i < size; i++) {
                nodes.put(ids.get(i), new Node(ids.get(i), ids, new MemoryLog(), null, config, new SplittableRandom(i + 1),
                        () -> now));
            }
        }

        Node node(String id) {
            return nodes.get(id);
        }

        /** Queues what {@code id} produced; returns the messages it sent. */
        List<Envelope> collect(String id) {
            List<Envelope> out = new ArrayList<>();
            for (Effect e : node(id).drain()) {
                switch (e) {
                    case Effect.Send s -> out.add(s.envelope());
                    case Effect.ReadReady r -> ready.add(r);
                    case Effect.RoleChange c -> { }
                    case Effect.Dropped d -> throw new AssertionError("an honest peer's message was dropped: " + d);
                    case Effect.ChangeAnswered a -> { }
                }
            }
            queue.addAll(out);
            sent += out.size();
            return out;
        }

        void pump() {
            while (!queue.isEmpty()) {
                Envelope env = queue.poll();
                node(env.to()).step(env);
                collect(env.to());
            }
        }

        /** One tick of every node, the clock moving with it; what they sent is dropped. */
        void tickAllSilently() {
            now += TICK;
            for (String id : nodes.keySet()) {
                node(id).tick();
                node(id).drain();
            }
        }

        /**
         * n1 leads: every node ticks past its start-up hold-off (messages dropped), then n1
         * campaigns and the election and the no-op's commit are pumped through. No heartbeat has
         * been sent yet.
         */
        Node electN1() {
            for (int i = 0; i < 10; i++) {
                tickAllSilently();
            }
            Node leader = node("n1");
            leader.campaign();
            collect("n1");
            pump();
            assertTrue(leader.isLeader(), "n1 should have won");
            assertEquals(1, leader.commitIndex(), "the new leader's no-op is committed");
            return leader;
        }

        /** Asks {@code id} for a read index; true when it was ready at once. */
        boolean readNow(String id) {
            int before = ready.size();
            assertTrue(node(id).readIndex(List.of(++nextRead)));
            collect(id);
            return ready.size() > before;
        }
    }

    private static long count(List<Envelope> sent, Class<? extends Message> type) {
        return sent.stream().filter(e -> type.isInstance(e.message())).count();
    }

    @Nested
    class TheLeader {
        @Test
        void withAValidLeaseAnswersAReadAtOnceWithoutSendingAnything() {
            Cluster c = new Cluster(3, LEASE);
            c.electN1();
            c.readNow("n1"); // the first read's heartbeat round gives the lease
            c.pump();
            assertEquals(1, c.ready.size());
            assertTrue(c.readNow("n1"), "a leased read is ready at once");
            assertTrue(c.queue.isEmpty(), "and sends nothing: " + c.queue);
            assertEquals(1, c.ready.getLast().index());
        }

        @Test
        void answersAFollowersForwardedReadAtOnce() {
            Cluster c = new Cluster(3, LEASE);
            c.electN1();
            c.readNow("n1");
            c.pump();
            assertFalse(c.readNow("n2"));
            List<Envelope> forwarded = List.copyOf(c.queue);
            assertEquals(1, count(forwarded, ReadRequest.class));
            c.node("n1").step(c.queue.poll());
            List<Envelope> answer = c.collect("n1");
            assertEquals(1, answer.size(), "only the answer, no heartbeat: " + answer);
            assertTrue(answer.getFirst().message() instanceof ReadResponse);
        }

        @Test
        void beforeAQuorumAcknowledgedAHeartbeatItSentAsLeaderServesNoLeaseRead() {
            Cluster c = new Cluster(3, LEASE);
            c.electN1(); // committed its no-op, acks of appends only
            assertFalse(c.readNow("n1"), "a new leader has no lease yet");
            assertEquals(2, count(List.copyOf(c.queue), Heartbeat.class), "it confirms with a heartbeat round");
            c.pump();
            assertEquals(1, c.ready.size());
        }

        @Test
        void countsTheLeaseFromWhenItSentTheHeartbeatNotFromWhenTheAnswersCame() {
            Cluster c = new Cluster(3, LEASE);
            c.electN1();
            long sentAt = c.now;
            c.readNow("n1"); // heartbeat round sent now
            c.now += 100 * MS; // the answers take 100 ms
            c.pump();
            c.now = sentAt + LEASE - 1;
            assertTrue(c.readNow("n1"), "still within the lease counted from the send");
            c.now = sentAt + LEASE;
            assertFalse(c.readNow("n1"), "the lease ended " + LEASE + " ns after the send, whenever the answers came");
            assertEquals(2, count(List.copyOf(c.queue), Heartbeat.class));
        }

        @Test
        void whoseLeaseRanOutWithoutAnswersFallsBackToAHeartbeatRound() {
            Cluster c = new Cluster(3, LEASE);
            c.electN1();
            c.readNow("n1");
            c.pump();
            c.now += LEASE; // no ticks, no answers
            assertFalse(c.readNow("n1"));
            assertEquals(2, count(List.copyOf(c.queue), Heartbeat.class));
            c.pump();
            assertEquals(2, c.ready.size(), "the round confirms the read");
            assertTrue(c.readNow("n1"), "and renews the lease");
        }

        @Test
        void pausedForSecondsWhileItsTicksStoodStillFindsItsLeaseOver() {
            Cluster c = new Cluster(3, LEASE);
            c.electN1();
            c.readNow("n1");
            c.pump();
            // SIGSTOP for 10 s: the driver drops the stalled time, so no tick reaches the node,
            // but the monotonic clock moved on.
            c.now += 10_000 * MS;
            assertFalse(c.readNow("n1"), "a lease measured in ticks would still look fresh");
            // Meanwhile the others elected n2 in term 2: the round's answers depose n1, and the read is never answered by it.
            List<Envelope> round = List.copyOf(c.queue);
            c.queue.clear();
            for (Envelope hb : round) {
                c.node("n1").step(new Envelope(hb.to(), "n1", 2, new HeartbeatResponse(0)));
            }
            c.collect("n1");
            assertFalse(c.node("n1").isLeader());
            assertTrue(c.ready.size() == 1, "only the read before the pause was answered");
        }

        @Test
        void inAFiveNodeClusterNeedsTwoFollowersAnswersNotOne() {
            Cluster c = new Cluster(5, LEASE);
            c.electN1();
            c.readNow("n1");
            List<Envelope> round = List.copyOf(c.queue);
            c.queue.clear();
            c.node("n2").step(round.stream().filter(e -> e.to().equals("n2")).findFirst().orElseThrow());
            c.collect("n2");
            c.pump();
            assertEquals(0, c.ready.size(), "the leader and one follower are not a quorum of five");
            assertFalse(c.readNow("n1"), "nor do they give a lease");
            c.queue.clear(); // that second read's round is lost
            c.node("n3").step(round.stream().filter(e -> e.to().equals("n3")).findFirst().orElseThrow());
            c.collect("n3");
            c.pump();
            assertEquals(1, c.ready.size(), "the first round is confirmed");
            assertTrue(c.readNow("n1"), "and gives a lease");
        }

        @Test
        void thatStepsDownDropsItsLease() {
            Cluster c = new Cluster(3, LEASE);
            c.electN1();
            c.readNow("n1");
            c.pump();
            c.node("n1").step(new Envelope("n3", "n1", 2, new VoteRequest(false, 1, 1)));
            assertFalse(c.node("n1").isLeader(), "a higher-term vote request deposes a leader");
            int before = c.ready.size();
            c.node("n1").readIndex(List.of(99L));
            c.collect("n1");
            assertEquals(before, c.ready.size(), "no read served from a lease of a leadership that ended");
        }

        @Test
        void withLeasesOffAlwaysConfirmsWithAHeartbeatRound() {
            Cluster c = new Cluster(3, 0);
            c.electN1();
            c.readNow("n1");
            c.pump();
            assertFalse(c.readNow("n1"));
            assertEquals(2, count(List.copyOf(c.queue), Heartbeat.class));
        }
    }

    @Nested
    class AFollower {
        private static boolean granted(List<Envelope> sent) {
            return sent.stream().anyMatch(e -> e.message() instanceof VoteResponse v && v.granted());
        }

        @Test
        void freshlyStartedRefusesVotesAndPreVotesForAnElectionTimeoutThenGrants() {
            Cluster c = new Cluster(3, LEASE);
            Node n2 = c.node("n2");
            for (int t = 0; t < 10; t++) {
                n2.step(new Envelope("n1", "n2", 1, new VoteRequest(true, 0, 0)));
                n2.step(new Envelope("n1", "n2", 1, new VoteRequest(false, 0, 0)));
                assertFalse(granted(c.collect("n2")), "tick " + t + ": within the hold-off");
                c.queue.clear();
                c.now += TICK;
                n2.tick();
            }
            n2.step(new Envelope("n1", "n2", 1, new VoteRequest(false, 0, 0)));
            assertTrue(granted(c.collect("n2")), "after electionTicks ticks the vote is free");
        }

        @Test
        void withLeasesOffVotesAtOnceAfterStarting() {
            Cluster c = new Cluster(3, 0);
            c.node("n2").step(new Envelope("n1", "n2", 1, new VoteRequest(false, 0, 0)));
            assertTrue(granted(c.collect("n2")));
        }

        @Test
        void keepsRefusingVotesWhenAStaleMessageOfAHigherTermMovesItOn() {
            Cluster c = new Cluster(3, LEASE);
            c.electN1();
            c.readNow("n1");
            c.pump(); // n2 acknowledged n1's heartbeat: n1 counts on n2 not voting for a while
            Node n2 = c.node("n2");
            // A late answer from n3, from some old exchange, at a term above n1's: n2 moves to
            // term 5 with no leader, and its vote in term 5 is free.
            n2.step(new Envelope("n3", "n2", 5, new HeartbeatResponse(0)));
            assertEquals(5, n2.term());
            assertEquals(Optional.empty(), n2.leader());
            n2.step(new Envelope("n3", "n2", 5, new VoteRequest(false, 1, 1)));
            n2.step(new Envelope("n3", "n2", 6, new VoteRequest(false, 1, 1)));
            n2.step(new Envelope("n3", "n2", 6, new VoteRequest(true, 1, 1)));
            assertFalse(granted(c.collect("n2")), "n2 must not help elect anyone while n1's lease may hold");
            for (int t = 0; t < 10; t++) {
                n2.tick();
            }
            n2.drain();
            n2.step(new Envelope("n3", "n2", 6, new VoteRequest(false, 1, 1)));
            assertTrue(granted(c.collect("n2")), "once the promise is over it votes");
        }
    }

    @Nested
    class Configuration {
        @Test
        void theSafeLeaseIsNinetyPercentOfElectionTicksLessTwo() {
            assertEquals(144 * MS, RaftConfig.safeLeaseNanos(10, TICK));
            assertEquals(0, RaftConfig.safeLeaseNanos(2, TICK), "too few ticks for any safe lease");
        }

        @Test
        void aLeaseNeedsCheckQuorum() {
            assertThrows(IllegalArgumentException.class, () -> new RaftConfig(10, 2, 1024, 8, 1024, true, false, LEASE));
            assertThrows(IllegalArgumentException.class, () -> new RaftConfig(10, 2, 1024, 8, 1024, true, true, -1));
        }
    }

    /**
     * Messages on the wire per 1,000 reads in a five-node cluster, one read per round trip (no
     * batching: the worst case for the heartbeat round), one read per simulated millisecond with
     * the leader's regular heartbeats in between, printed for the record. The exact counts are
     * asserted only where they follow from the protocol: with a lease, a read costs nothing on
     * the leader and two messages through a follower.
     */
    @Test
    void messagesPerThousandReads() {
        long[][] perRead = new long[2][2];
        for (int lease = 0; lease <= 1; lease++) {
            for (int via = 0; via <= 1; via++) {
                Cluster c = new Cluster(5, lease == 1 ? LEASE : 0);
                c.electN1();
                c.readNow("n1");
                c.pump();
                long start = c.sent;
                long background = 0;
                for (int i = 1; i <= 1000; i++) {
                    c.now += MS;
                    if (i % 20 == 0) { // a tick every 20 ms: regular heartbeats
                        long before = c.sent;
                        c.node("n1").tick();
                        c.collect("n1");
                        c.pump();
                        background += c.sent - before;
                    }
                    c.readNow(via == 0 ? "n1" : "n3");
                    c.pump();
                }
                assertEquals(1001, c.ready.size(), "every read answered");
                perRead[lease][via] = c.sent - start - background;
                System.out.printf("5 nodes, lease %s, reads on the %s: %d messages per 1000 reads (+%d for regular heartbeats)%n",
                        lease == 1 ? "on" : "off", via == 0 ? "leader" : "follower", perRead[lease][via], background);
            }
        }
        assertEquals(0, perRead[1][0]);
        assertEquals(2000, perRead[1][1]);
        assertEquals(8000, perRead[0][0], "a heartbeat to each of 4 followers and its answer");
        assertEquals(10_000, perRead[0][1]);
    }
}
