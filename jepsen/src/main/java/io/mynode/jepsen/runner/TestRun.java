package io.mynode.jepsen.runner;

import io.mynode.jepsen.checker.Result;
import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Keyword;
import io.mynode.jepsen.history.Op;
import io.mynode.jepsen.nemesis.Nemesis;
import io.mynode.jepsen.workload.Workload;
import io.mynode.kernel.client.Clients;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.launch.NodeProcess;
import io.mynode.kernel.launch.ProcessCluster;
import io.mynode.kernel.transport.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One Jepsen test run, start to verdict:
 *
 * <pre>
 *   1. start the cluster from the distribution; wait for a leader; create the workload's tables
 *   2. for --time: C client threads invoke operations; the nemesis alternates fault and quiet
 *   3. stop clients (an op still unanswered stays :info), heal every fault, wait for a leader
 *   4. final operations (a read of everything), each retried until it succeeds or time runs out
 *   5. stop the cluster; write history.edn; check; write results.edn, plots and the timeline
 * </pre>
 *
 * Each run gets its own directory {@code <store>/<workload>-<nemesis>-<timestamp>/} with the node
 * logs and data beside the reports, so a failure can be investigated afterwards. Every node started
 * is stopped when the run ends, however it ends (a JVM shutdown hook covers Ctrl-C).
 */
public final class TestRun {
    /**
     * What a run produced.
     *
     * @param directory where its files are
     * @param validity the verdict
     * @param results the results map as written to {@code results.edn}
     * @param history the history as written to {@code history.edn}
     */
    public record Outcome(Path directory, Result.Validity validity, Map<Keyword, Object> results, History history) {}

    private final TestOptions options;
    private final Consumer<String> log;
    private final Function<HostPort, Connection> connector;

    private TestRun(TestOptions options, Consumer<String> log, Function<HostPort, Connection> connector) {
        this.options = options;
        long began = System.nanoTime();
        this.log = line -> log.accept(String.format(java.util.Locale.ROOT, "[%6.1fs] %s",
                (System.nanoTime() - began) / 1e9, line));
        this.connector = connector;
    }

    /**
     * Runs the test {@code options} describe on a cluster of its own, started and stopped here;
     * {@code log} receives progress lines.
     */
    public static Outcome execute(TestOptions options, Consumer<String> log) {
        return new TestRun(options, log, Clients::connect).run(null);
    }

    /**
     * Runs the test on {@code cluster}, which the caller created and owns: it is started if needed,
     * fully recovered at the end, and left running. Several runs can share one cluster as long as
     * their workloads use different tables (each workload has its own), which saves the boot of
     * every node per run; the test matrix does this. {@code options.nodes()} is ignored.
     */
    public static Outcome execute(TestOptions options, ProcessCluster cluster, Consumer<String> log) {
        return new TestRun(options, log, Clients::connect).run(cluster);
    }

    /**
     * JVM options for test nodes unless {@code JAVA_OPTS} is set: several nodes share a small
     * machine, so a small heap, the serial collector and the C1 compiler only (faster start, less
     * CPU spent compiling; throughput does not matter here, correctness does).
     */
    static final String NODE_JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    /**
     * A cluster for test runs, laid out under {@code store} by the kernel's launcher: nodes
     * {@code n1..nN} on free loopback ports, each with a partition file for the nemesis and an empty
     * data directory (an earlier run's rows would read as anomalies), small JVMs unless
     * {@code JAVA_OPTS} says otherwise, and {@code extra} keys (raft timeouts, ...). Not started.
     */
    public static ProcessCluster cluster(Path distribution, Path store, int nodes, String engine,
            Map<String, String> extra, Function<HostPort, Connection> connector) {
        ProcessCluster.Builder builder = ProcessCluster.builder(distribution, store).nodes(nodes).idPrefix("n")
                .engine(engine).properties(extra).faults(true).fresh(true).connector(connector);
        if (System.getenv("JAVA_OPTS") == null) {
            builder.javaOptions(NODE_JAVA_OPTS);
        }
        return builder.build();
    }

    private Outcome run(ProcessCluster shared) {
        Workload workload = Workload.named(options.workload());
        Path dir = options.store().resolve(options.workload() + "-" + options.nemesis() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS")));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("creating store directory " + dir, e);
        }
        log.accept("store: " + dir);
        History history;
        if (shared != null) {
            history = drive(shared, Nemesis.named(options.nemesis(), shared), workload);
        } else {
            try (ProcessCluster cluster = cluster(options.distribution(), dir, options.nodes(), options.engine(),
                    options.nodeConfig(), connector)) {
                history = drive(cluster, Nemesis.named(options.nemesis(), cluster), workload);
            }
        }
        history.write(dir.resolve("history.edn"));
        Map<Keyword, Object> results = Analysis.check(workload.checker(), history, describe());
        Analysis.writeReports(dir, history, results);
        Result.Validity validity = Analysis.validity(results);
        log.accept("history: " + history.operations().size() + " operations; valid? " + validity.edn());
        linkLatest(dir);
        return new Outcome(dir, validity, results, history);
    }

