package io.mynode.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.UnavailableException;
import io.mynode.raft.core.Envelope;
import io.mynode.raft.core.MemoryLog;
import io.mynode.raft.core.Message;
import io.mynode.raft.core.RaftConfig;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ReplicaTests {
    private static final List<String> MEMBERS = List.of("n1", "n2", "n3");

    private static Replica follower(MemoryLog log, KvMachine machine, long seed) {
        return new Replica("n2", MEMBERS, log, new MemorySnapshots(machine, log), machine, RaftConfig.defaults(),
                new Timing(5, 20, 1000), new SplittableRandom(seed), "n2/" + seed,
                () -> 0L); // leases off in the defaults: the clock is never read
    }

    private static List<Long> readRequestIds(List<Envelope> out) {
        return out.stream().filter(e -> e.message() instanceof Message.ReadRequest)
                .flatMap(e -> ((Message.ReadRequest) e.message()).ids().stream()).toList();
    }

    @Test
    void aReadReplyMeantForAnEarlierIncarnationDoesNotCompleteANewRead() {
        MemoryLog log = new MemoryLog();
        KvMachine machine = new KvMachine((i, c) -> { });
        Replica before = follower(log, machine, 1);
        before.receive(new Envelope("n1", "n2", 1, new Message.Heartbeat(0, 0)));
        before.readIndex();
        List<Long> oldIds = readRequestIds(before.process());
        assertEquals(1, oldIds.size());

        // The node restarts; the leader's answer to the old request arrives afterwards.
        log.crash();
        Replica after = follower(log, machine, 2);
        after.receive(new Envelope("n1", "n2", 1, new Message.Heartbeat(0, 0)));
        CompletableFuture<Long> read = after.readIndex();
        List<Long> newIds = readRequestIds(after.process());
        assertFalse(newIds.contains(oldIds.getFirst()), "read ids must not repeat across incarnations");
        after.receive(new Envelope("n1", "n2", 1, new Message.ReadResponse(oldIds, 0)));
        after.process();
        assertFalse(read.isDone(), "a stale reply completed a new read");
    }

    @Test
    void aReadWithNoLeaderFailsAsUnavailableAfterItsTimeout() throws InterruptedException {
        Replica r = follower(new MemoryLog(), new KvMachine((i, c) -> { }), 3);
        CompletableFuture<Long> read = r.readIndex();
        for (int i = 0; i < 19 && !read.isDone(); i++) {
            r.process();
            r.receive(new Envelope("n1", "n2", 1, new Message.Heartbeat(0, 0))); // a leader, but it never answers
            r.tick();
        }
        r.process();
        r.tick();
        assertTrue(read.isDone());
        try {
            read.get();
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof UnavailableException, e.getCause().toString());
            return;
        }
        throw new AssertionError("the read should have failed");
    }
}
