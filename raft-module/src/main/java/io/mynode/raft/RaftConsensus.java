package io.mynode.raft;

import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.consensus.Applied;
import io.mynode.kernel.consensus.Consensus;
import io.mynode.kernel.consensus.ConsensusContext;
import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.consensus.MembershipChange;
import io.mynode.kernel.consensus.PeerNetwork;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.raft.core.Change;
import io.mynode.raft.core.Codec;
import io.mynode.raft.core.Configuration;
import io.mynode.raft.core.Envelope;
import io.mynode.raft.log.SegmentedLog;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver: runs one {@link Replica} on its own thread with a clock, the {@link SegmentedLog}
 * and the kernel's {@link PeerNetwork}.
 *
 * <pre>
 *   transport threads ─receive─┐
 *   callers ─propose/readIndex─┼─► inbox ─► raft thread: drain a batch ─► tick if due
 *                              │            ─► prepare: propose batch ─► send appends (never blocks)
 *                              │            ─► finish: one fsync, apply ─► send answers ─► publish status
 *   callers ◄─────────── futures completed on the raft thread
 *   callers ─readIndex─► under a lease, answered at once from what the last prepare published
 * </pre>
 *
 * <p>Everything that arrived since the last round is handled as one batch, so many proposals
 * become one append and one fsync (group commit). Sending is {@code PeerNetwork.send}, which
 * must not block, so a dead peer never holds up the others. Futures are completed on the raft
 * thread itself: a hand-off to a callback thread cost a thread wake-up per request, which on a
 * small machine was a measurable share of a read's cost. Callers therefore block on the future
 * (as the transaction engine does) or chain with the {@code *Async} methods, never run slow work
 * in a plain {@code thenApply}. Malformed peer messages are counted, logged and dropped. Time becomes ticks through a
 * {@link Ticker}: at most one tick per round, and none for time the thread spent stalled (an
 * fsync, a GC pause), so a stall never fires an election timeout before the answers it waits for
 * could be read. The read lease is the exception: it is measured with {@link System#nanoTime()},
 * which keeps running while the process is stopped (SIGSTOP, a GC pause), so a leader that wakes
 * from a long pause finds its lease over instead of believing it still holds; ticks would not.
 * (nanoTime is CLOCK_MONOTONIC on Linux, which does stop while the whole machine is suspended: a
 * leader's machine suspended while the others run is outside what the lease tolerates.)
 */
final class RaftConsensus implements Consensus {
    private static final System.Logger LOG = System.getLogger(RaftConsensus.class.getName());
    private static final int BATCH = 4096;
    /**
     * Largest payload a proposal may carry. An entry travels to the followers inside one peer
     * message, and a message over {@code grpc.max.message.bytes} (32 MiB by default) can never be
     * delivered: the entry would be retried forever and block every entry after it. Refusing it
     * here, before it is logged, keeps one oversized command from wedging the cluster. Peers
     * hold forwarded commands and entries to {@code Bounds.MAX_COMMAND_BYTES}, this plus room for
     * the command's header.
     */
    static final int MAX_PROPOSAL_BYTES = 16 << 20;

    private sealed interface Input {
        record Received(String from, byte[] bytes) implements Input {}

        record Propose(byte[] payload, CompletableFuture<Applied> future) implements Input {}

        record Read(CompletableFuture<Long> future) implements Input {}

        record Reconfigure(Change change, CompletableFuture<ConsensusStatus> future) implements Input {}

        record Wake() implements Input {}
    }

    private final String nodeId;
    private final Replica replica;
    private final SegmentedLog log;
    private final PeerNetwork network;
    private final long tickNanos;
    private final BlockingQueue<Input> inbox;
    private final Thread thread;
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong overflow = new AtomicLong();
    /**
     * Bytes of peer messages in the inbox. Bounded (raft.inbox.bytes) as well as the count: a
     * node starved of CPU could otherwise queue thousands of one-MiB appends, and run out of
     * heap rather than drop messages, which Raft tolerates (the leader resends).
     */
    private final AtomicLong inboxBytes = new AtomicLong();
    private final long maxInboxBytes;
    private volatile ConsensusStatus status;
    private volatile boolean running = true;
    /** The configuration version last told to the network and logged; raft thread only. */
    private long announcedVersion = -1;
    private boolean announcedRemoved;

    private RaftConsensus(ConsensusContext context, RaftSettings settings, SegmentedLog log, Replica replica) {
        this.nodeId = context.config().nodeId();
        this.log = log;
        this.replica = replica;
        this.network = context.network();
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(settings.tickMillis());
        this.inbox = new ArrayBlockingQueue<>(settings.inboxCapacity());
        this.maxInboxBytes = settings.inboxBytes();
        this.status = replica.status();
        this.thread = new Thread(this::run, "raft-" + nodeId);
        this.thread.setDaemon(true);
    }

    /** Recovers the log in {@code context.directory()} and starts the node's thread. */
    static RaftConsensus start(ConsensusContext context, RaftSettings settings) {
        Path dir = context.directory();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageIoException("creating raft directory " + dir + ": " + e.getMessage(), e);
        }
        Configuration bootstrap = bootstrap(context);
        SegmentedLog log = SegmentedLog.open(dir.resolve("log"), settings.segmentBytes());
        Replica replica;
        try {
            String clientPrefix = context.config().nodeId() + "/" + UUID.randomUUID();
            replica = new Replica(context.config().nodeId(), bootstrap, log,
                    new FileSnapshots(dir, context.stateMachine(), log), context.stateMachine(), settings.core(),
                    settings.timing(), new SplittableRandom(), clientPrefix, System::nanoTime);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
        RaftConsensus c = new RaftConsensus(context, settings, log, replica);
        c.network.receiver(c::receive);
        c.announceConfiguration();
        c.thread.start();
        return c;
    }

    /**
     * The configuration a new cluster starts with: every node of {@code cluster.peers} a voter.
     * Only a node's first start uses it; afterwards the log's configuration rules.
     */
    static Configuration bootstrap(ConsensusContext context) {
        List<Configuration.Member> members = new ArrayList<>();
        context.config().peers().forEach((id, address) -> members.add(new Configuration.Member(id, address.toString(), true)));
        return new Configuration(members);
    }

    /**
     * After a change of configuration: tells the network whom it may talk to, and logs the new
     * membership (a warning when this node is out of it).
     */
    private void announceConfiguration() {
        var node = replica.node();
        if (node.configurationVersion() == announcedVersion) {
            return;
        }
        announcedVersion = node.configurationVersion();
        Configuration config = node.configuration();
        if (config.isEmpty()) {
            return; // joining: the network keeps the addresses it was given until the log brings some
        }
        Map<String, HostPort> addresses = new LinkedHashMap<>();
        node.knownAddresses().forEach((id, address) -> {
            try {
                addresses.put(id, HostPort.parse(address, "the address of " + id));
            } catch (ConfigException e) {
                LOG.log(Level.WARNING, "raft " + nodeId + ": " + e.getMessage());
            }
        });
        network.members(addresses);
        boolean removed = node.isRemoved();
        if (removed && !announcedRemoved) {
            LOG.log(Level.WARNING, "raft " + nodeId + ": this node was removed from the cluster by the configuration at index "
                    + node.configurationIndex() + " (" + config + "); it no longer votes or serves");
        } else {
            LOG.log(Level.INFO, "raft " + nodeId + ": configuration at index " + node.configurationIndex() + ": voters "
                    + config.voters() + (config.learners().isEmpty() ? "" : ", learners " + config.learners()));
        }
        announcedRemoved = removed;
    }

    private void receive(String from, byte[] message) {
        // Best effort, like the network itself: what does not fit is dropped and the sender retries.
        if (!running) {
            overflow.incrementAndGet();
        } else if (inboxBytes.addAndGet(message.length) > maxInboxBytes
                || !inbox.offer(new Input.Received(from, message))) {
            inboxBytes.addAndGet(-message.length);
            overflow.incrementAndGet();
        }
    }

    @Override
    public CompletableFuture<Applied> propose(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return CompletableFuture.failedFuture(new InvalidInputException("a raft proposal needs a non-empty payload"));
        }
        if (payload.length > MAX_PROPOSAL_BYTES) {
            return CompletableFuture.failedFuture(new InvalidInputException("a raft proposal of " + payload.length
                    + " bytes is over the limit of " + MAX_PROPOSAL_BYTES + "; nothing was logged"));
        }
        CompletableFuture<Applied> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(new UnavailableException("raft node " + nodeId + " is closed"));
        } else if (!inbox.offer(new Input.Propose(payload.clone(), f))) {
            f.completeExceptionally(new UnavailableException("raft node " + nodeId + " is overloaded; nothing was logged"));
        }
        return f;
    }

    @Override
    public CompletableFuture<Long> readIndex() {
        if (running) {
            // Under a lease the leader answers on the caller's thread: two thread wake-ups less
            // per read (the Raft thread's and the caller's own).
            OptionalLong leased = replica.leaseReadIndex();
            if (leased.isPresent()) {
                return CompletableFuture.completedFuture(leased.getAsLong());
            }
        }
        CompletableFuture<Long> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(new UnavailableException("raft node " + nodeId + " is closed"));
        } else if (!inbox.offer(new Input.Read(f))) {
            f.completeExceptionally(new UnavailableException("raft node " + nodeId + " is overloaded"));
        }
        return f;
    }

    @Override
    public ConsensusStatus status() {
        return status;
    }

    @Override
    public CompletableFuture<ConsensusStatus> changeMembership(MembershipChange change) {
        Change c;
        try {
            c = switch (change) {
                case MembershipChange.AddNode a -> new Change.AddLearner(checkedId(a.nodeId()), a.address().toString());
                case MembershipChange.RemoveNode r -> new Change.Remove(checkedId(r.nodeId()));
                case MembershipChange.TransferLeader t -> new Change.Transfer(checkedId(t.nodeId()));
            };
        } catch (InvalidInputException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ConsensusStatus> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(new UnavailableException("raft node " + nodeId + " is closed"));
        } else if (!inbox.offer(new Input.Reconfigure(c, f))) {
            f.completeExceptionally(new UnavailableException("raft node " + nodeId + " is overloaded; nothing was changed"));
        }
        return f;
    }

    private static final java.util.regex.Pattern NODE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** A node id as {@code node.id} allows them. */
    private static String checkedId(String id) {
        if (id == null || !NODE_ID.matcher(id).matches()) {
            throw new InvalidInputException("'" + id + "' is not a node id: 1-64 letters, digits, '_', '.' or '-',"
                    + " starting with a letter or digit");
        }
        return id;
    }

    /** Messages from peers dropped because the inbox was full (in count or in bytes); for tests and diagnostics. */
    long droppedMessages() {
        return overflow.get();
    }

    /** Messages from peers that failed to decode and were dropped; for tests and diagnostics. */
    long malformedMessages() {
        return malformed.get();
    }

    /** Messages from peers that decoded but carried out-of-bounds numbers, and were dropped; for tests. */
    long unbelievableMessages() {
        return replica.unbelievableMessages();
    }

    private void run() {
        Ticker ticker = new Ticker(tickNanos, System.nanoTime());
        List<Input> batch = new ArrayList<>();
        try {
            while (running) {
                Input first = inbox.poll(ticker.nanosUntilDue(System.nanoTime()), TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, BATCH);
                }
                for (Input in : batch) {
                    handle(in);
                }
                batch.clear();
                // Messages first, then at most one tick: an answer that arrived during a stall is
                // counted before the timer can fire, and a stall yields no burst of ticks.
                if (ticker.tickDue(System.nanoTime())) {
                    replica.tick();
                }
                send(replica.prepare()); // appends travel while the log syncs
                send(replica.finish());
                announceConfiguration();
                status = replica.status();
                if (replica.failure().isPresent()) {
                    LOG.log(Level.ERROR, "raft node " + nodeId + " stopped", replica.failure().get());
                    running = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "raft node " + nodeId + " failed", e);
            replica.stop(new io.mynode.kernel.error.InternalFailure("raft driver failed: " + e, e));
        } finally {
            running = false;
            replica.stop(new UnavailableException("raft node " + nodeId + " is closed"));
            List<Input> rest = new ArrayList<>();
            inbox.drainTo(rest);
            for (Input in : rest) {
                switch (in) {
                    case Input.Propose p -> p.future().completeExceptionally(new UnavailableException("raft node " + nodeId + " is closed"));
                    case Input.Read r -> r.future().completeExceptionally(new UnavailableException("raft node " + nodeId + " is closed"));
                    case Input.Reconfigure r -> r.future().completeExceptionally(
                            new UnavailableException("raft node " + nodeId + " is closed; nothing was changed"));
                    case Input.Received r -> { }
                    case Input.Wake w -> { }
                }
            }
            try {
                log.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "raft " + nodeId + ": closing the log failed", e);
            }
        }
    }

    private void send(List<Envelope> messages) {
        for (Envelope env : messages) {
            try {
                network.send(env.to(), Codec.encode(env));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "raft " + nodeId + ": sending to " + env.to() + " failed", e);
            }
        }
    }

    private void handle(Input in) {
        switch (in) {
            case Input.Received r -> {
                inboxBytes.addAndGet(-r.bytes().length);
                Envelope env;
                try {
                    env = Codec.decode(r.bytes());
                } catch (InvalidInputException e) {
                    long n = malformed.incrementAndGet();
                    if (Long.bitCount(n) == 1) { // 1st, 2nd, 4th, 8th, ...: visible without flooding the log
                        LOG.log(Level.WARNING, "raft " + nodeId + ": dropped malformed message #" + n + " from " + r.from()
                                + ": " + e.getMessage());
                    }
                    return;
                }
                if (!env.from().equals(r.from()) || !env.to().equals(nodeId)) {
                    malformed.incrementAndGet();
                    return;
                }
                replica.receive(env);
            }
            case Input.Propose p -> replica.propose(p.payload()).whenComplete((v, e) -> {
                if (e != null) {
                    p.future().completeExceptionally(e);
                } else {
                    p.future().complete(v);
                }
            });
            case Input.Read r -> replica.readIndex().whenComplete((v, e) -> {
                if (e != null) {
                    r.future().completeExceptionally(e);
                } else {
                    r.future().complete(v);
                }
            });
            case Input.Reconfigure r -> replica.changeMembership(r.change()).whenComplete((v, e) -> {
                if (e != null) {
                    r.future().completeExceptionally(e);
                } else {
                    r.future().complete(v);
                }
            });
            case Input.Wake w -> { }
        }
    }

    /** Stops the thread; outstanding requests fail (unavailable, or outcome unknown if already sent). */
    @Override
    public void close() {
        running = false;
        network.receiver((from, message) -> { });
        inbox.offer(new Input.Wake());
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
