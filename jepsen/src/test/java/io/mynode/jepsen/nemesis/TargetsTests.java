package io.mynode.jepsen.nemesis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TargetsTests {
    private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");

    @Test
    void aMinorityIsHitAndTheLeaderOften() {
        int withLeader = 0;
        for (int seed = 0; seed < 200; seed++) {
            List<String> t = Targets.minority(NODES, Optional.of("n4"), new Random(seed));
            assertTrue(t.size() >= 1 && t.size() <= 2, "a minority of five: " + t);
            assertTrue(t.stream().distinct().count() == t.size(), "no node twice: " + t);
            if (t.contains("n4")) {
                withLeader++;
            }
        }
        assertTrue(withLeader > 100, "the leader is among the targets in most runs: " + withLeader);
    }

    @Test
    void withoutAKnownLeaderTargetsAreRandom() {
        List<String> t = Targets.minority(NODES, Optional.empty(), new Random(1));
        assertTrue(NODES.containsAll(t));
    }
}