    private History drive(ProcessCluster cluster, Nemesis nemesis, Workload workload) {
        log.accept("starting " + cluster.nodes().size() + " nodes (" + options.engine() + ")");
        cluster.start();
        String leader = cluster.awaitMajorityLeader(options.recoveryTimeout().plusSeconds(30));
        log.accept("leader: " + leader);
        setup(cluster, workload);
        // Time 0 of the history is when clients start, so plots begin with the test, not the boot.
        Recorder recorder = new Recorder();

        List<HostPort> addresses = cluster.nodes().stream().map(NodeProcess::address).toList();
        long deadline = System.nanoTime() + options.time().toNanos();
        List<Client> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.concurrency(); i++) {
            Client c = new Client(i, options.concurrency(), addresses, connector, workload, recorder,
                    options.seed() * 1_000_003L + i, options.opTimeout(), deadline);
            clients.add(c);
            threads.add(Thread.ofPlatform().name("jepsen-client-" + i).start(c));
        }
        log.accept(options.concurrency() + " clients running for " + options.time().toSeconds() + " s, nemesis "
                + nemesis.name());
        runNemesis(cluster, nemesis, recorder, deadline);
        for (Thread t : threads) {
            join(t, options.opTimeout().plusSeconds(10));
        }
        log.accept("clients done; healing the cluster");
        cluster.recover();
        try {
            cluster.awaitMajorityLeader(options.recoveryTimeout());
        } catch (UnavailableException e) {
            log.accept("no leader after healing: " + e.getMessage());
        }
        finalOps(workload, recorder, addresses, clients.size());
        return recorder.close();
    }

    /** Creates the workload's tables, retrying while the cluster settles. */
    private void setup(ProcessCluster cluster, Workload workload) {
        long deadline = System.nanoTime() + options.recoveryTimeout().toNanos();
        MynodeException last = null;
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            NodeProcess node = cluster.nodes().get(attempt++ % cluster.nodes().size());
            try (Connection c = connector.apply(node.address())) {
                workload.setup(c);
                return;
            } catch (MynodeException e) {
                last = e;
                sleep(250);
            }
        }
        throw new UnavailableException("could not set up workload " + workload.name() + ": "
                + (last == null ? "no attempt finished" : last.getMessage()));
    }

    /** Quiet, fault, quiet, fault ... until the deadline; the last fault is always undone. */
    private void runNemesis(ProcessCluster cluster, Nemesis nemesis, Recorder recorder, long deadline) {
        Random random = new Random(options.seed() ^ 0x5DEECE66DL);
        long interval = options.nemesisInterval().toNanos();
        boolean faulty = false;
        while (true) {
            long wake = System.nanoTime() + interval;
            sleepUntil(Math.min(wake, deadline));
            if (System.nanoTime() >= deadline) {
                break;
            }
            if (options.nemesis().equals("none")) {
                continue;
            }
            if (!faulty && deadline - System.nanoTime() < interval / 2) {
                continue;
            }
            try {
                Nemesis.Event e = faulty ? nemesis.stop() : nemesis.start(random);
                faulty = !faulty;
                recorder.nemesis(e.f(), e.value());
                log.accept("nemesis " + e.f() + " " + io.mynode.jepsen.history.Edn.write(e.value()));
            } catch (RuntimeException e) {
                recorder.nemesis(Keyword.of("nemesis-error"), e.toString());
                log.accept("nemesis failed: " + e);
            }
        }
        if (faulty) {
            Nemesis.Event e = nemesis.stop();
            recorder.nemesis(e.f(), e.value());
            log.accept("nemesis " + e.f() + " " + io.mynode.jepsen.history.Edn.write(e.value()));
        }
    }

    /** Each final operation, by a fresh process, retried on any node until :ok or the recovery timeout. */
    private void finalOps(Workload workload, Recorder recorder, List<HostPort> addresses, int concurrency) {
        long deadline = System.nanoTime() + options.recoveryTimeout().toNanos();
        int thread = concurrency * 1000;
        for (Workload.Invocation op : workload.finalOps()) {
            Client c = new Client(thread, concurrency, addresses, connector, workload, recorder, options.seed(),
                    options.opTimeout(), deadline);
            int node = 0;
            Op.Type last = Op.Type.FAIL;
            while (System.nanoTime() < deadline) {
                c.bindTo(node++);
                if (c.connect() && (last = c.invoke(op)) == Op.Type.OK) {
                    break;
                }
                sleep(200);
            }
            c.disconnect();
            if (last != Op.Type.OK) {
                log.accept("final " + op.f() + " never succeeded");
            }
            thread++;
        }
    }

    private Map<Keyword, Object> describe() {
        Map<Keyword, Object> m = new LinkedHashMap<>();
        m.put(Keyword.of("workload"), Keyword.of(options.workload()));
        m.put(Keyword.of("nemesis"), Keyword.of(options.nemesis()));
        m.put(Keyword.of("time-limit"), options.time().toSeconds());
        m.put(Keyword.of("concurrency"), (long) options.concurrency());
        m.put(Keyword.of("nodes"), (long) options.nodes());
        m.put(Keyword.of("engine"), options.engine());
        m.put(Keyword.of("seed"), options.seed());
        m.put(Keyword.of("nemesis-interval-ms"), options.nemesisInterval().toMillis());
        m.put(Keyword.of("op-timeout-ms"), options.opTimeout().toMillis());
        return m;
    }

    /** {@code <store>/latest} points at the newest run, as Jepsen's {@code store/latest} does. */
    private static void linkLatest(Path dir) {
        Path latest = dir.getParent().resolve("latest");
        try {
            Files.deleteIfExists(latest);
            Files.createSymbolicLink(latest, dir.getFileName());
        } catch (IOException | UnsupportedOperationException e) {
            // A convenience only; a file system without symbolic links still has the run directory.
        }
    }

    private static void join(Thread t, Duration max) {
        try {
            t.join(max);
            if (t.isAlive()) {
                t.interrupt();
                t.join(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            sleep(left / 1_000_000 + 1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("test interrupted");
        }
    }
}
