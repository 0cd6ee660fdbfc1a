package io.mynode.jepsen.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PartitionNemesisTests {
    private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");

    @ParameterizedTest
    @EnumSource(PartitionNemesis.Shape.class)
    void everyGrudgeIsSymmetricAndCutsSomething(PartitionNemesis.Shape shape) {
        for (int seed = 0; seed < 50; seed++) {
            var g = PartitionNemesis.grudge(shape, NODES, Optional.of("n3"), new Random(seed));
            g.forEach((a, blocked) -> blocked.forEach(b -> assertTrue(g.get(b).contains(a), shape + ": " + g)));
            assertTrue(g.values().stream().anyMatch(s -> !s.isEmpty()), shape + " cut nothing: " + g);
            g.forEach((a, blocked) -> assertTrue(!blocked.contains(a), "a node never blocks itself"));
        }
    }

    @Test
    void majorityMinorityLeavesAMajorityConnected() {
        var g = PartitionNemesis.grudge(PartitionNemesis.Shape.MAJORITY_MINORITY, NODES, Optional.empty(), new Random(1));
        long minority = g.values().stream().filter(s -> s.size() == 3).count();
        long majority = g.values().stream().filter(s -> s.size() == 2).count();
        assertEquals(2, minority);
        assertEquals(3, majority);
    }

    @Test
    void isolatedLeaderCutsTheLeaderFromEveryone() {
        var g = PartitionNemesis.grudge(PartitionNemesis.Shape.ISOLATED_LEADER, NODES, Optional.of("n4"), new Random(7));
        assertEquals(Set.of("n1", "n2", "n3", "n5"), g.get("n4"));
        assertEquals(Set.of("n4"), g.get("n1"));
    }

    @Test
    void bridgeHasOneNodeThatSeesEveryone() {
        Map<String, Set<String>> g = PartitionNemesis.grudge(PartitionNemesis.Shape.BRIDGE, NODES, Optional.empty(),
                new Random(3));
        List<String> bridges = g.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        assertEquals(1, bridges.size(), g.toString());
        g.forEach((node, blocked) -> {
            if (!blocked.isEmpty()) {
                assertEquals(2, blocked.size(), "each side of the bridge loses the other side: " + g);
            }
        });
    }
}
