package io.mynode.jepsen.nemesis;

import io.mynode.jepsen.history.Keyword;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.launch.ProcessCluster;
import java.util.List;
import java.util.Random;

/**
 * A fault injector. The runner alternates {@link #start} and {@link #stop} on one thread, logging
 * each as a nemesis op in the history ({@code {:process :nemesis, :f :start-partition, ...}}), so
 * reports and readers can line faults up with what clients saw. {@link #stop} undoes exactly what
 * the last {@link #start} did; {@link ProcessCluster#recover} undoes everything at the end regardless.
 */
public sealed interface Nemesis permits NoNemesis, KillNemesis, PauseNemesis, PartitionNemesis, MixedNemesis {

    /** A nemesis action for the history: Jepsen's {@code :f} and {@code :value}. */
    record Event(Keyword f, Object value) {}

    String name();

    /** Injects a fault, chosen with {@code random}; returns what it did. */
    Event start(Random random);

    /** Ends the fault the last {@link #start} injected; returns what it did. */
    Event stop();

    /** The nemesis named {@code name} over {@code cluster}; an unknown name is an error listing the names. */
    static Nemesis named(String name, ProcessCluster cluster) {
        return switch (name) {
            case "none" -> new NoNemesis();
            case "kill" -> new KillNemesis(cluster);
            case "pause" -> new PauseNemesis(cluster);
            case "partition" -> new PartitionNemesis(cluster);
            case "all" -> new MixedNemesis(List.of(new KillNemesis(cluster), new PauseNemesis(cluster),
                    new PartitionNemesis(cluster)));
            default -> throw new InvalidInputException(
                    "unknown nemesis '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** The nemesis names; the test matrix runs all but {@code none}. */
    List<String> NAMES = List.of("none", "kill", "pause", "partition", "all");
}
