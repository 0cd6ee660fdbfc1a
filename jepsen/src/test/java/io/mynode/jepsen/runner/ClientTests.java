package io.mynode.jepsen.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.jepsen.checker.Result;
import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Op;
import io.mynode.jepsen.workload.RegisterWorkload;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.OutcomeUnknownException;
import io.mynode.kernel.error.SerializationFailure;
import io.mynode.kernel.error.UnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClientTests {

    /** Runs {@code threads} clients against {@code node} for {@code millis} and returns the history. */
    private static History run(FakeRegisterNode node, int threads, long millis, Duration opTimeout) throws Exception {
        RegisterWorkload workload = new RegisterWorkload(30, 3);
        workload.setup(node);
        Recorder recorder = new Recorder();
        long deadline = System.nanoTime() + millis * 1_000_000;
        List<Thread> ts = new ArrayList<>();
        List<HostPort> nodes = List.of(new HostPort("127.0.0.1", 1), new HostPort("127.0.0.1", 2));
        for (int i = 0; i < threads; i++) {
            ts.add(Thread.ofPlatform().start(new Client(i, threads, nodes, a -> node, workload, recorder, i,
                    opTimeout, deadline)));
        }
        for (Thread t : ts) {
            t.join();
        }
        return recorder.close();
    }

    @Nested
    class EndToEndOverAFakeNode {
        @Test
        void aCorrectNodeGivesALinearizableHistory() throws Exception {
            History h = run(new FakeRegisterNode(false, 0), 4, 400, Duration.ofSeconds(2));
            assertTrue(h.operations().size() > 50, "ops: " + h.operations().size());
            assertTrue(h.operations().stream().allMatch(o -> o.completion().isPresent()));
            assertEquals(Result.Validity.VALID, new RegisterWorkload().checker().check(h).validity());
        }

        @Test
        void aNodeServingStaleReadsIsCaught() throws Exception {
            History h = run(new FakeRegisterNode(true, 0), 4, 400, Duration.ofSeconds(2));
            assertEquals(Result.Validity.INVALID, new RegisterWorkload().checker().check(h).validity());
        }

        @Test
        void aHungWriteIsInfoAndTheThreadGoesOnAsANewProcess() throws Exception {
            History h = run(new FakeRegisterNode(false, 300), 2, 500, Duration.ofMillis(50));
            List<History.Operation> infos = h.operations().stream()
                    .filter(o -> o.outcome() == Op.Type.INFO).toList();
            assertTrue(!infos.isEmpty(), "some writes timed out");
            assertTrue(infos.stream().allMatch(o -> o.completion().orElseThrow().error().startsWith("timeout")));
            assertTrue(h.operations().stream().anyMatch(o -> o.invoke().process() >= 2),
                    "a retired process is replaced by process + concurrency");
            assertEquals(Result.Validity.VALID, new RegisterWorkload().checker().check(h).validity());
        }
    }

    @Nested
    class Classification {
        @Test
        void errorsThatPromiseNothingHappenedAreFail() {
            assertEquals(Op.Type.FAIL, Client.classify(new SerializationFailure("conflict"), false));
            assertEquals(Op.Type.FAIL, Client.classify(new UnavailableException("no leader"), false));
        }

        @Test
        void unknownOutcomesAreInfoExceptForReads() {
            assertEquals(Op.Type.INFO, Client.classify(new OutcomeUnknownException("lost"), false));
            assertEquals(Op.Type.INFO, Client.classify(new IllegalStateException("channel closed"), false));
            assertEquals(Op.Type.FAIL, Client.classify(new OutcomeUnknownException("lost"), true));
        }
    }
}
