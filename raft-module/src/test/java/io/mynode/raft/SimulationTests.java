package io.mynode.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.raft.Linearizability.Op;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeded whole-cluster simulations ({@link Simulation}). The default run covers 1,000 seeds;
 * {@code -Draft.sim.seeds=N} changes the count, {@code -Draft.sim.start=S} the first seed,
 * {@code -Draft.sim.seed=N} replays one. The {@code slow} test runs 20,000 more ({@code -Plong}).
 */
class SimulationTests {

    @Test
    void thousandSeededClustersStaySafeAndLinearizable() {
        String one = System.getProperty("raft.sim.seed");
        if (one != null) {
            runSeeds(Long.parseLong(one), 1);
            return;
        }
        runSeeds(Long.getLong("raft.sim.start", 1), Integer.getInteger("raft.sim.seeds", 1000));
    }

    @Test
    @Tag("slow")
    void manyMoreSeeds() {
        runSeeds(1_000_000, Integer.getInteger("raft.sim.long.seeds", 20_000));
    }

    private static void runSeeds(long start, int count) {
        long ops = 0;
        long writes = 0;
        long malformed = 0;
        long installs = 0;
        long duplicates = 0;
        long unknown = 0;
        long stalls = 0;
        long leaderStalls = 0;
        long ticks = 0;
        long refused = 0;
        java.util.Map<String, Integer> changes = new java.util.TreeMap<>();
        long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (long seed = start; seed < start + count; seed++) {
            long t0 = System.nanoTime();
            Simulation.Result r = new Simulation(seed, Simulation.Options.forSeed(seed)).run();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > 5000) {
                System.out.println("seed " + seed + " took " + ms + " ms: " + r);
            }
            ops += r.operations();
            writes += r.writes();
            malformed += r.malformed();
            installs += r.snapshotInstalls();
            duplicates += r.duplicatesSuppressed();
            unknown += r.unknownOutcomes();
            stalls += r.stalls();
            leaderStalls += r.leaderStalls();
            ticks += r.ticks();
            refused += r.changesRefused();
            r.changes().forEach((k, v) -> changes.merge(k, v, Integer::sum));
            if (r.changes().values().stream().mapToInt(Integer::intValue).sum() == 0) {
                throw new AssertionError("seed " + seed + " changed no membership");
            }
        }
        // The workload must actually have done something, or the checks above prove nothing.
        assertTrue(writes > count, "only " + writes + " acknowledged writes over " + count + " seeds");
        assertTrue(ops > 5L * count, "only " + ops + " operations over " + count + " seeds");
        System.out.printf("simulated %d seeds from %d: %d operations, %d acknowledged writes, %d outcomes unknown,"
                + " %d malformed messages dropped, %d snapshots installed, %d duplicate commands suppressed,"
                + " %d stalls (%d of a leader), %d ticks; membership changes done %s, %d refused; %d ms of CPU%n",
                count, start, ops, writes, unknown, malformed, installs, duplicates, stalls, leaderStalls, ticks, changes,
                refused, (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1_000_000);
        if (count >= 100) {
            assertTrue(installs > 0, "no snapshot was installed: the snapshot path went untested");
            assertTrue(duplicates > 0, "no retried command was deduplicated: the exactly-once path went untested");
            assertTrue(leaderStalls > 0, "no leader stalled: the read lease's clock went untested");
            for (String kind : List.of("AddLearner", "Remove", "Transfer")) {
                assertTrue(changes.getOrDefault(kind, 0) > count / 10, "too few " + kind + " changes: " + changes);
            }
            assertTrue(refused > 0, "no change was refused: the checks went untested");
        }
    }

    /**
     * The pause the read lease must survive: leader n of a quiet cluster holds a lease, then stalls
     * (its clock runs, its ticks do not) while the others elect a new leader and write a new value.
     * A read is then invoked on n, and n wakes and handles it before any message that would tell
     * it of the new term. A lease counted in ticks would still look valid and n would answer with
     * the old value; counted on the clock it has run out, n falls back to a heartbeat round, learns
     * of the new term and the read is answered by the new leader.
     */
    @Test
    void aLeaderThatStalledWhileTheOthersElectedAndWroteDoesNotServeAStaleReadWhenItWakes() {
        for (long seed = 1; seed <= 20; seed++) {
            Simulation sim = new Simulation(seed, Simulation.Options.quiet(3));
            Set<String> all = Set.of("n1", "n2", "n3");
            assertTrue(sim.stepUntil(() -> sim.settledLeader(all).isPresent(), 200), "seed " + seed + ": no leader");
            String old = sim.settledLeader(all).orElseThrow();
            sim.write(old + "c1", "a");
            assertTrue(sim.stepUntil(() -> !sim.busy(old + "c1"), 100), "seed " + seed + ": first write");
            sim.stepUntil(() -> false, 10); // heartbeats: the lease is renewed
            sim.stall(old, 1000);
            Set<String> others = new HashSet<>(all);
            others.remove(old);
            assertTrue(sim.stepUntil(() -> sim.settledLeader(others).isPresent(), 300), "seed " + seed + ": no new leader");
            String other = others.iterator().next();
            sim.write(other + "c1", "a");
            assertTrue(sim.stepUntil(() -> !sim.busy(other + "c1"), 100), "seed " + seed + ": second write");
            sim.read(old + "c2", "a");
            sim.stall(old, 0); // wakes at the next step
            assertTrue(sim.stepUntil(() -> !sim.busy(old + "c2"), 300), "seed " + seed + ": the read never completed");
            List<Op> history = sim.history();
            Op read = history.getLast();
            assertEquals(other + "c1.1", read.value(), "seed " + seed + ": the woken leader's read saw " + history);
            Optional<String> bad = Linearizability.check(history);
            assertTrue(bad.isEmpty(), "seed " + seed + ": " + bad.orElse(""));
        }
    }
}
