package io.mynode.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
        }
        // The workload must actually have done something, or the checks above prove nothing.
        assertTrue(writes > count, "only " + writes + " acknowledged writes over " + count + " seeds");
        assertTrue(ops > 5L * count, "only " + ops + " operations over " + count + " seeds");
        System.out.printf("simulated %d seeds from %d: %d operations, %d acknowledged writes, %d outcomes unknown,"
                + " %d malformed messages dropped, %d snapshots installed, %d duplicate commands suppressed%n",
                count, start, ops, writes, unknown, malformed, installs, duplicates);
        if (count >= 100) {
            assertTrue(installs > 0, "no snapshot was installed: the snapshot path went untested");
            assertTrue(duplicates > 0, "no retried command was deduplicated: the exactly-once path went untested");
        }
    }
}
