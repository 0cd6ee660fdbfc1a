package io.mynode.raft;

import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.consensus.Applied;
import io.mynode.kernel.consensus.ClusterMember;
import io.mynode.kernel.consensus.Command;
import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.consensus.StateMachine;
import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.OutcomeUnknownException;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.raft.core.Change;
import io.mynode.raft.core.ChangeResult;
import io.mynode.raft.core.Configuration;
import io.mynode.raft.core.Effect;
import io.mynode.raft.core.Entry;
import io.mynode.raft.core.Envelope;
import io.mynode.raft.core.Log;
import io.mynode.raft.core.Message;
import io.mynode.raft.core.Node;
import io.mynode.raft.core.RaftConfig;
import io.mynode.raft.core.SnapshotMeta;
import io.mynode.raft.core.Snapshots;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * A Raft node with its state machine and its clients' bookkeeping, still deterministic and
 * single-threaded: the {@link RaftConsensus} driver wraps it with a thread, a clock and a network,
 * and the simulation tests run many of them in one thread. The monotonic clock passed in only
 * reaches the core's read lease; everything else here counts ticks.
 *
 * <h2>Exactly once</h2>
 * Every proposal travels as a {@link Command} with a client id and sequence. The client ids are
 * <em>lanes</em>: {@code <prefix>.<n>}, each with at most one proposal in flight, so a state machine
 * that remembers only the last sequence per client (the kernel's contract) dedups exactly. A retry
 * repeats the lane and sequence; a later proposal on the same lane takes the next sequence, so a
 * stale copy of an abandoned proposal that commits late is recognised as a repeat and not applied.
 *
 * <h2>Retries and outcomes</h2>
 * A proposal is resent when no leader was known, when the leader or term changed since it was
 * sent, or after {@link Timing#retryTicks()}. After {@link Timing#timeoutTicks()} it fails: with
 * {@link UnavailableException} if it never left this node (nothing can have been logged), else
 * with {@link OutcomeUnknownException}. Reads are idempotent and only ever fail as unavailable.
 *
 * <h2>Membership changes</h2>
 * A change ({@link #changeMembership}) goes to the leader like a proposal and is resent the same
 * way while unanswered. It completes when its configuration entry is applied here (or, for a
 * transfer, when the target leads), and fails with the leader's reason if refused. A removal of
 * the leader is first a transfer: the request is made again to the next leader. A node whose
 * configuration no longer names it fails every request: it is out of the cluster.
 *
 * <p>Futures are completed on the calling thread, inside {@link #finish()} and {@link #tick()}.
 */
final class Replica {
    private static final System.Logger LOG = System.getLogger(Replica.class.getName());
    private final String clientPrefix;
    private final Log log;
    private final StateMachine stateMachine;
    private final Timing timing;
    private final Node node;

    private long now;
    /** Volatile: {@link #leaseReadIndex()} reads it on other threads. */
    private volatile long applied;
    /**
     * A read index and the monotonic time until which it may be given out without a round:
     * published by {@link #prepare()} before the round's messages leave, read by any thread.
     * Null when this node holds no lease.
     */
    private volatile LeaseRead leaseRead;
    private final LongSupplier clock;
    private long lastFlushAt;
    private MynodeException failure;

    private final ArrayDeque<Integer> freeLanes = new ArrayDeque<>();
    private final List<Long> laneSequence = new ArrayList<>();
    private final Map<Key, Proposal> proposals = new LinkedHashMap<>();
    private final Map<Long, Read> reads = new LinkedHashMap<>();
    private long nextReadId;
    /** Peer messages the core dropped as out of bounds; only the driver's thread writes it. */
    private volatile long unbelievable;
    private final Map<Long, Reconfig> changes = new LinkedHashMap<>();
    private long nextChangeId;
    /** The core's effects between {@link #prepare()} and {@link #finish()}, and the messages that wait for the sync. */
    private List<Effect> pendingEffects = List.of();
    private List<Envelope> pendingLate = List.of();

    private record Key(String clientId, long sequence) {}

    private static final class Proposal {
        final Key key;
        final int lane;
        final byte[] command;
        final long deadline;
        final CompletableFuture<Applied> future = new CompletableFuture<>();
        boolean sent;
        boolean everSent;
        long sentAt;
        String sentUnder;

        Proposal(Key key, int lane, byte[] command, long deadline) {
            this.key = key;
            this.lane = lane;
            this.command = command;
            this.deadline = deadline;
        }
    }

    /** A membership change or transfer in flight. */
    private static final class Reconfig {
        final Change change;
        final long deadline;
        final CompletableFuture<ConsensusStatus> future = new CompletableFuture<>();
        boolean sent;
        int attempts;
        long sentAt;
        String sentUnder;
        /** Ask again at this tick (after a Retry answer), 0 if not waiting. */
        long retryAt;
        String lastReason = "";
        /** Accepted: the entry that makes the change, done once applied with this term. */
        long index = -1;
        long term;
        /** A transfer under way: done once this node leads. */
        String awaitLeader;

        Reconfig(Change change, long deadline) {
            this.change = change;
            this.deadline = deadline;
        }
    }

    private static final class Read {
        final long deadline;
        final CompletableFuture<Long> future = new CompletableFuture<>();
        boolean sent;
        long sentAt;
        String sentUnder;
        long index = -1;

        Read(long deadline) {
            this.deadline = deadline;
        }
    }

    /**
     * Recovers: the state machine's applied index must lie within the log (or just past a snapshot
     * the log was reset to); entries after it are applied once known committed. {@code clock}
     * gives monotonic nanoseconds, for the core's read lease.
     */
    Replica(String nodeId, Configuration bootstrap, Log log, Snapshots snapshots, StateMachine stateMachine,
            RaftConfig config, Timing timing, RandomGenerator random, String clientPrefix, LongSupplier clock) {
        this.clientPrefix = clientPrefix;
        this.log = log;
        this.stateMachine = stateMachine;
        this.timing = timing;
        this.applied = stateMachine.appliedIndex();
        if (applied < log.firstIndex() - 1) {
            throw new CorruptionException("state machine applied index " + applied + " is before the raft log's first index "
                    + log.firstIndex() + ": the entries in between are gone");
        }
        // Read ids travel to the leader and back; a reply may arrive after this node restarted.
        // Starting each incarnation at a random point keeps an old reply from completing a new read.
        this.nextReadId = random.nextLong() >>> 2;
        this.nextChangeId = random.nextLong() >>> 2;
        this.node = new Node(nodeId, bootstrap, log, new InstallHook(snapshots), config, random, clock);
        this.clock = clock;
    }

    /** A replica of a new cluster whose voters are {@code members} (no addresses): for tests. */
    Replica(String nodeId, List<String> members, Log log, Snapshots snapshots, StateMachine stateMachine,
            RaftConfig config, Timing timing, RandomGenerator random, String clientPrefix, LongSupplier clock) {
        this(nodeId, Configuration.ofVoters(members), log, snapshots, stateMachine, config, timing, random, clientPrefix,
                clock);
    }

    /** Tracks the applied index jumping when the core installs a snapshot. */
    private final class InstallHook implements Snapshots {
        private final Snapshots inner;

        InstallHook(Snapshots inner) {
            this.inner = inner;
        }

        @Override
        public SnapshotMeta latest() {
            return inner.latest();
        }

        @Override
        public byte[] read(SnapshotMeta snapshot, long offset, int max) {
            return inner.read(snapshot, offset, max);
        }

        @Override
        public void begin(SnapshotMeta snapshot) {
            inner.begin(snapshot);
        }

        @Override
        public void write(byte[] chunk) {
            inner.write(chunk);
        }

        @Override
        public void install(SnapshotMeta snapshot) {
            inner.install(snapshot);
            applied = snapshot.index();
        }
    }

    Node node() {
        return node;
    }

    long appliedIndex() {
        return applied;
    }

    long now() {
        return now;
    }

    Optional<MynodeException> failure() {
        return Optional.ofNullable(failure);
    }

    // ---------------------------------------------------------------- client side

    CompletableFuture<Applied> propose(byte[] payload) {
        if (failure != null) {
            return CompletableFuture.failedFuture(new UnavailableException("raft node stopped: " + failure.getMessage(), failure));
        }
        if (node.isRemovalCommitted()) {
            return CompletableFuture.failedFuture(removed());
        }
        int lane = freeLanes.isEmpty() ? newLane() : freeLanes.pop();
        long seq = laneSequence.get(lane) + 1;
        laneSequence.set(lane, seq);
        Key key = new Key(clientPrefix + "." + lane, seq);
        Proposal p = new Proposal(key, lane, CommandCodec.encode(new Command(key.clientId(), seq, payload)),
                now + timing.timeoutTicks());
        proposals.put(key, p);
        return p.future;
    }

    CompletableFuture<Long> readIndex() {
        if (failure != null) {
            return CompletableFuture.failedFuture(new UnavailableException("raft node stopped: " + failure.getMessage(), failure));
        }
        if (node.isRemovalCommitted()) {
            return CompletableFuture.failedFuture(removed());
        }
        Read r = new Read(now + timing.timeoutTicks());
        reads.put(++nextReadId, r);
        return r.future;
    }

    /**
     * A read index answered on the caller's thread, with no hand-off to the Raft thread: present
     * while this node leads under a read lease that has not ended and has applied its commit
     * index as last published. Safe from any thread, and as safe as a lease read on the Raft
     * thread: the index was published before any message or acknowledgement of a later commit
     * left this node, so every write acknowledged anywhere before this call is at or below it;
     * and while the lease lasts no other node can have become leader and committed more. Empty
     * means ask {@link #readIndex()}.
     */
    OptionalLong leaseReadIndex() {
        LeaseRead l = leaseRead;
        if (l == null || clock.getAsLong() - l.until() >= 0 || applied < l.index()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(l.index());
    }

    private record LeaseRead(long index, long until) {}

    /**
     * Asks for a membership change or a leadership transfer; completes with this node's status
     * once it is done (see the class documentation), fails with {@link InvalidInputException} if
     * the leader refuses it.
     */
    CompletableFuture<ConsensusStatus> changeMembership(Change change) {
        if (failure != null) {
            return CompletableFuture.failedFuture(new UnavailableException("raft node stopped: " + failure.getMessage(), failure));
        }
        if (node.isRemovalCommitted()) {
            return CompletableFuture.failedFuture(removed());
        }
        Reconfig c = new Reconfig(change, now + timing.timeoutTicks());
        changes.put(++nextChangeId, c);
        return c.future;
    }

    private UnavailableException removed() {
        return new UnavailableException("node " + node.id() + " was removed from the cluster (configuration at index "
                + node.configurationIndex() + ": " + String.join(", ", node.configuration().ids())
                + "); it no longer takes part: use another node");
    }

    private int newLane() {
        laneSequence.add(0L);
        return laneSequence.size() - 1;
    }

    // ---------------------------------------------------------------- inputs

    void receive(Envelope env) {
        if (failure == null) {
            node.step(env);
        }
    }

    /** One unit of logical time: the core's timers, then resends and deadlines. */
    void tick() {
        if (failure != null) {
            return;
        }
        now++;
        node.tick();
        String key = currentLeaderKey();
        for (var it = proposals.values().iterator(); it.hasNext(); ) {
            Proposal p = it.next();
            if (now >= p.deadline) {
                it.remove();
                freeLanes.push(p.lane);
                p.future.completeExceptionally(p.everSent
                        ? new OutcomeUnknownException("proposal " + p.key.clientId() + "#" + p.key.sequence()
                                + " was sent to a leader but its outcome was not learnt in time")
                        : new UnavailableException("no raft leader accepted the proposal in time; nothing was logged"));
            } else if (p.sent && (!key.equals(p.sentUnder) || now - p.sentAt >= timing.retryTicks())) {
                p.sent = false;
            }
        }
        for (var it = reads.values().iterator(); it.hasNext(); ) {
            Read r = it.next();
            if (now >= r.deadline) {
                it.remove();
                r.future.completeExceptionally(new UnavailableException("no raft leader confirmed a read index in time"));
            } else if (r.index < 0 && r.sent && (!key.equals(r.sentUnder) || now - r.sentAt >= timing.retryTicks())) {
                r.sent = false;
            }
        }
        for (var it = changes.values().iterator(); it.hasNext(); ) {
            Reconfig c = it.next();
            if (now >= c.deadline) {
                it.remove();
                c.future.completeExceptionally(timedOut(c));
            } else if (c.retryAt > 0 && now >= c.retryAt) {
                c.retryAt = 0;
                c.sent = false;
            } else if (c.sent && c.index < 0 && c.awaitLeader == null
                    && (!key.equals(c.sentUnder) || now - c.sentAt >= timing.retryTicks())) {
                c.sent = false;
            }
        }
    }

    private MynodeException timedOut(Reconfig c) {
        if (c.awaitLeader != null) {
            return new UnavailableException("leadership did not move to " + c.awaitLeader + " in time; "
                    + node.leader().map(l -> l + " leads").orElse("no leader is known") + " (term " + node.term() + ")");
        }
        if (c.index >= 0) {
            return new OutcomeUnknownException("the membership change was logged at index " + c.index
                    + " but not seen committed in time; check the cluster's status");
        }
        return new UnavailableException("no raft leader carried out the membership change in time"
                + (c.lastReason.isEmpty() ? "" : " (last answer: " + c.lastReason + ")") + "; nothing was changed");
    }

    /**
     * Hands waiting requests to the core, syncs the log, applies what is committed, completes
     * what can be completed and returns the messages to send: {@link #prepare()} then {@link
     * #finish()}, for callers that need not send the early messages first.
     */
    List<Envelope> process() {
        List<Envelope> out = new ArrayList<>(prepare());
        out.addAll(finish());
        return out;
    }

    /**
     * The first half of a round: hands waiting requests to the core and returns the messages that
     * may leave before the log is synced, to send now; {@link #finish()} must follow.
     *
     * <p>Why early: a leader's appends then travel while it fsyncs, and its followers' fsyncs
     * overlap its own instead of following it (Raft dissertation §10.2.1). Safe because a leader
     * counts its own log towards a commit only when its followers' answers arrive, which is after
     * this round's sync; what else leaves early (heartbeats, commit indexes, snapshot chunks,
     * forwarded commands and reads) carries nothing from the unsynced log. Answers and votes, by
     * contrast, promise something about this node's log or vote, so they wait for the sync.
     */
    List<Envelope> prepare() {
        pendingEffects = List.of();
        pendingLate = List.of();
        return guarded(this::prepareUnchecked);
    }

    /**
     * The second half of a round: syncs the log, applies what is committed, completes what can
     * be completed and returns the rest of the round's messages (only now that the log is durable).
     */
    List<Envelope> finish() {
        return guarded(this::finishUnchecked);
    }

    /** Runs half a round unless stopped; a failure in it stops the replica (and sends nothing). */
    private List<Envelope> guarded(java.util.function.Supplier<List<Envelope>> half) {
        if (failure != null) {
            return List.of();
        }
        try {
            return half.get();
        } catch (MynodeException e) {
            stop(e);
            return List.of();
        } catch (RuntimeException e) {
            stop(new InternalFailure("raft node failed: " + e, e));
            return List.of();
        }
    }

    private List<Envelope> prepareUnchecked() {
        String key = currentLeaderKey();
        List<byte[]> batch = new ArrayList<>();
        List<Proposal> batched = new ArrayList<>();
        for (Proposal p : proposals.values()) {
            if (!p.sent) {
                batch.add(p.command);
                batched.add(p);
            }
        }
        if (!batch.isEmpty() && node.propose(batch) != Node.Outcome.NO_LEADER) {
            for (Proposal p : batched) {
                p.sent = p.everSent = true;
                p.sentAt = now;
                p.sentUnder = key;
            }
        }
        List<Long> readIds = new ArrayList<>();
        reads.forEach((id, r) -> {
            if (!r.sent && r.index < 0) {
                readIds.add(id);
            }
        });
        if (!readIds.isEmpty() && node.readIndex(readIds)) {
            for (long id : readIds) {
                Read r = reads.get(id);
                r.sent = true;
                r.sentAt = now;
                r.sentUnder = key;
            }
        }
        for (var e : changes.entrySet()) {
            Reconfig c = e.getValue();
            if (!c.sent && c.retryAt == 0 && c.index < 0 && c.awaitLeader == null && node.requestChange(e.getKey(), c.change)) {
                c.sent = true;
                c.attempts++;
                c.sentAt = now;
                c.sentUnder = key;
            }
        }
        pendingEffects = node.drain();
        // Before anything of this round leaves: see leaseReadIndex().
        OptionalLong leaseEnd = node.leaseEnd();
        leaseRead = leaseEnd.isPresent() ? new LeaseRead(node.commitIndex(), leaseEnd.getAsLong()) : null;
        List<Envelope> early = new ArrayList<>();
        List<Envelope> late = new ArrayList<>();
        for (Effect e : pendingEffects) {
            if (e instanceof Effect.Send s) {
                (mayLeaveBeforeSync(s.envelope().message()) ? early : late).add(s.envelope());
            }
        }
        pendingLate = late;
        return early;
    }

    private static boolean mayLeaveBeforeSync(Message m) {
        return switch (m) {
            case Message.Append a -> true;
            case Message.Heartbeat h -> true;
            case Message.Commit c -> true;
            case Message.InstallSnapshot s -> true;
            case Message.Forward f -> true;
            case Message.ReadRequest r -> true;
            case Message.ReadResponse r -> true;
            case Message.AppendResponse r -> false;
            case Message.HeartbeatResponse r -> false;
            case Message.SnapshotResponse r -> false;
            case Message.VoteRequest v -> false; // the candidate's new term and self-vote first
            case Message.VoteResponse v -> false;
            case Message.TimeoutNow t -> true; // the target's log already matches, durably on its side
            case Message.ChangeRequest r -> true;
            case Message.ChangeResponse r -> false; // it may name an entry this round appended
        };
    }

    private List<Envelope> finishUnchecked() {
        List<Effect> effects = pendingEffects;
        List<Envelope> outgoing = pendingLate;
        pendingEffects = List.of();
        pendingLate = List.of();
        log.sync();
        for (Effect e : effects) {
            switch (e) {
                case Effect.Send s -> { } // sorted by prepare()
                case Effect.RoleChange c -> { } // resends follow from the leader key in tick()
                case Effect.ReadReady r -> {
                    Read read = reads.get(r.id());
                    if (read != null && read.index < 0) {
                        read.index = r.index();
                    }
                }
                case Effect.Dropped d -> {
                    long n = ++unbelievable;
                    if (Long.bitCount(n) == 1) { // 1st, 2nd, 4th, 8th, ...: visible without flooding the log
                        LOG.log(System.Logger.Level.WARNING, "raft " + node.id() + ": dropped message #" + n + " from "
                                + d.envelope().from() + " (" + d.envelope().message().getClass().getSimpleName() + ", term "
                                + d.envelope().term() + "): " + d.reason());
                    }
                }
                case Effect.ChangeAnswered a -> answered(a.id(), a.result());
            }
        }
        applyCommitted();
        completeReads();
        completeChanges();
        maybeCompact();
        return outgoing;
    }

    /** The leader's answer to change request {@code id}; stale and duplicate answers change nothing. */
    private void answered(long id, ChangeResult result) {
        Reconfig c = changes.get(id);
        if (c == null || c.index >= 0 || c.awaitLeader != null) {
            return;
        }
        switch (result) {
            case ChangeResult.Accepted a -> {
                c.index = a.index();
                c.term = a.term();
            }
            case ChangeResult.Transferring t -> {
                if (c.change instanceof Change.Transfer) {
                    c.awaitLeader = t.target();
                } else {
                    // The leader is to be removed: it hands on first, and the next leader removes it.
                    c.lastReason = "leadership is moving to " + t.target() + " first";
                    c.retryAt = now + 2;
                }
            }
            case ChangeResult.Done d -> {
                changes.remove(id);
                c.future.complete(status());
            }
            case ChangeResult.Rejected r -> {
                changes.remove(id);
                if (r.alreadyDone() && c.attempts > 1) {
                    c.future.complete(status()); // an earlier copy of this request did it
                } else {
                    c.future.completeExceptionally(new InvalidInputException(r.reason()));
                }
            }
            case ChangeResult.Retry r -> {
                c.lastReason = r.reason();
                c.retryAt = now + 2;
            }
        }
    }

    /** Completes or fails {@code c}: its entry committed, or another replaced it. */
    private void settle(Reconfig c, boolean committed) {
        if (committed) {
            c.future.complete(status());
        } else {
            c.future.completeExceptionally(new UnavailableException("the membership change logged at index " + c.index
                    + " was replaced by a new leader's entries before it committed; nothing was changed: check the"
                    + " status and ask again"));
        }
    }

    /** Whether {@code config} shows {@code change} done. */
    private static boolean reflects(Change change, Configuration config) {
        return switch (change) {
            case Change.AddLearner a -> config.contains(a.id());
            case Change.Remove r -> !config.contains(r.id());
            case Change.Transfer t -> true;
        };
    }

    /** Settles the changes waiting on the entry at {@code e}'s index, now applied. */
    private void appliedEntry(Entry e) {
        for (var it = changes.values().iterator(); it.hasNext(); ) {
            Reconfig c = it.next();
            if (c.index == e.index()) {
                it.remove();
                settle(c, e.term() == c.term);
            }
        }
    }

    /** Completes changes whose entry is applied, and transfers whose target leads. */
    private void completeChanges() {
        for (var it = changes.values().iterator(); it.hasNext(); ) {
            Reconfig c = it.next();
            if (c.awaitLeader != null && node.leader().equals(Optional.of(c.awaitLeader))) {
                it.remove();
                c.future.complete(status());
            } else if (c.index >= 0 && applied >= c.index) {
                // Applied past it without seeing the entry: a snapshot jumped over it. The
                // configuration tells whether the change took.
                it.remove();
                settle(c, reflects(c.change, node.configuration()));
            }
        }
        if (node.isRemovalCommitted() && !(proposals.isEmpty() && reads.isEmpty() && changes.isEmpty())) {
            failAll(removed());
        }
    }

    private String currentLeaderKey() {
        return node.term() + "/" + node.leader().orElse("");
    }

    private void applyCommitted() {
        long commit = node.commitIndex();
        while (applied < commit) {
            for (Entry e : log.entries(applied + 1, commit, 4L << 20)) {
                Optional<Command> command = e.isNoop() || Configuration.isConfiguration(e) ? Optional.empty() : decode(e);
                if (command.isEmpty()) {
                    stateMachine.skip(e.index());
                } else {
                    Command c = command.get();
                    byte[] result = stateMachine.apply(e.index(), c);
                    Proposal p = proposals.remove(new Key(c.clientId(), c.sequence()));
                    if (p != null) {
                        freeLanes.push(p.lane);
                        p.future.complete(new Applied(e.index(), result));
                    }
                }
                applied = e.index();
                if (!changes.isEmpty()) {
                    appliedEntry(e);
                }
            }
        }
    }

    /**
     * The command in a committed entry. The log's checksums rule out damage on disk, so an entry
     * that does not decode was proposed malformed (a buggy or hostile peer's forward): every
     * replica skips it alike, deterministically, instead of stopping the cluster.
     */
    private static Optional<Command> decode(Entry e) {
        try {
            return Optional.of(CommandCodec.decode(e.index(), e.data()));
        } catch (CorruptionException ex) {
            LOG.log(System.Logger.Level.WARNING, "raft entry " + e.index() + " holds no valid command; applied as a no-op: "
                    + ex.getMessage());
            return Optional.empty();
        }
    }

    private void completeReads() {
        for (var it = reads.values().iterator(); it.hasNext(); ) {
            Read r = it.next();
            if (r.index >= 0 && r.index <= applied) {
                it.remove();
                r.future.complete(r.index);
            }
        }
    }

    /**
     * Every {@link Timing#snapshotEntries()} applied entries: flush the state machine and drop the
     * log up to what is now durable, less a short tail (a quarter of the interval) so that a
     * follower only a little behind still gets entries rather than a whole snapshot.
     */
    private void maybeCompact() {
        long first = log.firstIndex();
        if (applied - (first - 1) < timing.snapshotEntries() || applied - lastFlushAt < timing.snapshotEntries() / 2) {
            return;
        }
        lastFlushAt = applied;
        long durable = Math.min(stateMachine.flush(), applied);
        long upTo = Math.min(durable - timing.snapshotEntries() / 4, log.lastIndex());
        if (upTo >= first) {
            node.compact(upTo);
        }
    }

    /** Fails every outstanding request; the replica takes no more input. */
    void stop(MynodeException cause) {
        leaseRead = null;
        if (failure == null) {
            failure = cause;
        }
        failAll(cause);
    }

    /** Fails every outstanding request with {@code cause} (outcome unknown for proposals that left). */
    private void failAll(MynodeException cause) {
        for (Proposal p : proposals.values()) {
            p.future.completeExceptionally(p.everSent
                    ? new OutcomeUnknownException("raft node stopped before the outcome of proposal "
                            + p.key.clientId() + "#" + p.key.sequence() + " was known: " + cause.getMessage(), cause)
                    : new UnavailableException("raft node stopped: " + cause.getMessage(), cause));
        }
        proposals.clear();
        for (Read r : reads.values()) {
            r.future.completeExceptionally(new UnavailableException("raft node stopped: " + cause.getMessage(), cause));
        }
        reads.clear();
        for (Reconfig c : changes.values()) {
            c.future.completeExceptionally(c.index >= 0
                    ? new OutcomeUnknownException("raft node stopped before the membership change at index " + c.index
                            + " was known committed: " + cause.getMessage(), cause)
                    : new UnavailableException("raft node stopped: " + cause.getMessage(), cause));
        }
        changes.clear();
    }

    /**
     * The node's status. Its role reads {@code learner} for a follower that does not vote yet,
     * {@code removed} once its configuration leaves it out, {@code joining} before it has any.
     */
    ConsensusStatus status() {
        String role = node.isRemoved() ? "removed"
                : node.configuration().isEmpty() ? "joining"
                : !node.isVoter() ? "learner"
                : node.roleName();
        return new ConsensusStatus(node.id(), role, node.leader(), node.term(), node.commitIndex(), applied,
                node.matchIndex(), members(node.configuration()));
    }

    /** The kernel's view of {@code config}; a member whose address is not host:port (tests) is shown at port 0. */
    static List<ClusterMember> members(Configuration config) {
        List<ClusterMember> members = new ArrayList<>();
        for (Configuration.Member m : config.members()) {
            HostPort address;
            try {
                address = HostPort.parse(m.address(), "member " + m.id());
            } catch (ConfigException e) {
                address = new HostPort(m.id(), 0);
            }
            members.add(new ClusterMember(m.id(), address, m.voter()));
        }
        return members;
    }

    /** Peer messages dropped because a number in them was out of bounds (see {@code core.Bounds}). */
    long unbelievableMessages() {
        return unbelievable;
    }

    int pendingRequests() {
        return proposals.size() + reads.size() + changes.size();
    }
}
