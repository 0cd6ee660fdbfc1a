package io.mynode.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.raft.core.Effect;
import io.mynode.raft.core.Envelope;
import io.mynode.raft.core.MemoryLog;
import io.mynode.raft.core.Node;
import io.mynode.raft.core.RaftConfig;
import io.mynode.raft.core.SnapshotMeta;
import io.mynode.raft.core.Snapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Elections on an overloaded machine, in wall-clock milliseconds: five cores driven the way
 * {@link RaftConsensus} drives one (each loop: the inbox, at most one tick, then the fsync, then
 * the sends), where persisting a term or vote blocks the node's thread for a slow fsync and every
 * message takes 25 ms.
 *
 * <p>This reproduces the Jepsen failure "no leader agreed by a majority within PT1M". A candidate
 * wins only if its voters' grants arrive before its timeout: its own fsync, then theirs, then two
 * hops. Before the fix no leader was elected within a minute on any seed (1..5) with 180 ms fsyncs
 * (the driver delivered the ticks missed during the candidate's own fsync as a burst) nor with
 * 350 ms or more (the round trip exceeded the widest timeout, 19 ticks, so no election could ever
 * win). Now missed ticks are dropped ({@link Ticker}) and failed elections widen the timeout range
 * ({@code Node}'s backoff), and a leader is elected in seconds.
 */
class ElectionUnderStallTests {
    private static final List<String> IDS = List.of("n1", "n2", "n3", "n4", "n5");
    private static final long MS = 1_000_000;
    private static final long TICK = 20 * MS;
    private static final long LATENCY = 25 * MS;

    /** The tick rule of a driver thread. */
    private interface Clock {
        boolean tickDue(long now);
    }

    /** The driver's rule before the fix: catch up on up to 10 missed ticks, one per loop iteration. */
    private static final class CatchUpClock implements Clock {
        private long next = TICK;

        @Override
        public boolean tickDue(long now) {
            if (now < next) {
                return false;
            }
            next += TICK;
            if (now - next > 10 * TICK) {
                next = now + TICK;
            }
            return true;
        }
    }

    private record InFlight(long at, long seq, Envelope envelope) implements Comparable<InFlight> {
        @Override
        public int compareTo(InFlight o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    private static final class Driven {
        final MemoryLog log = new MemoryLog();
        final Node node;
        final Clock clock;
        long busyUntil;
        long syncedTerm;
        Optional<String> syncedVote = Optional.empty();

        Driven(String id, Clock clock, long seed) {
            this.node = new Node(id, IDS, log, new NoSnapshots(), RaftConfig.defaults(), new SplittableRandom(seed),
                    System::nanoTime); // no lease in the defaults: never read
            this.clock = clock;
        }
    }

    /** Wall-clock time until some node leads with a majority following it in its term; empty if none within the horizon. */
    private static OptionalLong timeToLeader(boolean oldRule, long fsync, long seed, long horizon) {
        List<Driven> nodes = new ArrayList<>();
        for (int i = 0; i < IDS.size(); i++) {
            nodes.add(new Driven(IDS.get(i), oldRule ? new CatchUpClock() : new Ticker(TICK, 0)::tickDue, seed * 31 + i));
        }
        PriorityQueue<InFlight> network = new PriorityQueue<>();
        long seq = 0;
        for (long now = 0; now <= horizon; now += MS) {
            for (Driven d : nodes) {
                while (now >= d.busyUntil) {
                    boolean received = false;
                    for (InFlight m : List.copyOf(network)) {
                        if (m.at() <= now && m.envelope().to().equals(d.node.id())) {
                            network.remove(m);
                            d.node.step(m.envelope());
                            received = true;
                        }
                    }
                    boolean ticked = d.clock.tickDue(now);
                    if (ticked) {
                        d.node.tick();
                    }
                    List<Effect> effects = d.node.drain();
                    boolean persisted = d.log.currentTerm() != d.syncedTerm || !d.log.votedFor().equals(d.syncedVote);
                    d.log.sync();
                    d.syncedTerm = d.log.currentTerm();
                    d.syncedVote = d.log.votedFor();
                    long sendAt = persisted ? now + fsync : now;
                    d.busyUntil = sendAt;
                    for (Effect e : effects) {
                        if (e instanceof Effect.Send s) {
                            network.add(new InFlight(sendAt + LATENCY, seq++, s.envelope()));
                        }
                    }
                    if (!ticked && !received) {
                        break;
                    }
                }
            }
            for (Driven d : nodes) {
                if (d.node.isLeader()) {
                    long term = d.node.term();
                    long following = nodes.stream()
                            .filter(o -> o.node.term() == term && o.node.leader().equals(Optional.of(d.node.id())))
                            .count();
                    if (following >= IDS.size() / 2 + 1) {
                        return OptionalLong.of(now);
                    }
                }
            }
        }
        return OptionalLong.empty();
    }

    @Test
    void aCandidateBlockedBySlowFsyncsStillGetsElected() {
        // 180 ms to persist a term or vote (three fsyncs of a meta file on a loaded disk), up to a second.
        for (long fsyncMs : new long[] {180, 350, 1000}) {
            for (long seed = 1; seed <= 3; seed++) {
                OptionalLong t = timeToLeader(false, fsyncMs * MS, seed, 60_000 * MS);
                assertTrue(t.isPresent() && t.getAsLong() < 30_000 * MS, "fsync " + fsyncMs + " ms, seed " + seed + ": " + t);
            }
        }
    }

    @Test
    void withoutSlowFsyncsTheFirstElectionWins() {
        // The backoff only widens timeouts after failed elections: a healthy cluster elects as fast as before.
        for (long seed = 1; seed <= 3; seed++) {
            OptionalLong t = timeToLeader(false, 0, seed, 60_000 * MS);
            assertTrue(t.isPresent() && t.getAsLong() < 2 * 20 * TICK, "seed " + seed + ": " + t);
        }
    }

    @Test
    void catchingUpMissedTicksNeedsMoreElectionsThanDroppingThem() {
        // The same cluster under 180 ms fsyncs: the old driver rule handed a candidate 9 of its
        // 10..19 ticks right after its own fsync, so its first elections could not succeed.
        long oldTotal = 0;
        long newTotal = 0;
        for (long seed = 1; seed <= 5; seed++) {
            oldTotal += timeToLeader(true, 180 * MS, seed, 60_000 * MS).orElseThrow();
            newTotal += timeToLeader(false, 180 * MS, seed, 60_000 * MS).orElseThrow();
        }
        assertTrue(newTotal < oldTotal, "dropping ticks took " + newTotal / MS + " ms over 5 seeds, catching up " + oldTotal / MS);
    }

    private static final class NoSnapshots implements Snapshots {
        @Override
        public SnapshotMeta latest() {
            throw new UnsupportedOperationException("no snapshots in this model");
        }

        @Override
        public byte[] read(SnapshotMeta snapshot, long offset, int max) {
            throw new UnsupportedOperationException("no snapshots in this model");
        }

        @Override
        public void begin(SnapshotMeta snapshot) {
            throw new UnsupportedOperationException("no snapshots in this model");
        }

        @Override
        public void write(byte[] chunk) {
            throw new UnsupportedOperationException("no snapshots in this model");
        }

        @Override
        public void install(SnapshotMeta snapshot) {
            throw new UnsupportedOperationException("no snapshots in this model");
        }
    }
}
