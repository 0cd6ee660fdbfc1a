package io.mynode.repl.bench;

import io.mynode.kernel.client.Clients;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.ErrorKind;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.transport.Connection;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/mynode-bench}: runs a workload against a cluster and prints throughput, latency
 * percentiles and errors, like toyDB's {@code workload} tool. Exits 1 if the final data check
 * fails (a lost write, a broken bank invariant).
 */
@Command(name = "mynode-bench", mixinStandardHelpOptions = true, version = "mynode-bench " + io.mynode.kernel.boot.Kernel.VERSION,
        description = "Runs a workload (read, write, bank) against mynode and reports throughput and latency.")
public final class Bench implements Callable<Integer> {
    enum Kind { read, write, bank }

    @Parameters(index = "0", paramLabel = "WORKLOAD", description = "read, write or bank")
    Kind kind;

    @Option(names = "--hosts", split = ",", paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:9601,127.0.0.1:9602,127.0.0.1:9603,127.0.0.1:9604,127.0.0.1:9605",
            description = "nodes to spread clients over (default: the five local nodes)")
    List<String> hosts;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "16", description = "clients (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = {"-n", "--count"}, description = "operations in total (default: 10000 unless --duration)")
    Long count;

    @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS", description = "run for this long instead of --count")
    Double durationSeconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5",
            description = "run the workload this long first, unmeasured, so that every JVM's JIT has compiled "
                    + "the hot paths (default: ${DEFAULT-VALUE}; 0 for none)")
    double warmupSeconds;

    @Option(names = "--rows", defaultValue = "1000", description = "rows preloaded for read (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--accounts", defaultValue = "100", description = "accounts for bank (default: ${DEFAULT-VALUE})")
    int accounts;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @SuppressWarnings("try") // the progress reporter prints while the run goes on; closing it stops it
    @Override
    public Integer call() throws InterruptedException {
        io.mynode.repl.Main.quietLogging();
        PrintStream out = System.out;
        if (count != null && durationSeconds != null) {
            System.err.println("Error: give --count or --duration, not both");
            return 2;
        }
        if (concurrency < 1 || rows < 1 || accounts < 2 || (count != null && count < 1)
                || (durationSeconds != null && durationSeconds <= 0) || warmupSeconds < 0) {
            System.err.println("Error: --concurrency, --count, --duration and --rows must be positive, --warmup not negative, --accounts at least 2");
            return 2;
        }
        Workload workload = switch (kind) {
            case read -> new Workload.Read(rows);
            case write -> new Workload.Write();
            case bank -> new Workload.Bank(accounts, 1000);
        };
        List<Connection> nodes = new ArrayList<>();
        try {
            for (String h : hosts) {
                nodes.add(Clients.connect(HostPort.parse(h.strip(), "--hosts")));
            }
            try (Session setup = nodes.get(0).session()) {
                workload.setup(setup);
            }
            long warmedUp = 0;
            long firstTicket = 0;
            if (warmupSeconds > 0) {
                System.err.printf(Locale.ROOT, "warming up for %.0f s (not measured)%n", warmupSeconds);
                Run.Outcome warmup = new Run(new Run.Plan(workload, nodes, concurrency, 0,
                        Duration.ofMillis((long) (warmupSeconds * 1000)), 0)).execute();
                warmedUp = warmup.operations();
                firstTicket = warmup.nextTicket();
            }
            long n = count != null ? count : durationSeconds != null ? 0 : 10_000;
            Duration duration = durationSeconds == null ? null : Duration.ofMillis((long) (durationSeconds * 1000));
            Run run = new Run(new Run.Plan(workload, nodes, concurrency, n, duration, firstTicket));
            Run.Outcome outcome;
            try (Progress progress = Progress.start(run, n, duration)) {
                outcome = run.execute();
            }
            summary(out, workload, nodes.size(), outcome);
            String check;
            try (Session verify = nodes.get(0).session()) {
                check = workload.check(verify, warmedUp + outcome.operations());
            }
            out.println("check        ok: " + check);
            return 0;
        } catch (RuntimeException e) {
            System.err.println("Error: " + e.getMessage());
            return 1;
        } finally {
            nodes.forEach(Connection::close);
        }
    }

    private void summary(PrintStream out, Workload workload, int nodes, Run.Outcome o) {
        Histogram h = o.latencyMicros();
        out.printf(Locale.ROOT, "workload     %s: %d clients over %d nodes, %d operations in %.1f s%n",
                workload.name(), concurrency, nodes, o.operations(), o.elapsedNanos() / 1e9);
        out.printf(Locale.ROOT, "throughput   %.0f ops/s%n", o.throughput());
        if (h.getTotalCount() > 0) {
            out.printf(Locale.ROOT, "latency      p50 %s  p90 %s  p99 %s  max %s%n",
                    ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()));
        }
        out.println("errors       " + kinds(o.errors()));
        out.println("retries      " + kinds(o.retries()));
        if (o.unfinished() > 0) {
            out.println("unfinished   " + o.unfinished() + " (still retrying when the time was up)");
        }
        if (o.firstError() != null) {
            out.println("first error  " + o.firstError());
        }
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }

    private static String kinds(Map<ErrorKind, Long> byKind) {
        return byKind.isEmpty() ? "none" : byKind.entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
