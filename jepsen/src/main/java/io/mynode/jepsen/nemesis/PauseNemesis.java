package io.mynode.jepsen.nemesis;

import io.mynode.jepsen.history.Keyword;
import io.mynode.kernel.launch.ProcessCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Freezes a minority of nodes with SIGSTOP and thaws them with SIGCONT: the process keeps its
 * sockets and memory but does nothing, like a long GC pause or a stalled VM. A paused leader that
 * wakes up must notice it was deposed rather than serve stale reads. Single-threaded.
 */
public final class PauseNemesis implements Nemesis {
    private final ProcessCluster cluster;
    private List<String> paused = List.of();

    public PauseNemesis(ProcessCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "pause";
    }

    @Override
    public Event start(Random random) {
        paused = Targets.minority(cluster.ids(), cluster.currentLeader(), random);
        paused.forEach(id -> cluster.node(id).pause());
        return new Event(Keyword.of("start-pause"), new ArrayList<>(paused));
    }

    @Override
    public Event stop() {
        List<String> resumed = paused;
        resumed.forEach(id -> cluster.node(id).resume());
        paused = List.of();
        return new Event(Keyword.of("stop-pause"), new ArrayList<>(resumed));
    }
}
