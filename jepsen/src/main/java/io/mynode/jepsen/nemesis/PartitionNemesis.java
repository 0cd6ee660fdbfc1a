package io.mynode.jepsen.nemesis;

import io.mynode.jepsen.history.Keyword;
import io.mynode.kernel.launch.ProcessCluster;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Network partitions between nodes, in Jepsen's shapes, through each node's fault file. A
 * partition is a grudge: for each node, the peers it cannot exchange messages with (always
 * symmetric here). Each start picks a shape at random:
 *
 * <pre>
 *   majority-minority  a random minority cut off from the majority
 *   isolated-leader    the current leader alone; the others must elect a new one, and the old
 *                      leader must stop acknowledging writes and serving linearizable reads
 *   bridge             two halves that cannot talk, and one node that talks to both
 *                      (a b | c | d e: c is in two majorities; Jepsen's classic Raft trap)
 *   random-halves      each node on one side or the other at random (sizes vary)
 * </pre>
 *
 * Single-threaded (the runner's nemesis thread).
 */
public final class PartitionNemesis implements Nemesis {
    /** The shapes, by the name the history records. */
    public enum Shape {
        MAJORITY_MINORITY, ISOLATED_LEADER, BRIDGE, RANDOM_HALVES;

        public Keyword keyword() {
            return Keyword.of(name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
    }

    private final ProcessCluster cluster;

    public PartitionNemesis(ProcessCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "partition";
    }

    @Override
    public Event start(Random random) {
        Shape shape = Shape.values()[random.nextInt(Shape.values().length)];
        Map<String, Set<String>> grudge = grudge(shape, cluster.ids(), cluster.currentLeader(), random);
        cluster.partition(grudge);
        Map<Keyword, Object> value = new LinkedHashMap<>();
        value.put(Keyword.of("shape"), shape.keyword());
        Map<String, Object> shown = new TreeMap<>();
        grudge.forEach((k, v) -> shown.put(k, new ArrayList<>(new TreeSet<>(v))));
        value.put(Keyword.of("grudge"), shown);
        return new Event(Keyword.of("start-partition"), value);
    }

    @Override
    public Event stop() {
        cluster.heal();
        return new Event(Keyword.of("stop-partition"), Keyword.of("fully-connected"));
    }

    /**
     * The grudge for {@code shape} over nodes {@code ids}: who does not talk to whom. Pure, so it is
     * tested on its own; {@code leader} is used by {@link Shape#ISOLATED_LEADER} (a random node when
     * no leader is known).
     */
    static Map<String, Set<String>> grudge(Shape shape, List<String> ids, Optional<String> leader, Random random) {
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, random);
        return switch (shape) {
            case MAJORITY_MINORITY -> {
                int minority = Math.max(1, ids.size() / 2);
                yield split(shuffled.subList(0, minority), shuffled.subList(minority, shuffled.size()));
            }
            case ISOLATED_LEADER -> {
                String alone = leader.filter(ids::contains).orElse(shuffled.getFirst());
                List<String> rest = new ArrayList<>(ids);
                rest.remove(alone);
                yield split(List.of(alone), rest);
            }
            case BRIDGE -> {
                if (ids.size() < 3) {
                    yield split(shuffled.subList(0, 1), shuffled.subList(1, shuffled.size()));
                }
                String bridge = shuffled.getFirst();
                List<String> others = shuffled.subList(1, shuffled.size());
                int half = others.size() / 2;
                Map<String, Set<String>> g = split(others.subList(0, half), others.subList(half, others.size()));
                g.put(bridge, Set.of());
                yield g;
            }
            case RANDOM_HALVES -> {
                List<String> a = new ArrayList<>();
                List<String> b = new ArrayList<>();
                for (String id : shuffled) {
                    (random.nextBoolean() ? a : b).add(id);
                }
                if (a.isEmpty()) {
                    a.add(b.removeLast());
                }
                if (b.isEmpty()) {
                    b.add(a.removeLast());
                }
                yield split(a, b);
            }
        };
    }

    /** Every node of {@code a} holds a grudge against every node of {@code b}, and back. */
    private static Map<String, Set<String>> split(List<String> a, List<String> b) {
        Map<String, Set<String>> g = new TreeMap<>();
        a.forEach(x -> g.put(x, new TreeSet<>(b)));
        b.forEach(x -> g.put(x, new TreeSet<>(a)));
        return g;
    }
}
