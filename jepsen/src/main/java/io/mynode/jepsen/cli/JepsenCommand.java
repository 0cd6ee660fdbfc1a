package io.mynode.jepsen.cli;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.jepsen.checker.AppendChecker;
import io.mynode.jepsen.checker.BankChecker;
import io.mynode.jepsen.checker.Checker;
import io.mynode.jepsen.history.Edn;
import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Keyword;
import io.mynode.jepsen.report.Results;
import io.mynode.jepsen.runner.Analysis;
import io.mynode.jepsen.runner.TestOptions;
import io.mynode.jepsen.runner.TestRun;
import io.mynode.jepsen.workload.Workload;
import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.storage.StorageEngineProvider;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mynode-jepsen}: run a Jepsen-style test against real mynode processes, or check a history
 * file. Exit status: 0 valid, 1 invalid, 2 unknown, 254 bad usage, 255 the test itself crashed.
 */
@Command(name = "mynode-jepsen", mixinStandardHelpOptions = true, version = "mynode-jepsen 0.1.0",
        description = "Jepsen-style fault-injection tests for mynode.",
        subcommands = {JepsenCommand.Test.class, JepsenCommand.Check.class})
public final class JepsenCommand implements Callable<Integer> {
    /** The top-level command; picocli fills its subcommands' options. */
    public JepsenCommand() {}

