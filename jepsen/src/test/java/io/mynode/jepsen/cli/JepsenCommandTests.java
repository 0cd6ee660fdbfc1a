package io.mynode.jepsen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JepsenCommandTests {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return JepsenCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void checkExitsZeroForAValidHistoryAndPrintsResults(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("history.edn");
        Files.writeString(h, """
                {:index 0 :type :invoke :process 0 :f :add :value 1}
                {:index 1 :type :ok :process 0 :f :add :value 1}
                {:index 2 :type :invoke :process 0 :f :read :value nil}
                {:index 3 :type :ok :process 0 :f :read :value #{1}}
                """);
        assertEquals(0, run("check", "--workload", "set", h.toString()));
        assertTrue(out.toString().startsWith("{:valid? true"), out.toString());
    }

    @Test
    void checkExitsOneForALostWriteAndWritesReports(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("history.edn");
        Files.writeString(h, """
                {:index 0 :type :invoke :process 0 :f :add :value 1 :time 1000000}
                {:index 1 :type :ok :process 0 :f :add :value 1 :time 2000000}
                {:index 2 :type :invoke :process 0 :f :read :value nil :time 3000000}
                {:index 3 :type :ok :process 0 :f :read :value #{} :time 4000000}
                """);
        Path reports = dir.resolve("out");
        assertEquals(1, run("check", "--workload", "set", "--out", reports.toString(), h.toString()));
        assertTrue(out.toString().contains(":lost [1]"), out.toString());
        assertTrue(Files.size(reports.resolve("results.edn")) > 0);
        assertTrue(Files.size(reports.resolve("latency-raw.png")) > 1000);
        assertTrue(Files.size(reports.resolve("rate.png")) > 1000);
        assertTrue(Files.readString(reports.resolve("timeline.html")).contains(":f :add"));
    }

    @Test
    void checkExitsTwoWhenNothingWasObserved(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("history.edn");
        Files.writeString(h, "{:type :invoke :process 0 :f :read :value nil}\n{:type :fail :process 0 :f :read :value nil}\n");
        assertEquals(2, run("check", "--workload", "bank", h.toString()));
    }

    @Test
    void bankTotalsComeFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path h = dir.resolve("history.edn");
        Files.writeString(h, "{:type :invoke :process 0 :f :read :value nil}\n{:type :ok :process 0 :f :read :value {0 3, 1 4}}\n");
        assertEquals(0, run("check", "--workload", "bank", "--accounts", "2", "--total", "7", h.toString()));
        assertEquals(1, run("check", "--workload", "bank", h.toString()));
    }

    @Test
    void aMissingOrMalformedFileIsAnErrorNotAVerdict(@TempDir Path dir) throws Exception {
        assertEquals(JepsenCommand.CRASH, run("check", "--workload", "set", dir.resolve("nope.edn").toString()));
        Path bad = dir.resolve("bad.edn");
        Files.writeString(bad, "{:type :ok");
        assertEquals(JepsenCommand.CRASH, run("check", "--workload", "set", bad.toString()));
        assertTrue(err.toString().contains("Error:"), err.toString());
    }

    @Test
    void badUsageExitsWithTheUsageStatus() {
        assertEquals(JepsenCommand.USAGE, run("check", "--no-such-flag"));
        assertEquals(JepsenCommand.CRASH, run("check", "--workload", "queue", "x.edn"));
    }

    @Test
    void testRefusesUnknownNamesBeforeStartingAnything(@TempDir Path dir) {
        assertEquals(JepsenCommand.CRASH, run("test", "--workload", "register", "--nemesis", "meteor",
                "--store", dir.toString()));
        assertTrue(err.toString().contains("unknown nemesis 'meteor'"), err.toString());
    }

    @Test
    void testWithoutADistributionSaysHowToBuildOne(@TempDir Path dir) {
        assertEquals(JepsenCommand.CRASH, run("test", "--workload", "set", "--nemesis", "none", "--time", "1",
                "--store", dir.toString(), "--distribution", dir.resolve("nothing").toString()));
        assertTrue(err.toString().contains("build the distribution first"), err.toString());
    }
}
