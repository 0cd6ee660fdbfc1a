package io.mynode.transport.grpc;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A testing feature: network partitions injected through a file, for the Jepsen suite.
 *
 * <p>When {@code grpc.faults.file=PATH} is set, the file is read every {@code grpc.faults.poll.ms}
 * (100 ms). It holds peer node ids, one per line ({@code #} starts a comment). While a peer is
 * listed, every peer message to it and from it is dropped at this node, as if the network between
 * them were cut; client traffic is not affected. A missing or empty file means no faults. A
 * partition between A and B is usually written to both A's and B's files; writing it to one side
 * only gives a one-way partition, which Raft must survive too.
 *
 * <p>Without the key nothing is polled and nothing is ever dropped by this class.
 */
final class FaultFile implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FaultFile.class.getName());

    private final Optional<Path> file;
    private final ScheduledExecutorService poller;
    private volatile Set<String> cut = Set.of();

    private FaultFile(Optional<Path> file, Duration poll) {
        this.file = file;
        if (file.isPresent()) {
            reload();
            this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mynode-faults");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::reload, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            this.poller = null;
        }
    }

    /** Polls {@code file} if present; read once before returning, so faults apply from the start. */
    static FaultFile watch(Optional<Path> file, Duration poll) {
        return new FaultFile(file, poll);
    }

    /** Whether messages to and from {@code peer} are being dropped now. */
    boolean cut(String peer) {
        return cut.contains(peer);
    }

    private void reload() {
        Set<String> now;
        try {
            now = new LinkedHashSet<>();
            for (String line : Files.readAllLines(file.orElseThrow(), StandardCharsets.UTF_8)) {
                String id = line.replaceAll("#.*", "").trim();
                if (!id.isEmpty()) {
                    now.add(id);
                }
            }
        } catch (NoSuchFileException e) {
            now = Set.of();
        } catch (IOException | RuntimeException e) {
            // A file caught half-written or unreadable: keep the faults we had, try again next poll.
            LOG.log(Level.DEBUG, "reading faults file " + file.orElseThrow() + ": " + e);
            return;
        }
        if (!now.equals(cut)) {
            LOG.log(Level.INFO, "faults file " + file.orElseThrow() + ": dropping peer messages to and from " + now);
            cut = Set.copyOf(now);
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
