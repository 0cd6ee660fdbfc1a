package io.mynode.kernel.fault;

import io.mynode.kernel.consensus.PeerNetwork;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PeerNetwork} that drops every message to or from the peers it isolates, and passes the
 * rest to the network it wraps (see the package docs). Nothing is isolated until told.
 */
public final class FaultyNetwork implements PeerNetwork, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FaultyNetwork.class.getName());

    private final PeerNetwork inner;
    private final String self;
    private volatile Set<String> isolated = Set.of();
    private volatile Optional<ScheduledExecutorService> poller = Optional.empty();

    /** Wraps {@code inner}, the network of node {@code self}, isolating nobody. */
    public FaultyNetwork(String self, PeerNetwork inner) {
        this.self = self;
        this.inner = inner;
    }

    /**
     * Wraps {@code inner} and isolates the peers {@code file} lists ({@link PartitionFile}), read
     * now and then every {@code poll} until {@link #close}. A file caught unreadable keeps the
     * last isolation.
     */
    public static FaultyNetwork watching(String self, PeerNetwork inner, Path file, Duration poll) {
        FaultyNetwork network = new FaultyNetwork(self, inner);
        network.reload(file);
        ScheduledExecutorService p = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mynode-faults-" + self);
            t.setDaemon(true);
            return t;
        });
        p.scheduleWithFixedDelay(() -> network.reload(file), poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        network.poller = Optional.of(p);
        return network;
    }

    /** From now on, drops messages to and from {@code peers} (and only those): an empty set heals. */
    public void isolate(Collection<String> peers) {
        Set<String> now = Set.copyOf(peers);
        if (!now.equals(isolated)) {
            LOG.log(Level.INFO, "node " + self + ": dropping peer messages to and from " + new TreeSet<>(now));
            isolated = now;
        }
    }

    /** The peers isolated now. */
    public Set<String> isolated() {
        return isolated;
    }

    @Override
    public void send(String to, byte[] message) {
        if (!isolated.contains(to)) {
            inner.send(to, message);
        }
    }

    @Override
    public void receiver(Receiver receiver) {
        inner.receiver((from, message) -> {
            if (!isolated.contains(from)) {
                receiver.receive(from, message);
            }
        });
    }

    private void reload(Path file) {
        try {
            isolate(PartitionFile.read(file));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "node " + self + ": reading partition file " + file + ": " + e);
        }
    }

    /** Stops polling; the wrapped network is the transport's to close. */
    @Override
    public void close() {
        poller.ifPresent(ScheduledExecutorService::shutdownNow);
    }
}
