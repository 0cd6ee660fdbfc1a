package io.mynode.jepsen.nemesis;

import io.mynode.jepsen.history.Keyword;
import io.mynode.kernel.launch.ProcessCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Crashes a minority of nodes with SIGKILL (no shutdown hook runs, nothing is flushed that was not
 * already durable), then restarts them: a restarted node must recover from its Raft log and catch
 * up. Single-threaded (the runner's nemesis thread).
 */
public final class KillNemesis implements Nemesis {
    private final ProcessCluster cluster;
    private List<String> killed = List.of();

    public KillNemesis(ProcessCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "kill";
    }

    @Override
    public Event start(Random random) {
        killed = Targets.minority(cluster.ids(), cluster.currentLeader(), random);
        killed.forEach(id -> cluster.node(id).kill());
        return new Event(Keyword.of("start-kill"), new ArrayList<>(killed));
    }

    @Override
    public Event stop() {
        List<String> restarted = killed;
        restarted.forEach(id -> cluster.node(id).start());
        killed = List.of();
        return new Event(Keyword.of("stop-kill"), new ArrayList<>(restarted));
    }
}
