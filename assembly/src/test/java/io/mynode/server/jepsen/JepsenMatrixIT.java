package io.mynode.server.jepsen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.jepsen.checker.Result;
import io.mynode.jepsen.history.Edn;
import io.mynode.jepsen.history.Keyword;
import io.mynode.jepsen.report.Results;
import io.mynode.jepsen.runner.TestOptions;
import io.mynode.jepsen.runner.TestRun;
import io.mynode.kernel.client.Clients;
import io.mynode.kernel.launch.ProcessCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Jepsen matrix, short: every workload under every nemesis against five real node processes
 * started from the distribution that {@code package} just built. One cluster per nemesis serves its
 * four workloads in turn (each workload has its own tables, and every run ends by healing and
 * restarting whatever its nemesis broke), so nodes boot four times rather than sixteen. Each run
 * has 6 s of operations with a fault every 1.5 s; long runs are {@code bin/mynode-jepsen test}
 * (see the README).
 *
 * <p>Every run must be valid and must have succeeded at something: an invalid history is a bug in
 * mynode (or in the suite), and the failure message names the run's directory under
 * {@code target/jepsen-store/} with its history, results, plots and node logs.
 */
class JepsenMatrixIT {
    static final Path DISTRIBUTION = Path.of("target", "mynode").toAbsolutePath();
    static final Path STORE = Path.of("target", "jepsen-store").toAbsolutePath();

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class UnderNemesis {
        private ProcessCluster cluster;

        abstract String nemesis();

        @BeforeAll
        void startCluster() {
            assertTrue(Files.isExecutable(DISTRIBUTION.resolve("bin").resolve("mynode-server")),
                    "run after `package`: no " + DISTRIBUTION + "/bin/mynode-server");
            cluster = TestRun.cluster(DISTRIBUTION, STORE.resolve("cluster-" + nemesis()), 5, "btree", Map.of(),
                    Clients::connect);
        }

        @AfterAll
        void stopCluster() {
            if (cluster != null) {
                cluster.close();
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"register", "bank", "append", "set"})
        void aShortRunIsValid(String workload) throws java.io.IOException {
            TestOptions options = new TestOptions(workload, nemesis(), Duration.ofSeconds(6), 5, 5, "btree",
                    workload.hashCode() * 31L + nemesis().hashCode(), STORE, DISTRIBUTION,
                    Duration.ofMillis(1500), Duration.ofSeconds(3), Duration.ofSeconds(30), Map.of());
            StringBuilder log = new StringBuilder();
            TestRun.Outcome outcome = TestRun.execute(options, cluster, line -> log.append(line).append('\n'));
            String summary = workload + " under " + nemesis() + " (" + outcome.directory() + "):\n" + log
                    + Results.format(outcome.results());
            long ok = outcome.history().operations().stream().filter(o -> o.ok()).count();
            assertTrue(ok > 0, "no operation succeeded: " + summary);
            assertEquals(Result.Validity.VALID, outcome.validity(), summary);
            assertTrue(Files.size(outcome.directory().resolve("history.edn")) > 0);
            assertTrue(Files.exists(outcome.directory().resolve("latency-raw.png")));
            System.out.println(workload + " / " + nemesis() + ": " + outcome.history().operations().size()
                    + " ops, " + ok + " ok; " + Edn.write(outcome.results().get(Keyword.of("stats"))));
        }
    }

    @Nested
    class Kill extends UnderNemesis {
        @Override
        String nemesis() {
            return "kill";
        }
    }

    @Nested
    class Pause extends UnderNemesis {
        @Override
        String nemesis() {
            return "pause";
        }
    }

    @Nested
    class Partition extends UnderNemesis {
        @Override
        String nemesis() {
            return "partition";
        }
    }

    @Nested
    class All extends UnderNemesis {
        @Override
        String nemesis() {
            return "all";
        }
    }
}
