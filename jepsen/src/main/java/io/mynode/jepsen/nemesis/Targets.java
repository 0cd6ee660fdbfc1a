package io.mynode.jepsen.nemesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Picking the nodes a fault hits. */
final class Targets {
    private Targets() {}

    /**
     * One to {@code floor((n-1)/2)} nodes at random (at least one), so that a majority stays up
     * and the cluster can go on; with the leader sometimes among them, as chance has it.
     */
    static List<String> minority(List<String> ids, Random random) {
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, random);
        int most = Math.max(1, (ids.size() - 1) / 2);
        return List.copyOf(shuffled.subList(0, 1 + random.nextInt(most)));
    }
}