    /** Exit status for a command line that could not be understood. */
    static final int USAGE = 254;
    /** Exit status for a test that could not run to a verdict (no distribution, no leader, ...). */
    static final int CRASH = 255;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line; returns the exit status instead of exiting (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new JepsenCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("Error: " + e.getMessage());
            e.getCommandLine().usage(err);
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            err.println("Error: " + e.getMessage());
            if (!(e instanceof MynodeException || e instanceof UncheckedIOException
                    || e instanceof IllegalArgumentException)) {
                e.printStackTrace(err);
            }
            return CRASH;
        });
        return cli.execute(args);
    }

    /** {@code check}: judge an existing history.edn (ours, or one Jepsen wrote). */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check an existing history file and print results.edn.")
    static final class Check implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--workload", required = true, description = "register, bank, append or set")
        String workload;

        @Option(names = "--accounts", defaultValue = "5", description = "bank: number of accounts, ids 0..N-1 (default ${DEFAULT-VALUE})")
        int accounts;

        @Option(names = "--total", defaultValue = "100", description = "bank: total money (default ${DEFAULT-VALUE})")
        long total;

        @Option(names = "--consistency", defaultValue = "strict-serializable",
                description = "append: strict-serializable (real-time order too) or serializable (default ${DEFAULT-VALUE})")
        String consistency;

        @Option(names = "--out", description = "also write results.edn, plots and timeline.html into DIR")
        Path out;

        @Parameters(paramLabel = "FILE.edn", description = "the history")
        Path file;

        @Override
        public Integer call() throws java.io.IOException {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException("no such history file: " + file);
            }
            Checker checker = checker(workload, accounts, total, consistency);
            History history = History.read(file);
            Map<Keyword, Object> results = Analysis.check(checker, history, Map.of());
            if (out != null) {
                Files.createDirectories(out);
                Analysis.writeReports(out, history, results);
            }
            spec.commandLine().getOut().print(Results.format(results));
            spec.commandLine().getOut().flush();
            return Analysis.validity(results).exitCode();
        }
    }

    static Checker checker(String workload, int accounts, long total, String consistency) {
        if (workload.equals("append")) {
            return switch (consistency) {
                case "strict-serializable" -> new AppendChecker(8, true);
                case "serializable" -> new AppendChecker(8, false);
                default -> throw new InvalidInputException("unknown consistency model '" + consistency
                        + "'; known: strict-serializable, serializable");
            };
        }
        if (workload.equals("bank")) {
            Set<Object> ids = new HashSet<>();
            for (long i = 0; i < accounts; i++) {
                ids.add(i);
            }
            return new BankChecker(ids, total);
        }
        return Workload.named(workload).checker();
    }

    /** {@code test}: run a workload against a fresh cluster under a nemesis. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Start a cluster from the distribution, run a workload under faults, check it.")
    static final class Test implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--workload", required = true, description = "register, bank, append or set")
        String workload;

        @Option(names = "--nemesis", defaultValue = "all", description = "none, kill, pause, partition or all (default ${DEFAULT-VALUE})")
        String nemesis;

        @Option(names = "--time", defaultValue = "60", description = "seconds of client operations (default ${DEFAULT-VALUE})")
        long time;

        @Option(names = "--concurrency", defaultValue = "10", description = "client processes (default ${DEFAULT-VALUE})")
        int concurrency;

        @Option(names = "--nodes", defaultValue = "5", description = "cluster size (default ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--engine", defaultValue = "btree",
                description = "storage engine, one of those in the distribution: btree, lsm, ... (default ${DEFAULT-VALUE})")
        String engine;

        @Option(names = "--seed", description = "seed for operations and fault choices (default: random)")
        Long seed;

        @Option(names = "--store", defaultValue = "store", description = "where runs are written (default ${DEFAULT-VALUE})")
        Path store;

        @Option(names = "--distribution", description = "the distribution directory with bin/mynode-server "
                + "(default: $MYNODE_HOME, else assembly/target/mynode)")
        Path distribution;

        @Option(names = "--nemesis-interval", defaultValue = "5", description = "seconds each fault lasts, and between faults (default ${DEFAULT-VALUE})")
        double nemesisInterval;

        @Option(names = "--op-timeout", defaultValue = "5", description = "seconds before an unanswered op is :info (default ${DEFAULT-VALUE})")
        double opTimeout;

        @Option(names = "--recovery-timeout", defaultValue = "30", description = "seconds to wait for a leader and final reads after healing (default ${DEFAULT-VALUE})")
        double recoveryTimeout;

        @Option(names = "--node-config", description = "extra node.properties KEY=VALUE for every node (repeatable)")
        Map<String, String> nodeConfig = new LinkedHashMap<>();

        @Override
        public Integer call() {
            if (!Workload.NAMES.contains(workload)) {
                throw new InvalidInputException("unknown workload '" + workload + "'; known: " + Workload.NAMES);
            }
            if (!io.mynode.jepsen.nemesis.Nemesis.NAMES.contains(nemesis)) {
                throw new InvalidInputException("unknown nemesis '" + nemesis + "'; known: "
                        + io.mynode.jepsen.nemesis.Nemesis.NAMES);
            }
            // The engines this JVM's module path holds, which are the distribution's; a JVM with none
            // (a test's class path) leaves the check to the nodes, which list what they found.
            List<String> engines = Plugins.names(StorageEngineProvider.class);
            if (!engines.isEmpty() && !engines.contains(engine)) {
                throw new InvalidInputException("unknown engine '" + engine + "'; found: " + String.join(", ", engines));
            }
            TestOptions options = new TestOptions(workload, nemesis, Duration.ofSeconds(time), concurrency, nodes,
                    engine, seed != null ? seed : System.nanoTime(), store, distribution(),
                    seconds(nemesisInterval), seconds(opTimeout), seconds(recoveryTimeout), nodeConfig);
            PrintWriter err = spec.commandLine().getErr();
            TestRun.Outcome outcome = TestRun.execute(options, line -> {
                err.println(line);
                err.flush();
            });
            spec.commandLine().getOut().print(Results.format(outcome.results()));
            spec.commandLine().getOut().println("Results in " + outcome.directory());
            spec.commandLine().getOut().flush();
            return outcome.validity().exitCode();
        }

        private Path distribution() {
            if (distribution != null) {
                return distribution;
            }
            String home = System.getProperty("mynode.home", System.getenv("MYNODE_HOME"));
            return home != null ? Path.of(home) : Path.of("assembly", "target", "mynode");
        }

        private static Duration seconds(double s) {
            return Duration.ofMillis((long) (s * 1000));
        }
    }
}
