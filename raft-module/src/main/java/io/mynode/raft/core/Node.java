package io.mynode.raft.core;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.raft.core.Message.Append;
import io.mynode.raft.core.Message.AppendResponse;
import io.mynode.raft.core.Message.Commit;
import io.mynode.raft.core.Message.Forward;
import io.mynode.raft.core.Message.Heartbeat;
import io.mynode.raft.core.Message.HeartbeatResponse;
import io.mynode.raft.core.Message.InstallSnapshot;
import io.mynode.raft.core.Message.ReadRequest;
import io.mynode.raft.core.Message.ReadResponse;
import io.mynode.raft.core.Message.SnapshotResponse;
import io.mynode.raft.core.Message.VoteRequest;
import io.mynode.raft.core.Message.VoteResponse;
import io.mynode.raft.core.Role.Candidate;
import io.mynode.raft.core.Role.Follower;
import io.mynode.raft.core.Role.Leader;
import io.mynode.raft.core.Role.PendingRead;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * One Raft node as a deterministic state machine: {@link #tick()}, {@link #step(Envelope)},
 * {@link #propose(List)} and {@link #readIndex(List)} go in; messages and effects come out of
 * {@link #drain()}. No threads, sockets or files: the {@link Log} and {@link Snapshots} are
 * injected, the random source that spreads election timeouts is seeded by the caller, and so is
 * the monotonic clock that only read leases consult (a simulation passes simulated time).
 *
 * <p>The caller must {@link Log#sync()} before it sends the messages drained, so that whatever a
 * message promises (a vote, an acknowledged entry) is durable first; and it applies entries up
 * to {@link #commitIndex()} only after that sync.
 */
public final class Node {

    /** What became of a proposal. */
    public enum Outcome { APPENDED, FORWARDED, NO_LEADER }

    /** Cap on the election backoff exponent: the widest timeout range is [n, 9n) ticks. */
    private static final int MAX_BACKOFF = 3;

    private final String id;
    private final List<String> peers;
    private final int quorum;
    private final Log log;
    private final Snapshots snapshots;
    private final RaftConfig config;
    private final RandomGenerator random;
    /** Monotonic nanoseconds; read only for leases, which ticks cannot measure (they skip stalls). */
    private final LongSupplier clock;
    private final List<Effect> out = new ArrayList<>();

    private long term;
    private String votedFor;
    private Role role;
    private long commit;
    private int electionElapsed;
    private int electionTimeout;
    /**
     * Ticks since a leader last showed itself (an append, heartbeat or snapshot), capped at
     * electionTicks. Unlike {@link #electionElapsed} it survives term and role changes: a stray
     * message of a higher term must not end the promise made by acknowledging a heartbeat.
     */
    private int sinceLeaderContact;
    /**
     * Elections this node ran in a row that ended in neither a leader nor hearing from one;
     * each widens the range the next election timeout is drawn from (see {@link #resetElectionTimer()}).
     */
    private int failedElections;
    private int heartbeatElapsed;
    /** Follower side of a snapshot transfer. */
    private SnapshotMeta receiving;
    private long received;
    private Effect.RoleChange lastRoleChange;

    /**
     * Starts as a follower at the durable term and vote. {@code members} lists every node,
     * this one included, in the same order on every node. {@code clock} gives monotonic
     * nanoseconds (as {@link System#nanoTime()}), read only with leases on; it must keep running
     * while this node's thread is stalled, which is what makes a paused leader's lease run out.
     * With leases on, a node starts as if it had just heard from a leader (it may have acknowledged
     * a heartbeat just before it crashed) and refuses votes for its first election timeout.
     */
    public Node(String id, List<String> members, Log log, Snapshots snapshots, RaftConfig config,
            RandomGenerator random, LongSupplier clock) {
        if (!members.contains(id)) {
            throw new IllegalArgumentException("members " + members + " do not include " + id);
        }
        this.id = id;
        this.peers = members.stream().filter(m -> !m.equals(id)).toList();
        this.quorum = members.size() / 2 + 1;
        this.log = log;
        this.snapshots = snapshots;
        this.config = config;
        this.random = random;
        this.clock = clock;
        this.term = log.currentTerm();
        this.votedFor = log.votedFor().orElse(null);
        this.commit = log.firstIndex() - 1;
        this.role = new Follower(null);
        this.sinceLeaderContact = config.leaseNanos() > 0 ? 0 : config.electionTicks();
        resetElectionTimer();
    }

    public String id() {
        return id;
    }

    public long term() {
        return term;
    }

    public String roleName() {
        return role.name();
    }

    public boolean isLeader() {
        return role instanceof Leader;
    }

    public Optional<String> leader() {
        return Optional.ofNullable(leaderId());
    }

    public long commitIndex() {
        return commit;
    }

    /**
     * While this node leads, has committed in its term and has held a read lease: when the lease
     * ends. Until then {@link #commitIndex()} is a read index, as {@link #readIndex} would give
     * under the lease; a driver may publish both to answer reads without a round here, as long
     * as it publishes them before any message or acknowledgement of a later commit leaves.
     */
    public OptionalLong leaseEnd() {
        if (role instanceof Leader l && l.committedInTerm) {
            return l.reads.leaseEnd(); // never held alone: a single node needs no lease
        }
        return OptionalLong.empty();
    }

    /** The leader's match index per node (itself included); empty on other nodes. */
    public Map<String, Long> matchIndex() {
        if (!(role instanceof Leader l)) {
            return Map.of();
        }
        Map<String, Long> m = new TreeMap<>();
        m.put(id, log.lastIndex());
        l.progress.forEach((p, pr) -> m.put(p, pr.match));
        return m;
    }

    /** Removes and returns everything produced since the last call. */
    public List<Effect> drain() {
        if (role instanceof Leader l && l.reads.wanted()) {
            broadcastHeartbeat(l);
        }
        List<Effect> effects = List.copyOf(out);
        out.clear();
        return effects;
    }

    // ---------------------------------------------------------------- inputs

    /** Advances logical time by one tick: election timeouts, heartbeats, check-quorum. */
    public void tick() {
        if (sinceLeaderContact < config.electionTicks()) {
            sinceLeaderContact++;
        }
        if (role instanceof Leader l) {
            if (++heartbeatElapsed >= config.heartbeatTicks()) {
                broadcastHeartbeat(l);
            }
            if (++l.checkQuorumElapsed >= config.electionTicks()) {
                l.checkQuorumElapsed = 0;
                if (config.checkQuorum() && !hasActiveQuorum(l)) {
                    becomeFollower(term, null);
                }
            }
            return;
        }
        if (++electionElapsed >= electionTimeout) {
            if (role instanceof Candidate && failedElections < MAX_BACKOFF) {
                failedElections++; // our own (pre-)election timed out: back off before the next one
            }
            campaign(config.preVote());
        }
    }

    /**
     * Offers commands for the log: appended here when leading, forwarded when a leader is known,
     * otherwise dropped ({@link Outcome#NO_LEADER}) for the caller to retry.
     */
    public Outcome propose(List<byte[]> commands) {
        if (commands.isEmpty()) {
            return Outcome.APPENDED;
        }
        if (role instanceof Leader l) {
            appendAndReplicate(l, commands);
            return Outcome.APPENDED;
        }
        String leader = leaderId();
        if (leader == null) {
            return Outcome.NO_LEADER;
        }
        // Many small messages rather than one huge one: a follower's backlog can be large.
        List<byte[]> chunk = new ArrayList<>();
        long bytes = 0;
        for (byte[] c : commands) {
            if (!chunk.isEmpty() && bytes + c.length > config.maxAppendBytes()) {
                send(leader, new Forward(List.copyOf(chunk)));
                chunk.clear();
                bytes = 0;
            }
            chunk.add(c);
            bytes += c.length;
        }
        send(leader, new Forward(List.copyOf(chunk)));
        return Outcome.FORWARDED;
    }

    /**
     * Asks for a read index for each of {@code ids}; a {@link Effect.ReadReady} follows once the
     * leader has confirmed it still leads: at once while it holds a lease, else after a heartbeat
     * round. False when no leader is known (the caller retries).
     */
    public boolean readIndex(List<Long> ids) {
        if (ids.isEmpty()) {
            return true;
        }
        if (role instanceof Leader l) {
            addRead(l, new PendingRead(id, List.copyOf(ids), 0, 0));
            return true;
        }
        String leader = leaderId();
        if (leader == null) {
            return false;
        }
        send(leader, new ReadRequest(List.copyOf(ids)));
        return true;
    }

    /**
     * Handles one message addressed to this node. Stale, duplicated or reordered ones are
     * harmless; one whose numbers are out of {@link Bounds} is dropped and reported.
     */
    public void step(Envelope env) {
        Message msg = env.message();
        String from = env.from();
        if (from.equals(id) || !peers.contains(from)) {
            return;
        }
        Optional<String> unbelievable = Bounds.check(env, term, log.lastIndex(), role instanceof Leader);
        if (unbelievable.isPresent()) {
            out.add(new Effect.Dropped(env, unbelievable.get())); // before anything of it is adopted or persisted
            return;
        }
        // Client traffic is valid in every term.
        switch (msg) {
            case Forward f -> {
                if (role instanceof Leader l) {
                    appendAndReplicate(l, f.commands());
                    Progress pr = l.progress.get(from);
                    pr.commitAwaited = Math.max(pr.commitAwaited, log.lastIndex());
                }
                return;
            }
            case ReadRequest r -> {
                if (role instanceof Leader l) {
                    addRead(l, new PendingRead(from, r.ids(), 0, 0));
                }
                return;
            }
            case ReadResponse r -> {
                for (long rid : r.ids()) {
                    out.add(new Effect.ReadReady(rid, r.index()));
                }
                return;
            }
            default -> { }
        }
        if (env.term() > term) {
            boolean preVote = msg instanceof VoteRequest v && v.pre();
            boolean preGrant = msg instanceof VoteResponse v && v.pre() && v.granted();
            if (msg instanceof VoteRequest v && !v.pre() && inLease()) {
                return; // a leader we heard from recently is alive: do not let a stray candidate depose it
            }
            if (!preVote && !preGrant) {
                boolean fromLeader = msg instanceof Append || msg instanceof Heartbeat || msg instanceof Commit
                        || msg instanceof InstallSnapshot;
                becomeFollower(env.term(), fromLeader ? from : null);
            }
        } else if (env.term() < term) {
            switch (msg) {
                // An old leader: tell it our term so it steps down.
                case Append a -> send(from, new HeartbeatResponse(0));
                case Heartbeat h -> send(from, new HeartbeatResponse(0));
                case Commit c -> send(from, new HeartbeatResponse(0));
                case InstallSnapshot s -> send(from, new HeartbeatResponse(0));
                case VoteRequest v when v.pre() -> send(from, new VoteResponse(true, false));
                default -> { }
            }
            return;
        }
        switch (msg) {
            case Append a -> onAppend(from, a);
            case AppendResponse r -> onAppendResponse(from, r);
            case Heartbeat h -> onHeartbeat(from, h);
            case Commit c -> onCommit(from, c);
            case HeartbeatResponse r -> onHeartbeatResponse(from, r);
            case VoteRequest v -> onVoteRequest(from, env.term(), v);
            case VoteResponse v -> onVoteResponse(from, env.term(), v);
            case InstallSnapshot s -> onInstallSnapshot(from, s);
            case SnapshotResponse r -> onSnapshotResponse(from, r);
            case Forward f -> throw new AssertionError("handled above");
            case ReadRequest r -> throw new AssertionError("handled above");
            case ReadResponse r -> throw new AssertionError("handled above");
        }
    }

    // ---------------------------------------------------------------- elections

    /** Starts an election now, as an election timeout would; for scripted tests. */
    void campaign() {
        if (!(role instanceof Leader)) {
            campaign(config.preVote());
        }
    }

    private void campaign(boolean pre) {
        Candidate c = new Candidate(pre);
        c.granted().add(id);
        if (!pre) {
            term++;
            votedFor = id;
            log.saveTermAndVote(term, Optional.of(id));
        }
        setRole(c);
        resetElectionTimer();
        if (c.granted().size() >= quorum) {
            if (pre) {
                campaign(false);
            } else {
                becomeLeader();
            }
            return;
        }
        long lastIndex = log.lastIndex();
        VoteRequest request = new VoteRequest(pre, lastIndex, log.term(lastIndex));
        for (String p : peers) {
            out.add(new Effect.Send(new Envelope(id, p, pre ? term + 1 : term, request)));
        }
    }

    private void onVoteRequest(String from, long msgTerm, VoteRequest v) {
        long lastIndex = log.lastIndex();
        long lastTerm = log.term(lastIndex);
        boolean upToDate = v.lastTerm() > lastTerm || (v.lastTerm() == lastTerm && v.lastIndex() >= lastIndex);
        if (v.pre()) {
            boolean grant = msgTerm > term && upToDate && !inLease() && !(role instanceof Leader);
            out.add(new Effect.Send(new Envelope(id, from, grant ? msgTerm : term, new VoteResponse(true, grant))));
            return;
        }
        // In lease, no new vote even in our own term: a stale message of a higher term may have
        // moved us to a term whose vote is still free while the leader we acknowledged still leads.
        boolean grant = upToDate && (votedFor == null ? !inLease() : votedFor.equals(from)) && !(role instanceof Leader);
        if (grant) {
            votedFor = from;
            log.saveTermAndVote(term, Optional.of(from));
            electionElapsed = 0;
        }
        send(from, new VoteResponse(false, grant));
    }

    private void onVoteResponse(String from, long msgTerm, VoteResponse v) {
        if (!(role instanceof Candidate c) || c.pre() != v.pre()) {
            return;
        }
        if (v.pre() && v.granted() && msgTerm != term + 1) {
            return;
        }
        (v.granted() ? c.granted() : c.rejected()).add(from);
        if (c.granted().size() >= quorum) {
            if (c.pre()) {
                campaign(false);
            } else {
                becomeLeader();
            }
        } else if (c.rejected().size() >= quorum) {
            becomeFollower(term, null);
        }
    }

    private void becomeFollower(long newTerm, String leader) {
        if (newTerm > term) {
            term = newTerm;
            votedFor = null;
            log.saveTermAndVote(term, Optional.empty());
        }
        receiving = null;
        if (leader != null) {
            failedElections = 0; // a leader is alive: the next timeout comes from the base range
        }
        setRole(new Follower(leader));
        resetElectionTimer();
    }

    private void becomeLeader() {
        failedElections = 0;
        Leader l = new Leader(new ReadRounds(quorum, config.leaseNanos(), clock));
        long next = log.lastIndex() + 1;
        for (String p : peers) {
            Progress pr = new Progress(next);
            pr.recentActive = true;
            l.progress.put(p, pr);
        }
        setRole(l);
        heartbeatElapsed = 0;
        log.append(List.of(new Entry(next, term, new byte[0])));
        for (String p : peers) {
            sendAppend(p, l.progress.get(p));
        }
        maybeCommit(l);
    }

    /**
     * True while this node refuses votes and pre-votes because a leader showed itself within the
     * last electionTicks ticks (or, with leases on, it started less than that long ago): check-
     * quorum's guard against disruptive candidates (thesis §9.6) and the follower's half of the
     * read lease. Every path to electing someone else passes here: a higher-term vote is ignored
     * in {@link #step}, a pre-vote or a not yet given vote of our own term (a stale message may
     * have raised it) is refused in {@link #onVoteRequest}, and our own election timer is reset by
     * the same contact. A leader is never in lease: a higher-term vote request deposes it, and
     * with that its lease. The package documentation gives the whole argument.
     */
    private boolean inLease() {
        return config.checkQuorum() && !(role instanceof Leader) && sinceLeaderContact < config.electionTicks();
    }

    private boolean hasActiveQuorum(Leader l) {
        int active = 1;
        for (Progress pr : l.progress.values()) {
            if (pr.recentActive) {
                active++;
            }
            pr.recentActive = false;
        }
        return active >= quorum;
    }

    // ---------------------------------------------------------------- replication, follower side

    private void onAppend(String from, Append a) {
        followLeader(from);
        long prevIndex = a.prevIndex();
        List<Entry> entries = a.entries();
        if (prevIndex < commit) {
            // Entries up to our commit index are committed, hence equal to the leader's: skip them.
            int skip = (int) Math.min(entries.size(), commit - prevIndex);
            entries = entries.subList(skip, entries.size());
            if (entries.isEmpty()) {
                send(from, new AppendResponse(true, commit, 0, 0));
                return;
            }
            prevIndex = commit;
        } else if (prevIndex > log.lastIndex() || log.term(prevIndex) != a.prevTerm()) {
            long hint = Math.min(prevIndex, log.lastIndex());
            while (hint > commit && log.term(hint) > a.prevTerm()) {
                hint--;
            }
            send(from, new AppendResponse(false, a.prevIndex(), hint, log.term(hint)));
            return;
        }
        // Skip what we already have; truncate and append from the first entry that differs.
        int i = 0;
        while (i < entries.size() && entries.get(i).index() <= log.lastIndex()
                && log.term(entries.get(i).index()) == entries.get(i).term()) {
            i++;
        }
        if (i < entries.size()) {
            if (entries.get(i).index() <= commit) {
                throw new IllegalStateException("leader " + from + " would overwrite committed entry " + entries.get(i));
            }
            log.append(entries.subList(i, entries.size()));
        }
        long lastNew = prevIndex + entries.size();
        long newCommit = Math.min(a.commit(), lastNew);
        if (newCommit > commit) {
            commit = newCommit;
        }
        send(from, new AppendResponse(true, lastNew, 0, 0));
    }

    private void onHeartbeat(String from, Heartbeat h) {
        followLeader(from);
        long newCommit = Math.min(h.commit(), log.lastIndex());
        if (newCommit > commit) {
            commit = newCommit;
        }
        send(from, new HeartbeatResponse(h.readSeq()));
    }

    /**
     * The leader capped {@code c.commit()} at the index it knows this log matches (as for a
     * heartbeat), and only a leader of a later term could have cut this log short since; a
     * message of an earlier term never gets here.
     */
    private void onCommit(String from, Commit c) {
        followLeader(from);
        long newCommit = Math.min(c.commit(), log.lastIndex());
        if (newCommit > commit) {
            commit = newCommit;
        }
    }

    private void onInstallSnapshot(String from, InstallSnapshot s) {
        followLeader(from);
        if (s.index() <= commit) {
            receiving = null;
            send(from, new SnapshotResponse(s.index(), 0, true));
            return;
        }
        SnapshotMeta meta = new SnapshotMeta(s.index(), s.snapshotTerm(), s.size());
        if (!meta.equals(receiving)) {
            if (s.offset() != 0) {
                send(from, new SnapshotResponse(s.index(), 0, false));
                return;
            }
            receiving = meta;
            received = 0;
            snapshots.begin(meta);
        }
        if (s.offset() != received) {
            send(from, new SnapshotResponse(s.index(), received, false));
            return;
        }
        snapshots.write(s.data());
        received += s.data().length;
        if (!s.done()) {
            send(from, new SnapshotResponse(s.index(), received, false));
            return;
        }
        receiving = null;
        if (received != s.size()) {
            send(from, new SnapshotResponse(s.index(), 0, false));
            return;
        }
        if (meta.index() <= log.lastIndex() && meta.index() >= log.firstIndex() - 1
                && log.term(meta.index()) == meta.term()) {
            // Our log already holds the snapshot's last entry: it is committed, keep the log.
            commit = meta.index();
        } else {
            try {
                snapshots.install(meta);
            } catch (CorruptionException e) {
                send(from, new SnapshotResponse(s.index(), 0, false));
                return;
            }
            log.resetTo(meta.index(), meta.term());
            commit = meta.index();
        }
        send(from, new SnapshotResponse(s.index(), 0, true));
    }

    private void followLeader(String from) {
        if (!(role instanceof Follower f) || !from.equals(f.leader())) {
            becomeFollower(term, from);
        }
        electionElapsed = 0;
        sinceLeaderContact = 0;
    }

    // ---------------------------------------------------------------- replication, leader side

    private void appendAndReplicate(Leader l, List<byte[]> commands) {
        long index = log.lastIndex();
        List<Entry> entries = new ArrayList<>(commands.size());
        for (byte[] c : commands) {
            if (c.length == 0) {
                throw new IllegalArgumentException("an empty command is reserved for no-ops");
            }
            entries.add(new Entry(++index, term, c));
        }
        log.append(entries);
        for (String p : peers) {
            sendAppend(p, l.progress.get(p));
        }
        maybeCommit(l);
    }

    /** Sends what {@code p} lacks, within its mode's limits; a snapshot when that was compacted. */
    private void sendAppend(String p, Progress pr) {
        switch (pr.state) {
            case SNAPSHOT -> {
                return;
            }
            case PROBE -> {
                if (pr.paused) {
                    return;
                }
            }
            case REPLICATE -> {
                if (pr.inflight.size() >= config.maxInflight() || pr.next > log.lastIndex()) {
                    return;
                }
            }
        }
        long prevIndex = pr.next - 1;
        if (prevIndex < log.firstIndex() - 1) {
            startSnapshot(p, pr);
            return;
        }
        List<Entry> entries = pr.next <= log.lastIndex()
                ? log.entries(pr.next, log.lastIndex(), config.maxAppendBytes())
                : List.of();
        if (pr.state == Progress.State.REPLICATE) {
            long last = entries.getLast().index();
            pr.inflight.addLast(last);
            pr.next = last + 1;
        } else {
            pr.paused = true;
        }
        pr.commitSent = Math.max(pr.commitSent, Math.min(commit, prevIndex + entries.size()));
        send(p, new Append(prevIndex, log.term(prevIndex), entries, commit));
    }

    private void onAppendResponse(String from, AppendResponse r) {
        if (!(role instanceof Leader l)) {
            return;
        }
        Progress pr = l.progress.get(from);
        pr.recentActive = true;
        if (r.success()) {
            boolean advanced = pr.acknowledge(r.index());
            if (pr.state == Progress.State.PROBE) {
                pr.becomeReplicate();
            }
            if (pr.state == Progress.State.SNAPSHOT && pr.match >= pr.snapshot.index()) {
                pr.becomeProbe();
            }
            if (advanced && maybeCommit(l)) {
                // Tell the followers whose clients wait on it now. The others learn it with the
                // next append or heartbeat: telling them at once would cost a message and a
                // wake-up of their Raft thread per round, for nothing anyone waits on.
                for (String p : peers) {
                    if (!p.equals(from)) {
                        sendAwaitedCommit(p, l.progress.get(p));
                    }
                }
            }
            sendAppend(from, pr);
            sendAwaitedCommit(from, pr);
        } else {
            long hint = Math.min(r.hintIndex(), log.lastIndex());
            while (hint >= log.firstIndex() && log.term(hint) > r.hintTerm()) {
                hint--;
            }
            if (pr.reject(r.index(), hint)) {
                sendAppend(from, pr);
            }
        }
    }

    /**
     * The commit index, as far as the follower can use it (its match point), unless it already
     * knows as much: a {@link Commit}, which needs no answer.
     */
    private void sendAwaitedCommit(String p, Progress pr) {
        if (pr.commitAwaited > pr.commitSent) {
            sendCommit(p, pr);
        }
    }

    private void sendCommit(String p, Progress pr) {
        long usable = Math.min(commit, pr.match);
        if (pr.state == Progress.State.REPLICATE && pr.commitSent < usable) {
            pr.commitSent = usable;
            send(p, new Commit(usable));
        }
    }

    private void onHeartbeatResponse(String from, HeartbeatResponse r) {
        if (!(role instanceof Leader l)) {
            return;
        }
        Progress pr = l.progress.get(from);
        pr.recentActive = true;
        l.reads.echoed(pr, r.readSeq(), l.progress.values()).forEach(this::answer);
        if (pr.match >= log.lastIndex()) {
            return;
        }
        switch (pr.state) {
            case PROBE -> pr.paused = false;
            case REPLICATE -> {
                if (!pr.ackedSinceHeartbeat) {
                    pr.becomeProbe(); // appends were lost: resend from the match point
                }
            }
            case SNAPSHOT -> {
                if (!pr.snapshotProgressed) {
                    sendSnapshotChunk(from, pr);
                }
                pr.snapshotProgressed = false;
                return;
            }
        }
        sendAppend(from, pr);
    }

    private void startSnapshot(String p, Progress pr) {
        pr.state = Progress.State.SNAPSHOT;
        pr.inflight.clear();
        pr.snapshot = snapshots.latest();
        pr.snapshotOffset = 0;
        sendSnapshotChunk(p, pr);
    }

    private void sendSnapshotChunk(String p, Progress pr) {
        SnapshotMeta s = pr.snapshot;
        byte[] data = snapshots.read(s, pr.snapshotOffset, config.snapshotChunkBytes());
        if (data.length == 0 && pr.snapshotOffset < s.size()) {
            // That snapshot was replaced by a newer one: start over with the newest.
            s = pr.snapshot = snapshots.latest();
            pr.snapshotOffset = 0;
            data = snapshots.read(s, 0, config.snapshotChunkBytes());
        }
        boolean done = pr.snapshotOffset + data.length >= s.size();
        send(p, new InstallSnapshot(s.index(), s.term(), s.size(), pr.snapshotOffset, data, done));
    }

    private void onSnapshotResponse(String from, SnapshotResponse r) {
        if (!(role instanceof Leader l)) {
            return;
        }
        Progress pr = l.progress.get(from);
        pr.recentActive = true;
        if (r.installed()) {
            pr.acknowledge(r.index());
            if (pr.state == Progress.State.SNAPSHOT) {
                pr.becomeProbe();
                sendAppend(from, pr);
            }
            return;
        }
        if (pr.state != Progress.State.SNAPSHOT || pr.snapshot.index() != r.index()) {
            return;
        }
        if (r.nextOffset() == pr.snapshotOffset && r.nextOffset() != 0) {
            return; // a duplicate answer to a chunk already answered
        }
        pr.snapshotOffset = Math.min(r.nextOffset(), pr.snapshot.size());
        pr.snapshotProgressed = true;
        sendSnapshotChunk(from, pr);
    }

    /** Commits the highest index a quorum holds, if it is of this term; true when it advanced. */
    private boolean maybeCommit(Leader l) {
        List<Long> matches = new ArrayList<>(peers.size() + 1);
        matches.add(log.lastIndex());
        l.progress.values().forEach(pr -> matches.add(pr.match));
        matches.sort(Collections.reverseOrder());
        long candidate = matches.get(quorum - 1);
        if (candidate <= commit || log.term(candidate) != term) {
            return false;
        }
        commit = candidate;
        if (!l.committedInTerm) {
            l.committedInTerm = true;
            List<PendingRead> waiting = List.copyOf(l.waiting);
            l.waiting.clear();
            waiting.forEach(r -> addRead(l, r));
        }
        return true;
    }

    private void broadcastHeartbeat(Leader l) {
        heartbeatElapsed = 0;
        long round = l.reads.send();
        for (String p : peers) {
            Progress pr = l.progress.get(p);
            pr.ackedSinceHeartbeat = false;
            pr.commitSent = Math.max(pr.commitSent, Math.min(pr.match, commit));
            send(p, new Heartbeat(Math.min(pr.match, commit), round));
        }
    }

    // ---------------------------------------------------------------- read index

    /**
     * Gives {@code r} a read index: at once in a single-node cluster or under a valid lease, else
     * to be confirmed by the next heartbeat round ({@link ReadRounds}).
     */
    private void addRead(Leader l, PendingRead r) {
        if (!l.committedInTerm) {
            l.waiting.add(r); // our commit index may lag the true one until we commit in our term
            return;
        }
        PendingRead indexed = new PendingRead(r.from(), r.ids(), commit, l.reads.round());
        if (quorum == 1 || l.reads.holdsLease()) {
            answer(indexed);
        } else {
            l.reads.await(indexed);
        }
    }

    private void answer(PendingRead r) {
        if (r.from().equals(id)) {
            r.ids().forEach(rid -> out.add(new Effect.ReadReady(rid, r.index())));
        } else {
            send(r.from(), new ReadResponse(r.ids(), r.index()));
            // The follower reads once it has applied the read index, so it needs the commit index.
            if (role instanceof Leader l) {
                Progress pr = l.progress.get(r.from());
                pr.commitAwaited = Math.max(pr.commitAwaited, r.index());
                sendAwaitedCommit(r.from(), pr);
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    private String leaderId() {
        return switch (role) {
            case Leader l -> id;
            case Follower f -> f.leader();
            case Candidate c -> null;
        };
    }

    /** Switches role, reporting it unless nothing visible (role, term, leader) changed. */
    private void setRole(Role next) {
        role = next;
        Effect.RoleChange change = new Effect.RoleChange(role.name(), term, leader());
        if (!change.equals(lastRoleChange) || next instanceof Candidate) {
            lastRoleChange = change;
            out.add(change);
        }
    }

    /**
     * Draws the next election timeout from [n, 2n) ticks, widened to [n, n + 2^k·n) after k
     * failed elections in a row (k at most {@link #MAX_BACKOFF}). Why: when persisting a vote and
     * the round trip to the voters take longer than 2n ticks (an overloaded machine, a slow disk),
     * every candidate times out before its grants arrive and, with a fixed range, no election can
     * ever succeed. The wider range lets some candidate wait long enough and spreads the
     * candidates further apart. Timers only: no vote or term rule changes, so safety is untouched;
     * a node that has heard from a leader (or leads) is back to the base range.
     */
    private void resetElectionTimer() {
        electionElapsed = 0;
        electionTimeout = config.electionTicks() + random.nextInt(config.electionTicks() << failedElections);
    }

    private void send(String to, Message m) {
        out.add(new Effect.Send(new Envelope(id, to, term, m)));
    }
}
