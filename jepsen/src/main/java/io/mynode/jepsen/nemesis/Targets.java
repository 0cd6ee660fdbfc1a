package io.mynode.jepsen.nemesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Picking the nodes a fault hits. */
final class Targets {
    private Targets() {}

    /**
     * One to {@code floor((n-1)/2)} nodes at random (at least one), so that a majority stays up
     * and the cluster can go on. Half the time the current leader is made one of them: faults on
     * the leader are the ones that exercise elections, and chance alone would pick it rarely.
     */
    static List<String> minority(List<String> ids, Optional<String> leader, Random random) {
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, random);
        int most = Math.max(1, (ids.size() - 1) / 2);
        List<String> chosen = new ArrayList<>(shuffled.subList(0, 1 + random.nextInt(most)));
        if (leader.isPresent() && ids.contains(leader.get()) && !chosen.contains(leader.get())
                && random.nextBoolean()) {
            chosen.set(0, leader.get());
        }
        return List.copyOf(chosen);
    }
}
