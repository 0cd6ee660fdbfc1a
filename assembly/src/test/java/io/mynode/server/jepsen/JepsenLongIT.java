package io.mynode.server.jepsen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.jepsen.checker.Result;
import io.mynode.jepsen.report.Results;
import io.mynode.jepsen.runner.TestOptions;
import io.mynode.jepsen.runner.TestRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Longer Jepsen runs, only with {@code -Plong}: every workload on both storage engines under the
 * mixed nemesis for two minutes each, a fresh five-node cluster per run (about half an hour in
 * all on a 2-core machine). For longer still, use {@code bin/mynode-jepsen test --time 600}.
 */
@Tag("slow")
class JepsenLongIT {
    static final Path DISTRIBUTION = Path.of("target", "mynode").toAbsolutePath();
    static final Path STORE = Path.of("target", "jepsen-store-long").toAbsolutePath();

    @BeforeAll
    static void distributionIsBuilt() {
        assertTrue(Files.isExecutable(DISTRIBUTION.resolve("bin").resolve("mynode-server")),
                "run after `package`: no " + DISTRIBUTION + "/bin/mynode-server");
    }

    static Stream<Arguments> runs() {
        return Stream.of("btree", "lsm").flatMap(engine -> Stream.of("register", "bank", "append", "set")
                .map(workload -> Arguments.of(workload, engine)));
    }

    @ParameterizedTest(name = "{0} on {1} under all")
    @MethodSource("runs")
    void aLongRunUnderEveryKindOfFaultIsValid(String workload, String engine) {
        TestOptions options = new TestOptions(workload, "all", Duration.ofMinutes(2), 10, 5, engine,
                workload.hashCode() * 17L + engine.hashCode(), STORE, DISTRIBUTION, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(60), Map.of());
        StringBuilder log = new StringBuilder();
        TestRun.Outcome outcome = TestRun.execute(options, line -> log.append(line).append('\n'));
        assertEquals(Result.Validity.VALID, outcome.validity(), workload + " on " + engine + " ("
                + outcome.directory() + "):\n" + log + Results.format(outcome.results()));
    }
}
