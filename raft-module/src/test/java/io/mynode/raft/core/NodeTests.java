package io.mynode.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.raft.core.Message.Append;
import io.mynode.raft.core.Message.AppendResponse;
import io.mynode.raft.core.Message.Heartbeat;
import io.mynode.raft.core.Message.VoteRequest;
import io.mynode.raft.core.Message.VoteResponse;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NodeTests {
    private static final List<String> MEMBERS = List.of("n1", "n2", "n3");

    private static Node node(String id, MemoryLog log, RaftConfig config) {
        return new Node(id, MEMBERS, log, new NoSnapshots(), config, new SplittableRandom(1), System::nanoTime);
    }

    private static List<Envelope> sent(Node n) {
        return n.drain().stream().filter(e -> e instanceof Effect.Send).map(e -> ((Effect.Send) e).envelope()).toList();
    }

    @Nested
    class ElectionBackoff {
        /** Ticks until {@code n} next starts a (pre-)election, with nobody answering. */
        private static int ticksToNextCampaign(Node n) {
            n.drain();
            for (int t = 1; t <= 1000; t++) {
                n.tick();
                if (n.drain().stream().anyMatch(e -> e instanceof Effect.RoleChange c && c.role().endsWith("candidate"))) {
                    return t;
                }
            }
            throw new AssertionError("no election within 1000 ticks");
        }

        @Test
        void electionsThatKeepFailingDrawFromAWiderRangeUpToNineTimesTheMinimum() {
            int max = 0;
            for (long seed = 1; seed <= 20; seed++) {
                Node n = new Node("n1", MEMBERS, new MemoryLog(), new NoSnapshots(), RaftConfig.defaults(),
                        new SplittableRandom(seed), System::nanoTime);
                int first = ticksToNextCampaign(n);
                assertTrue(first >= 10 && first < 20, "a first election waits [n, 2n): " + first);
                for (int i = 0; i < 10; i++) {
                    int t = ticksToNextCampaign(n);
                    assertTrue(t >= 10 && t < 90, "a later one waits [n, 9n) at most: " + t);
                    max = Math.max(max, t);
                }
            }
            assertTrue(max >= 40, "failed elections never widened the range: longest wait " + max);
        }

        @Test
        void hearingFromALeaderBringsTheRangeBack() {
            for (long seed = 1; seed <= 20; seed++) {
                MemoryLog log = new MemoryLog();
                Node n = new Node("n1", MEMBERS, log, new NoSnapshots(), RaftConfig.defaults(), new SplittableRandom(seed),
                        System::nanoTime);
                for (int i = 0; i < 5; i++) {
                    ticksToNextCampaign(n);
                }
                n.step(new Envelope("n2", "n1", n.term() + 1, new Append(0, 0, List.of(), 0)));
                assertEquals(Optional.of("n2"), n.leader());
                int t = ticksToNextCampaign(n);
                assertTrue(t >= 10 && t < 20, "seed " + seed + ": " + t);
            }
        }
    }

    @Nested
    class Commitment {
        /**
         * Raft §5.4.2 (Figure 8): a leader must not commit an entry of an earlier term by counting
         * its replicas; only an entry of its own term, which commits the earlier ones with it.
         */
        @Test
        void aLeaderDoesNotCommitAnEarlierTermsEntryByCountingReplicas() {
            MemoryLog log = new MemoryLog();
            log.append(List.of(new Entry(1, 1, new byte[] {1}), new Entry(2, 1, new byte[] {2})));
            log.saveTermAndVote(2, Optional.empty());
            log.sync();
            // One entry per append, so the follower can acknowledge index 2 before the new no-op.
            Node leader = node("n1", log, new RaftConfig(10, 2, 1, 8, 1024, false, true, 0));
            leader.campaign();
            Envelope request = sent(leader).getFirst();
            leader.step(new Envelope("n2", "n1", request.term(), new VoteResponse(false, true)));
            assertTrue(leader.isLeader());
            assertEquals(3, leader.term());
            assertEquals(3, log.lastIndex(), "the new leader appends a no-op");
            sent(leader);
            // n2 had entry 1 only; it now holds 2 (term 1): two of three replicas, yet not committable.
            leader.step(new Envelope("n2", "n1", 3, new AppendResponse(true, 2, 0, 0)));
            assertEquals(0, leader.commitIndex(), "an earlier term's entry must not be committed by counting");
            leader.step(new Envelope("n2", "n1", 3, new AppendResponse(true, 3, 0, 0)));
            assertEquals(3, leader.commitIndex(), "the current term's no-op commits everything before it");
        }

        @Test
        void aFollowerNeverCommitsBeyondWhatTheLeaderShowedItMatches() {
            MemoryLog log = new MemoryLog();
            log.append(List.of(new Entry(1, 1, new byte[] {1}), new Entry(2, 1, new byte[] {2}), new Entry(3, 1, new byte[] {3})));
            log.sync();
            Node follower = node("n2", log, RaftConfig.defaults());
            // The leader of term 2 shows entry 1 only, with a commit index of 3: entries 2 and 3 here
            // may differ from the leader's and must not be committed yet.
            follower.step(new Envelope("n1", "n2", 2, new Append(1, 1, List.of(), 3)));
            assertEquals(1, follower.commitIndex());
        }
    }

    @Nested
    class Elections {
        @Test
        void aVoteGoesOnlyToALogAtLeastAsUpToDate() {
            MemoryLog log = new MemoryLog();
            log.append(List.of(new Entry(1, 2, new byte[] {1})));
            log.saveTermAndVote(2, Optional.empty());
            log.sync();
            Node voter = node("n2", log, new RaftConfig(10, 2, 1024, 8, 1024, false, true, 0));
            voter.step(new Envelope("n1", "n2", 3, new VoteRequest(false, 5, 1)));
            Envelope reply = sent(voter).getFirst();
            assertFalse(((VoteResponse) reply.message()).granted(), "a longer log of an older term is behind");
            assertEquals(3, voter.term());
            voter.step(new Envelope("n3", "n2", 3, new VoteRequest(false, 1, 2)));
            assertTrue(((VoteResponse) sent(voter).getFirst().message()).granted());
            assertEquals(Optional.of("n3"), log.votedFor(), "the vote is recorded in the log before the reply goes out");
        }

        @Test
        void aLeaderThatHearsFromNoQuorumStepsDown() {
            MemoryLog log = new MemoryLog();
            Node leader = node("n1", log, new RaftConfig(4, 1, 1024, 8, 1024, false, true, 0));
            leader.campaign();
            leader.step(new Envelope("n2", "n1", 1, new VoteResponse(false, true)));
            assertTrue(leader.isLeader());
            for (int i = 0; i < 8; i++) {
                leader.tick();
            }
            assertFalse(leader.isLeader(), "check-quorum: silence from every follower deposes the leader");
            assertEquals(1, leader.term(), "stepping down does not raise the term");
        }

        @Test
        void aPreVoteDoesNotRaiseAnyTerm() {
            MemoryLog log = new MemoryLog();
            Node candidate = node("n1", log, RaftConfig.defaults());
            candidate.campaign();
            assertEquals(0, candidate.term());
            assertEquals("pre-candidate", candidate.roleName());
            Node voter = node("n2", new MemoryLog(), RaftConfig.defaults());
            voter.step(sent(candidate).getFirst());
            assertEquals(0, voter.term(), "granting a pre-vote changes nothing on the voter");
            assertTrue(((VoteResponse) sent(voter).getFirst().message()).granted());
        }
    }

    @Nested
    class UnbelievableMessages {
        @Test
        void anUnbelievableMessageChangesNothingAndIsReported() {
            MemoryLog log = new MemoryLog();
            Node n = new Node("n1", List.of("n1", "n2", "n3"), log, new NoSnapshots(), RaftConfig.defaults(),
                    new SplittableRandom(1), System::nanoTime);
            n.drain();
            n.step(new Envelope("n2", "n1", Long.MAX_VALUE, new Message.Heartbeat(0, 0)));
            List<Effect> effects = n.drain();
            assertEquals(1, effects.size(), effects.toString());
            assertTrue(effects.getFirst() instanceof Effect.Dropped d && d.reason().contains("term"), effects.toString());
            assertEquals(0, n.term());
            log.sync();
            assertEquals(0, log.currentTerm(), "nothing of the message was persisted");
            assertEquals(Optional.empty(), n.leader());
        }
    }

    private static final class NoSnapshots implements Snapshots {
        @Override
        public SnapshotMeta latest() {
            throw new AssertionError("no snapshot expected");
        }

        @Override
        public byte[] read(SnapshotMeta snapshot, long offset, int max) {
            throw new AssertionError("no snapshot expected");
        }

        @Override
        public void begin(SnapshotMeta snapshot) {
            throw new AssertionError("no snapshot expected");
        }

        @Override
        public void write(byte[] chunk) {
            throw new AssertionError("no snapshot expected");
        }

        @Override
        public void install(SnapshotMeta snapshot) {
            throw new AssertionError("no snapshot expected");
        }
    }

    @Nested
    class Membership {
        private static final RaftConfig NO_LEASE = RaftConfig.defaults();

        /** Whether {@code n} grants a vote (or pre-vote) to n2, whose log is longer and no older. */
        private static boolean grants(Node n, boolean pre) {
            n.drain();
            n.step(new Envelope("n2", n.id(), n.term() + 1, new VoteRequest(pre, 100, n.term() + 1)));
            return sent(n).stream().anyMatch(e -> e.message() instanceof VoteResponse v && v.granted());
        }

        private static Node joined(String id, Configuration config) {
            MemoryLog log = new MemoryLog();
            log.append(List.of(new Entry(1, 1, config.toEntryData())));
            log.sync();
            return new Node(id, Configuration.EMPTY, log, new NoSnapshots(), NO_LEASE, new SplittableRandom(1), System::nanoTime);
        }

        @Test
        void aNodeWithNoConfigurationNeitherVotesNorCampaigns() {
            Node fresh = new Node("n3", Configuration.EMPTY, new MemoryLog(), new NoSnapshots(), NO_LEASE,
                    new SplittableRandom(1), System::nanoTime);
            assertFalse(grants(fresh, true), "pre-vote granted");
            assertFalse(grants(fresh, false), "vote granted");
            assertFalse(campaigns(fresh));
        }

        @Test
        void aLearnerVotesButNeverCampaigns() {
            Configuration withLearner = Configuration.ofVoters(List.of("n1", "n2")).with(new Configuration.Member("n3", "h:3", false));
            Node learner = joined("n3", withLearner);
            assertFalse(learner.isVoter());
            assertTrue(grants(learner, false), "a learner whose log lacks its promotion may hold the vote a candidate needs");
            assertFalse(campaigns(learner));
        }

        @Test
        void aRemovedNodeStopsCampaigningAtOnceAndVotingOnceItKnowsTheRemovalCommitted() {
            Node removed = joined("n3", Configuration.ofVoters(List.of("n1", "n2")));
            assertTrue(removed.isRemoved());
            assertFalse(removed.isRemovalCommitted());
            assertFalse(campaigns(removed));
            // The leader tells it the removal committed.
            removed.step(new Envelope("n1", "n3", removed.term(), new Heartbeat(1, 1)));
            assertTrue(removed.isRemovalCommitted());
            assertFalse(grants(removed, true), "pre-vote granted");
            assertFalse(grants(removed, false), "vote granted");
        }

        private static boolean campaigns(Node n) {
            n.drain();
            for (int t = 0; t < 200; t++) {
                n.tick();
            }
            return n.drain().stream().anyMatch(e -> e instanceof Effect.RoleChange c && c.role().contains("candidate"));
        }

        @Test
        void aConfigurationTakesEffectWhenAppendedAndIsUndoneWhenCutOff() {
            MemoryLog log = new MemoryLog();
            Node n = new Node("n2", MEMBERS, log, new NoSnapshots(), NO_LEASE, new SplittableRandom(1), System::nanoTime);
            Configuration four = Configuration.ofVoters(MEMBERS).with(new Configuration.Member("n4", "h:4", false));
            n.step(new Envelope("n1", "n2", 1, new Append(0, 0, List.of(new Entry(1, 1, new byte[0]),
                    new Entry(2, 1, four.toEntryData())), 0)));
            assertEquals(four, n.configuration());
            assertEquals(2, n.configurationIndex());
            // A leader of term 2 never had entry 2: its append replaces it, and the configuration with it.
            n.step(new Envelope("n3", "n2", 2, new Append(1, 1, List.of(new Entry(2, 2, new byte[] {7})), 1)));
            assertEquals(Configuration.ofVoters(MEMBERS), n.configuration());
            assertEquals(0, n.configurationIndex());
        }

        @Test
        void aLeaderCountsOnlyVotersOfItsLatestConfigurationTowardsCommitment() {
            MemoryLog log = new MemoryLog();
            Node leader = new Node("n1", List.of("n1"), log, new NoSnapshots(), NO_LEASE, new SplittableRandom(1), System::nanoTime);
            leader.campaign();
            assertTrue(leader.isLeader());
            leader.requestChange(1, new Change.AddLearner("n2", "h:2"));
            long added = log.lastIndex();
            assertEquals(added, leader.commitIndex(), "alone, the leader commits the learner's addition itself");
            leader.propose(List.of(new byte[] {1}));
            assertEquals(log.lastIndex(), leader.commitIndex(), "a learner's silence holds nothing up");
        }
    }
}
