package io.mynode.repl;

import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The match indexes {@code !status} prints. Only the Raft leader tracks how far each node's log
 * matches its own (the {@code matchIndex} of the Raft paper, §5.3), and the REPL usually talks to
 * a follower, so when the answering node does not lead, the REPL asks the leader itself: at the
 * address the answering node's configuration gives for it ({@link NodeStatus#addresses()}).
 *
 * <p>That address is written for the cluster's own network. When the REPL reaches the cluster
 * through a port mapping (Docker Compose: the peers are {@code mynode3:9603}, the host sees
 * {@code localhost:9603}), the configured host may not resolve here; then the REPL also tries the
 * host it connected to, on the leader's port. Whoever answers must call itself the leader's name
 * and report match indexes, so a wrong guess is reported, never printed as the leader's figures.
 *
 * <p>Each attempt runs on its own virtual thread and the REPL waits for it at most
 * {@link #DEADLINE}: a leader that is partitioned away costs the user two seconds, not the
 * transport's ten-second call deadline. An attempt that outlives its wait finishes (and closes its
 * connection) in the background. One hop only: if the named leader no longer leads, the line says
 * so rather than chasing the new one.
 */
final class LeaderStatus {
    /** How long {@code !status} waits for each attempt to reach the leader. */
    static final Duration DEADLINE = Duration.ofSeconds(2);

    /** Where the {@code Match:} line's figures came from. */
    sealed interface Match {
        /** The answering node leads; these are its own figures. */
        record Own(Map<String, Long> matchIndex) implements Match {}

        /** Another node leads and reported these figures. */
        record FromLeader(String leader, Map<String, Long> matchIndex) implements Match {}

        /**
         * Not known. {@code leader} is the one the answering node names, if any; {@code why} says
         * why its figures could not be had (empty when there is no leader to ask).
         */
        record Unknown(Optional<String> leader, String why) implements Match {}
    }

    private final Function<HostPort, Connection> connector;
    private final HostPort connectedTo;
    private final Duration deadline;

    /**
     * Asks through {@code connector} (normally {@code Clients::connect}); {@code connectedTo} is
     * the address the REPL reached its node at, the fallback host for a leader's port.
     */
    LeaderStatus(Function<HostPort, Connection> connector, HostPort connectedTo, Duration deadline) {
        this.connector = connector;
        this.connectedTo = connectedTo;
        this.deadline = deadline;
    }

    /** The match indexes to print for {@code answering}'s status; never throws, waits at most twice the deadline. */
    Match match(NodeStatus answering) {
        var consensus = answering.consensus();
        if (!consensus.matchIndex().isEmpty()) {
            return new Match.Own(consensus.matchIndex());
        }
        Optional<String> named = consensus.leader();
        if (named.isEmpty()) {
            return new Match.Unknown(named, "");
        }
        String leader = named.get();
        if (leader.equals(answering.nodeId())) {
            return new Match.Unknown(named, "the leader reported none");
        }
        HostPort configured = answering.addresses().get(leader);
        if (configured == null) {
            return new Match.Unknown(named, answering.nodeId() + " has no address for " + leader);
        }
        List<String> failures = new ArrayList<>();
        for (HostPort address : candidates(configured)) {
            try {
                NodeStatus reply = ask(address);
                if (!reply.nodeId().equals(leader)) {
                    failures.add(address + " answered as " + reply.nodeId() + ", not " + leader);
                } else if (reply.consensus().matchIndex().isEmpty()) {
                    return new Match.Unknown(named, "leader " + leader + " at " + address + " no longer leads (it names "
                            + reply.consensus().leader().orElse("no leader") + ", term " + reply.consensus().term() + ")");
                } else {
                    return new Match.FromLeader(leader, reply.consensus().matchIndex());
                }
            } catch (TimeoutException e) {
                failures.add("leader " + leader + " at " + address + " did not answer within " + seconds(deadline));
            } catch (RuntimeException e) {
                failures.add("leader " + leader + " at " + address + " did not answer: " + message(e));
            }
        }
        return new Match.Unknown(named, String.join("; ", failures));
    }

    /** The configured address, then the REPL's own host on the leader's port if that differs. */
    private List<HostPort> candidates(HostPort configured) {
        if (connectedTo.host().equals(configured.host())) {
            return List.of(configured);
        }
        return List.of(configured, new HostPort(connectedTo.host(), configured.port()));
    }

    private NodeStatus ask(HostPort address) throws TimeoutException {
        CompletableFuture<NodeStatus> reply = new CompletableFuture<>();
        Thread.ofVirtual().name("mynode-repl-leader-status").start(() -> {
            try (Connection connection = connector.apply(address)) {
                reply.complete(connection.status());
            } catch (RuntimeException | Error e) {
                // An Error too (a transport that fails to load is a ServiceConfigurationError):
                // the REPL must hear of it rather than wait out the deadline for nothing.
                reply.completeExceptionally(e);
            }
        });
        try {
            return reply.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new InternalFailure("asking " + address + " for its status: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while asking " + address + " for its status");
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
