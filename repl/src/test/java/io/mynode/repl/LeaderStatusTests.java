package io.mynode.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LeaderStatusTests {
    static final HostPort REPL_TARGET = new HostPort("localhost", 9605);
    static final Map<String, Long> MATCH = Map.of("mynode1", 7L);

    /** Addresses as Docker Compose writes them: service names only the cluster's network resolves. */
    static Map<String, HostPort> composeAddresses() {
        Map<String, HostPort> addresses = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            addresses.put("mynode" + i, new HostPort("mynode" + i, 9600 + i));
        }
        return addresses;
    }

    static NodeStatus status(String node, Optional<String> leader, Map<String, Long> match, Map<String, HostPort> addresses) {
        return new NodeStatus(node, "test-cluster", "0.1.0", new ConsensusStatus(node, leader.equals(Optional.of(node)) ? "leader" : "follower",
                leader, 5, 10, 10, match), new StorageStatus("btree", 0, 0, Map.of()), addresses);
    }

    static FakeConnection answering(NodeStatus status) {
        FakeConnection node = new FakeConnection(sql -> null);
        node.status = status;
        return node;
    }

    final List<HostPort> dialled = new ArrayList<>();

    LeaderStatus lookup(Function<HostPort, Connection> nodes) {
        return new LeaderStatus(address -> {
            dialled.add(address);
            return nodes.apply(address);
        }, REPL_TARGET, Duration.ofSeconds(5));
    }

    static Connection refused(HostPort address) {
        throw new UnavailableException("asking " + address + " for its status: UNAVAILABLE: unresolved address");
    }

    final NodeStatus follower = status("mynode3", Optional.of("mynode1"), Map.of(), composeAddresses());

    @Nested
    class BehindAPortMapping {
        @Test
        void theReplsOwnHostOnTheLeadersPortIsTriedWhenTheConfiguredHostFails() {
            var leader = answering(status("mynode1", Optional.of("mynode1"), MATCH, composeAddresses()));
            var match = lookup(a -> a.equals(new HostPort("localhost", 9601)) ? leader : refused(a)).match(follower);
            assertEquals(new LeaderStatus.Match.FromLeader("mynode1", MATCH), match);
            assertEquals(List.of(new HostPort("mynode1", 9601), new HostPort("localhost", 9601)), dialled);
        }

        @Test
        void aNodeThatAnswersUnderAnotherNameIsReportedNotBelieved() {
            var stranger = answering(status("mynode9", Optional.of("mynode9"), MATCH, Map.of()));
            var match = lookup(a -> a.host().equals("localhost") ? stranger : refused(a)).match(follower);
            assertEquals(new LeaderStatus.Match.Unknown(Optional.of("mynode1"),
                    "leader mynode1 at mynode1:9601 did not answer: asking mynode1:9601 for its status: UNAVAILABLE: unresolved address; "
                            + "localhost:9601 answered as mynode9, not mynode1"), match);
        }

        @Test
        void theConfiguredAddressIsTheOnlyOneTriedWhenItIsOnTheReplsHost() {
            Map<String, HostPort> local = Map.of("mynode1", new HostPort("localhost", 9601));
            var match = lookup(LeaderStatusTests::refused).match(status("mynode3", Optional.of("mynode1"), Map.of(), local));
            assertEquals(List.of(new HostPort("localhost", 9601)), dialled);
            assertEquals(Optional.of("mynode1"), ((LeaderStatus.Match.Unknown) match).leader());
        }
    }

    @Nested
    class WithoutAnAnswer {
        @Test
        void aLeaderThatNoLongerLeadsIsSaidSoAndNotChased() {
            var former = answering(status("mynode1", Optional.of("mynode2"), Map.of(), composeAddresses()));
            var match = lookup(a -> former).match(follower);
            assertEquals(new LeaderStatus.Match.Unknown(Optional.of("mynode1"),
                    "leader mynode1 at mynode1:9601 no longer leads (it names mynode2, term 5)"), match);
            assertEquals(1, dialled.size());
        }

        @Test
        void aLeaderTheFollowerHasNoAddressForIsNotDialled() {
            var match = lookup(LeaderStatusTests::refused)
                    .match(status("mynode3", Optional.of("mynode7"), Map.of(), composeAddresses()));
            assertEquals(new LeaderStatus.Match.Unknown(Optional.of("mynode7"), "mynode3 has no address for mynode7"), match);
            assertEquals(List.of(), dialled);
        }

        @Test
        void aTransportThatFailsToLoadIsReportedRatherThanWaitedFor() {
            var match = new LeaderStatus(a -> {
                throw new java.util.ServiceConfigurationError("no transport named grpc");
            }, new HostPort("mynode1", 9605), Duration.ofSeconds(30)).match(follower);
            assertEquals(new LeaderStatus.Match.Unknown(Optional.of("mynode1"),
                    "leader mynode1 at mynode1:9601 did not answer: asking mynode1:9601 for its status: "
                            + "java.util.ServiceConfigurationError: no transport named grpc"), match);
        }

        @Test
        void theLeaderItselfIsNotAskedAgain() {
            var match = lookup(LeaderStatusTests::refused).match(status("mynode1", Optional.of("mynode1"), MATCH, Map.of()));
            assertEquals(new LeaderStatus.Match.Own(MATCH), match);
            assertEquals(List.of(), dialled);
        }
    }
}
