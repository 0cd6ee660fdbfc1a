package io.mynode.kernel.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.consensus.PeerNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultyNetworkTests {
    /** Nodes a, b and c on an in-memory network that delivers at once; what each received. */
    final Map<String, PeerNetwork.Receiver> receivers = new ConcurrentHashMap<>();
    final List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());

    PeerNetwork node(String self) {
        PeerNetwork network = new PeerNetwork() {
            @Override
            public void send(String to, byte[] message) {
                PeerNetwork.Receiver r = receivers.get(to);
                if (r != null) {
                    r.receive(self, message);
                }
            }

            @Override
            public void receiver(Receiver receiver) {
                receivers.put(self, receiver);
            }
        };
        return network;
    }

    void listen(String self, PeerNetwork network) {
        network.receiver((from, m) -> received.add(from + "->" + self + " " + new String(m)));
    }

    @Test
    void anIsolatedPeerIsCutBothWaysUntilHealed() {
        FaultyNetwork a = new FaultyNetwork("a", node("a"));
        PeerNetwork b = node("b");
        PeerNetwork c = node("c");
        listen("a", a);
        listen("b", b);
        listen("c", c);
        a.isolate(Set.of("b"));
        a.send("b", "1".getBytes());
        b.send("a", "2".getBytes());
        a.send("c", "3".getBytes());
        assertEquals(List.of("a->c 3"), received, "b is cut both ways, c is not");
        a.isolate(Set.of());
        a.send("b", "4".getBytes());
        b.send("a", "5".getBytes());
        assertEquals(List.of("a->c 3", "a->b 4", "b->a 5"), received);
    }

    @Test
    void thePartitionFileIsolatesWhatItListsAndAMissingFileHeals(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.faults");
        Files.writeString(file, "# a partition from b\nb\n");
        try (FaultyNetwork a = FaultyNetwork.watching("a", node("a"), file, Duration.ofMillis(10))) {
            assertEquals(Set.of("b"), a.isolated(), "read before watching returns");
            PartitionFile.write(file, List.of("c", "b"));
            await(() -> a.isolated().equals(Set.of("b", "c")));
            assertEquals(List.of("b", "c"), Files.readAllLines(file), "one id a line, sorted");
            Files.delete(file);
            await(() -> a.isolated().isEmpty());
            PartitionFile.write(file, List.of());
            assertEquals(Set.of(), PartitionFile.read(file));
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }
}
