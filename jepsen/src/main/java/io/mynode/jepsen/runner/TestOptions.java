package io.mynode.jepsen.runner;

import io.mynode.kernel.error.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one test run needs, as {@code mynode-jepsen test} takes it on the command line.
 *
 * @param workload register, bank, append or set
 * @param nemesis none, kill, pause, partition or all
 * @param time how long clients run
 * @param concurrency client threads (Jepsen's processes)
 * @param nodes cluster size
 * @param engine {@code storage.engine} for every node: btree or lsm
 * @param seed seeds every random choice (operations, fault targets); interleavings stay the OS's
 * @param store the parent directory; the run writes into a new subdirectory of it
 * @param distribution the unpacked distribution with {@code bin/mynode-server}
 * @param nemesisInterval how long each fault lasts, and each quiet period between faults
 * @param opTimeout an operation without an answer by then is indeterminate ({@code :info})
 * @param recoveryTimeout after healing, how long to wait for a leader and for final reads
 * @param nodeConfig extra {@code node.properties} keys for every node
 */
public record TestOptions(
        String workload,
        String nemesis,
        Duration time,
        int concurrency,
        int nodes,
        String engine,
        long seed,
        Path store,
        Path distribution,
        Duration nemesisInterval,
        Duration opTimeout,
        Duration recoveryTimeout,
        Map<String, String> nodeConfig) {

    public TestOptions {
        if (concurrency < 1 || nodes < 1) {
            throw new InvalidInputException("concurrency and nodes must be at least 1");
        }
        if (time.isNegative() || nemesisInterval.isNegative() || nemesisInterval.isZero() || opTimeout.isZero()) {
            throw new InvalidInputException("time, nemesis interval and op timeout must be positive");
        }
        nodeConfig = Map.copyOf(new TreeMap<>(nodeConfig));
    }

    /** Defaults in the spirit of Jepsen's: 5 nodes, 10 clients, a fault every 5 s for 5 s. */
    public static TestOptions defaults(String workload, String nemesis, Duration time, Path store, Path distribution) {
        return new TestOptions(workload, nemesis, time, 10, 5, "btree", System.nanoTime(), store, distribution,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), Map.of());
    }

    public TestOptions withConcurrency(int c) {
        return new TestOptions(workload, nemesis, time, c, nodes, engine, seed, store, distribution, nemesisInterval,
                opTimeout, recoveryTimeout, nodeConfig);
    }

    public TestOptions withSeed(long s) {
        return new TestOptions(workload, nemesis, time, concurrency, nodes, engine, s, store, distribution,
                nemesisInterval, opTimeout, recoveryTimeout, nodeConfig);
    }

    public TestOptions withEngine(String e) {
        return new TestOptions(workload, nemesis, time, concurrency, nodes, e, seed, store, distribution,
                nemesisInterval, opTimeout, recoveryTimeout, nodeConfig);
    }

    public TestOptions withTimeouts(Duration interval, Duration op, Duration recovery) {
        return new TestOptions(workload, nemesis, time, concurrency, nodes, engine, seed, store, distribution,
                interval, op, recovery, nodeConfig);
    }
}
