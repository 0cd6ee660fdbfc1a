package io.mynode.raft.core;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.raft.core.Message.Append;
import io.mynode.raft.core.Message.AppendResponse;
import io.mynode.raft.core.Message.ChangeRequest;
import io.mynode.raft.core.Message.ChangeResponse;
import io.mynode.raft.core.Message.Commit;
import io.mynode.raft.core.Message.Forward;
import io.mynode.raft.core.Message.Heartbeat;
import io.mynode.raft.core.Message.HeartbeatResponse;
import io.mynode.raft.core.Message.InstallSnapshot;
import io.mynode.raft.core.Message.ReadRequest;
import io.mynode.raft.core.Message.ReadResponse;
import io.mynode.raft.core.Message.SnapshotResponse;
import io.mynode.raft.core.Message.TimeoutNow;
import io.mynode.raft.core.Message.VoteRequest;
import io.mynode.raft.core.Message.VoteResponse;
import io.mynode.raft.core.Role.Candidate;
import io.mynode.raft.core.Role.Follower;
import io.mynode.raft.core.Role.Leader;
import io.mynode.raft.core.Role.PendingRead;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
 * <p>Who takes part is the latest {@link Configuration} in the log ({@link Configurations}): only
 * its voters campaign, vote and count towards a quorum; a learner or a node the configuration no
 * longer names only follows. Membership changes and leadership transfers are requested with
 * {@link #requestChange} and decided by {@link Reconfiguration}.
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
    private final Configurations configs;
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
    /** Follower side of a snapshot transfer: the snapshot, the configuration at its index, the bytes so far. */
    private SnapshotMeta receiving;
    private Configuration receivingConfig;
    private long received;
    private Effect.RoleChange lastRoleChange;

    /**
     * Starts as a follower at the durable term and vote, in the configuration the log holds; on a
     * first start that is {@code bootstrap}, which the log then records: every member of a new
     * cluster gets the same list, this node included. A node joining a running cluster passes
     * {@link Configuration#EMPTY} and waits for the leader to send it the log. {@code clock} gives
     * monotonic nanoseconds (as {@link System#nanoTime()}), read only with leases on; it must keep
     * running while this node's thread is stalled, which is what makes a paused leader's lease run
     * out. With leases on, a node starts as if it had just heard from a leader (it may have
     * acknowledged a heartbeat just before it crashed) and refuses votes for its first election
     * timeout.
     */
    public Node(String id, Configuration bootstrap, Log log, Snapshots snapshots, RaftConfig config,
            RandomGenerator random, LongSupplier clock) {
        if (log.configuration().isEmpty() && !bootstrap.isEmpty() && !bootstrap.contains(id)) {
            throw new IllegalArgumentException("bootstrap configuration " + bootstrap + " does not include " + id);
        }
        this.id = id;
        this.configs = new Configurations(log, bootstrap);
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

    /** A node of a new cluster whose voters are {@code members} (without addresses): for tests. */
    public Node(String id, List<String> members, Log log, Snapshots snapshots, RaftConfig config,
            RandomGenerator random, LongSupplier clock) {
        this(id, Configuration.ofVoters(members), log, snapshots, config, random, clock);
    }

    public String id() {
        return id;
    }

    /** The configuration in force: the latest in the log, committed or not. */
    public Configuration configuration() {
        return configs.latest();
    }

    /** The index of the entry that set {@link #configuration()} (the log's start if none did). */
    public long configurationIndex() {
        return configs.latestIndex();
    }

    /**
     * Every node of every configuration the log holds, with its latest address: whom this node may
     * have to reach (a node a change removed included, until compaction drops that change).
     */
    public Map<String, String> knownAddresses() {
        return configs.addresses();
    }

    /** Changes whenever {@link #configuration()} or {@link #knownAddresses()} may have. */
    public long configurationVersion() {
        return configs.version();
    }

    /** Whether this node votes: it is a voter in its latest configuration. */
    public boolean isVoter() {
        return configs.latest().isVoter(id);
    }

    /** Whether this node answers vote requests: it has a configuration and no committed removal. */
    private boolean mayVote() {
        return !configs.latest().isEmpty() && !isRemovalCommitted();
    }

    /**
     * Whether the latest configuration this node knows leaves it out: it was removed (or was
     * never added), and does not campaign unless a later configuration names it again.
     */
    public boolean isRemoved() {
        return !configs.latest().isEmpty() && !configs.latest().contains(id);
    }

    /**
     * Whether this node knows its removal committed: {@link #isRemoved()}, and the entry that
     * removed it is within the commit index. The leader tells a departing node that much before
     * it stops writing to it; from then on nothing can bring the node back but a new addition.
     */
    public boolean isRemovalCommitted() {
        return isRemoved() && commit >= configs.latestIndex();
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
        if (role instanceof Leader l && l.committedInTerm && !l.leaseForfeited) {
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
                    return;
                }
            }
            if (l.transferTarget != null && ++l.transferElapsed >= config.electionTicks()) {
                l.transferTarget = null; // the target did not take over in time: lead on (without a lease)
            }
            maybePromote(l);
            return;
        }
        if (++electionElapsed >= electionTimeout) {
            if (!isVoter()) {
                resetElectionTimer(); // learners, removed and joining nodes never campaign
                return;
            }
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
        for (byte[] c : commands) {
            if (c.length > 0 && c[0] == Configuration.ENTRY_MARKER) {
                throw new IllegalArgumentException("a command may not start with the configuration entry marker");
            }
        }
        if (role instanceof Leader l) {
            if (l.transferTarget != null) {
                return Outcome.NO_LEADER; // handing leadership on: the next leader takes it
            }
            appendAndReplicate(l, toEntries(commands));
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
     * Asks for a membership change or a leadership transfer; {@code requestId} is the caller's own.
     * A leader decides at once, a follower forwards the request to its leader; the answer comes
     * back as an {@link Effect.ChangeAnswered}. False when no leader is known (the caller retries).
     */
    public boolean requestChange(long requestId, Change change) {
        if (role instanceof Leader l) {
            out.add(new Effect.ChangeAnswered(requestId, change(l, change)));
            return true;
        }
        String leader = leaderId();
        if (leader == null) {
            return false;
        }
        send(leader, new ChangeRequest(requestId, change));
        return true;
    }

    /**
     * Discards the log through {@code index} (applied and durable in the state machine), with the
     * configuration in force there recorded in its place.
     */
    public void compact(long index) {
        log.compact(index, configs.at(index));
        configs.compacted(index);
    }

    /**
     * Handles one message addressed to this node. Stale, duplicated or reordered ones are
     * harmless; one whose numbers are out of {@link Bounds} is dropped and reported. Messages from
     * nodes outside the configuration are heard too (a new node's first leader may be one its empty
     * configuration does not name); only votes and acknowledgements of the nodes the configuration
     * counts are counted.
     */
    public void step(Envelope env) {
        Message msg = env.message();
        String from = env.from();
        if (from.equals(id)) {
            return;
        }
        Optional<String> unbelievable = Bounds.check(env, term, log.lastIndex(), role instanceof Leader);
        if (unbelievable.isPresent()) {
            out.add(new Effect.Dropped(env, unbelievable.get())); // before anything of it is adopted or persisted
            return;
        }
        // Client traffic is valid in every term; a leader takes it from the nodes it replicates to.
        switch (msg) {
            case Forward f -> {
                if (role instanceof Leader l && l.transferTarget == null && l.progress.get(from) instanceof Progress pr) {
                    appendAndReplicate(l, toEntries(f.commands()));
                    pr.commitAwaited = Math.max(pr.commitAwaited, log.lastIndex());
                }
                return;
            }
            case ReadRequest r -> {
                if (role instanceof Leader l && l.progress.containsKey(from)) {
                    addRead(l, new PendingRead(from, r.ids(), 0, 0));
                }
                return;
            }
            case ChangeRequest r -> {
                if (role instanceof Leader l && l.progress.containsKey(from)) {
                    var earlier = l.answered.get(from);
                    ChangeResult result = earlier != null && earlier.getKey() == r.id() ? earlier.getValue() : change(l, r.change());
                    if (result instanceof ChangeResult.Accepted || result instanceof ChangeResult.Rejected
                            || result instanceof ChangeResult.Done) {
                        l.answered.put(from, Map.entry(r.id(), result));
                    }
                    send(from, new ChangeResponse(r.id(), result));
                }
                return;
            }
            case ChangeResponse r -> {
                out.add(new Effect.ChangeAnswered(r.id(), r.result()));
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
            if (msg instanceof VoteRequest v && !v.pre() && !v.transfer() && inLease()) {
                return; // a leader we heard from recently is alive: do not let a stray candidate depose it
            }
            if (!preVote && !preGrant) {
                boolean fromLeader = msg instanceof Append || msg instanceof Heartbeat || msg instanceof Commit
                        || msg instanceof InstallSnapshot || msg instanceof TimeoutNow;
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
            case TimeoutNow t -> onTimeoutNow(from);
            case Forward f -> throw new AssertionError("handled above");
            case ReadRequest r -> throw new AssertionError("handled above");
            case ReadResponse r -> throw new AssertionError("handled above");
            case ChangeRequest r -> throw new AssertionError("handled above");
            case ChangeResponse r -> throw new AssertionError("handled above");
        }
    }

    // ---------------------------------------------------------------- elections

    /** Starts an election now, as an election timeout would; for scripted tests. */
    void campaign() {
        if (!(role instanceof Leader) && isVoter()) {
            campaign(config.preVote());
        }
    }

    private void campaign(boolean pre) {
        campaign(pre, false);
    }

    /**
     * Runs for leader among the voters of the latest configuration (this node must be one).
     * {@code transfer}: the leader asked for it ({@link TimeoutNow}), so no pre-vote, and voters
     * grant the vote though they heard from that leader lately.
     */
    private void campaign(boolean pre, boolean transfer) {
        Configuration members = configs.latest();
        int quorum = members.quorum();
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
        VoteRequest request = new VoteRequest(pre, lastIndex, log.term(lastIndex), transfer);
        for (String p : members.voters()) {
            if (!p.equals(id)) {
                out.add(new Effect.Send(new Envelope(id, p, pre ? term + 1 : term, request)));
            }
        }
    }

    /** The leader hands over: campaign now, if it is our leader and we are a voter. */
    private void onTimeoutNow(String from) {
        if (role instanceof Follower f && from.equals(f.leader()) && isVoter()) {
            campaign(false, true);
        }
    }

    private void onVoteRequest(String from, long msgTerm, VoteRequest v) {
        long lastIndex = log.lastIndex();
        long lastTerm = log.term(lastIndex);
        boolean upToDate = v.lastTerm() > lastTerm || (v.lastTerm() == lastTerm && v.lastIndex() >= lastIndex);
        // Every node of the cluster answers, learners too: a candidate counts only the votes of its
        // own configuration's voters, and a learner whose log lacks its promotion may be the vote
        // that candidate needs. A node that has joined nothing yet, or knows its removal
        // committed, has no say.
        boolean voter = mayVote();
        boolean leaseHolds = inLease() && !v.transfer();
        if (v.pre()) {
            boolean grant = voter && msgTerm > term && upToDate && !leaseHolds && !(role instanceof Leader);
            out.add(new Effect.Send(new Envelope(id, from, grant ? msgTerm : term, new VoteResponse(true, grant))));
            return;
        }
        // In lease, no new vote even in our own term: a stale message of a higher term may have
        // moved us to a term whose vote is still free while the leader we acknowledged still leads.
        boolean grant = voter && upToDate && (votedFor == null ? !leaseHolds : votedFor.equals(from))
                && !(role instanceof Leader);
        if (grant) {
            votedFor = from;
            log.saveTermAndVote(term, Optional.of(from));
            electionElapsed = 0;
        }
        send(from, new VoteResponse(false, grant));
    }

    private void onVoteResponse(String from, long msgTerm, VoteResponse v) {
        if (!(role instanceof Candidate c) || c.pre() != v.pre() || !configs.latest().isVoter(from)) {
            return;
        }
        int quorum = configs.latest().quorum();
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
        Leader l = new Leader(new ReadRounds(config.leaseNanos(), clock));
        // Whoever the latest change removed still has to learn it from us.
        Configuration latest = configs.latest();
        for (Configuration.Member m : configs.previous().members()) {
            if (!latest.contains(m.id()) && !m.id().equals(id)) {
                l.leaving.put(m.id(), configs.latestIndex());
            }
        }
        syncProgress(l);
        setRole(l);
        heartbeatElapsed = 0;
        appendAndReplicate(l, List.of(new Entry(log.lastIndex() + 1, term, new byte[0])));
    }

    /**
     * Makes the leader's progress map what the latest configuration and the nodes still leaving
     * call for: new members start probing at the end of the log, departed ones are forgotten.
     */
    private void syncProgress(Leader l) {
        Set<String> targets = new HashSet<>(configs.latest().ids());
        targets.addAll(l.leaving.keySet());
        targets.remove(id);
        l.progress.keySet().retainAll(targets);
        for (String p : targets) {
            l.progress.computeIfAbsent(p, k -> {
                Progress pr = new Progress(log.lastIndex() + 1);
                pr.recentActive = true;
                return pr;
            });
        }
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
        int active = isVoter() ? 1 : 0;
        for (Progress pr : voterProgress(l)) {
            if (pr.recentActive) {
                active++;
            }
        }
        l.progress.values().forEach(pr -> pr.recentActive = false);
        return active >= configs.latest().quorum();
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
            List<Entry> appended = entries.subList(i, entries.size());
            log.append(appended);
            configs.appended(appended); // a configuration takes effect once in the log
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
        if (!meta.equals(receiving) || !s.config().equals(receivingConfig)) {
            if (s.offset() != 0) {
                send(from, new SnapshotResponse(s.index(), 0, false));
                return;
            }
            receiving = meta;
            receivingConfig = s.config();
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
            log.resetTo(meta.index(), meta.term(), s.config());
            configs.reset(meta.index(), s.config());
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

    /** Commands as entries of this term after the log's end; a forwarded one posing as a configuration is dropped. */
    private List<Entry> toEntries(List<byte[]> commands) {
        long index = log.lastIndex();
        List<Entry> entries = new ArrayList<>(commands.size());
        for (byte[] c : commands) {
            if (c.length == 0) {
                throw new IllegalArgumentException("an empty command is reserved for no-ops");
            }
            if (c[0] != Configuration.ENTRY_MARKER) {
                entries.add(new Entry(++index, term, c));
            }
        }
        return entries;
    }

    private void appendAndReplicate(Leader l, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        log.append(entries);
        configs.appended(entries);
        for (String p : l.progress.keySet()) {
            sendAppend(p, l.progress.get(p));
        }
        maybeCommit(l);
    }

    // ---------------------------------------------------------------- membership, leader side

    /** What the leader does with a change request: see {@link Reconfiguration} for the rules. */
    private ChangeResult change(Leader l, Change c) {
        Reconfiguration.Decision d = Reconfiguration.decide(c, id, configs.latest(), configs.latestIndex(), commit,
                l.committedInTerm, l.transferTarget, configs.addresses().keySet());
        return switch (d) {
            case Reconfiguration.Decision.Append a -> appendConfiguration(l, a.next());
            case Reconfiguration.Decision.Answer a when a.result() instanceof ChangeResult.Transferring t -> {
                // A transfer, or the removal of this leader, which another leader will carry out.
                String target = c instanceof Change.Transfer tr ? tr.id()
                        : l.transferTarget != null ? l.transferTarget
                        : Reconfiguration.successor(id, configs.latest(), l.progress).orElse(null);
                if (target == null) {
                    yield new ChangeResult.Retry("no other voter to hand leadership to");
                }
                startTransfer(l, target);
                yield new ChangeResult.Transferring(target);
            }
            case Reconfiguration.Decision.Answer a -> a.result();
        };
    }

    /**
     * Appends {@code next} as a configuration entry, which takes effect at once: nodes it removes
     * are kept as targets until they hold the entry, new ones are probed, and the lease is dropped
     * to be counted again among the new voters.
     */
    private ChangeResult appendConfiguration(Leader l, Configuration next) {
        long index = log.lastIndex() + 1;
        Configuration before = configs.latest();
        for (Configuration.Member m : before.members()) {
            if (!next.contains(m.id()) && !m.id().equals(id)) {
                l.leaving.put(m.id(), index);
            }
        }
        for (String added : next.ids()) {
            if (!before.contains(added) && !added.equals(id)) {
                l.leaving.remove(added);
                l.progress.remove(added); // a new node under an old id: nothing it held before counts
            }
        }
        // A node removed by an earlier change that has not heard of it by now (it is down, most
        // likely) is let go: the leader writes to departing nodes only until the next change.
        l.leaving.values().removeIf(at -> at < index && at <= commit);
        Entry e = new Entry(index, term, next.toEntryData());
        log.append(List.of(e));
        configs.appended(List.of(e));
        syncProgress(l);
        l.reads.dropLease(l.progress.values());
        for (String p : l.progress.keySet()) {
            sendAppend(p, l.progress.get(p));
        }
        maybeCommit(l);
        return new ChangeResult.Accepted(index, term);
    }

    /** Promotes a learner that has caught up, if one has and no change is pending. */
    private void maybePromote(Leader l) {
        Reconfiguration.promotable(configs.latest(), configs.latestIndex(), commit, l.committedInTerm, l.transferTarget,
                l.progress).ifPresent(learner -> appendConfiguration(l, configs.latest().promote(learner)));
    }

    /**
     * Hands leadership to {@code target}: no new proposals and no lease reads from now on (the
     * target's election asks voters to ignore the promise the lease rests on); TimeoutNow goes as
     * soon as the target's log matches ours. Abandoned after an election timeout.
     */
    private void startTransfer(Leader l, String target) {
        if (target.equals(l.transferTarget)) {
            return;
        }
        l.transferTarget = target;
        l.transferElapsed = 0;
        l.timeoutNowSent = false;
        l.leaseForfeited = true;
        Progress pr = l.progress.get(target);
        if (pr.match == log.lastIndex()) {
            sendTimeoutNow(l);
        } else {
            sendAppend(target, pr);
        }
    }

    private void sendTimeoutNow(Leader l) {
        if (l.transferTarget != null && !l.timeoutNowSent) {
            l.timeoutNowSent = true;
            send(l.transferTarget, new TimeoutNow());
        }
    }

    /**
     * Drops a departed node once it knows its removal committed: it holds the entry that removed
     * it, and has echoed a heartbeat carrying a commit index at or past that entry.
     */
    private void maybeForget(Leader l, String p, Progress pr) {
        Long removedAt = l.leaving.get(p);
        if (removedAt != null && pr.match >= removedAt && pr.removalTold > 0 && pr.readSeq >= pr.removalTold) {
            l.leaving.remove(p);
            syncProgress(l);
        }
    }

    /** Every voter's progress but this node's, in the latest configuration. */
    private Collection<Progress> voterProgress(Leader l) {
        return Reconfiguration.voters(id, configs.latest(), l.progress);
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
        if (!(role instanceof Leader l) || !(l.progress.get(from) instanceof Progress pr)) {
            return;
        }
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
                for (String p : l.progress.keySet()) {
                    if (!p.equals(from)) {
                        sendAwaitedCommit(p, l.progress.get(p));
                    }
                }
            }
            if (from.equals(l.transferTarget) && pr.match == log.lastIndex()) {
                sendTimeoutNow(l);
            }
            maybePromote(l);
            if (l.progress.get(from) != pr) {
                return; // the promotion's append, or nothing more to send it
            }
            maybeForget(l, from, pr);
            if (l.progress.get(from) != pr) {
                return; // it holds the change that removed it: nothing more to send it
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
        if (!(role instanceof Leader l) || !(l.progress.get(from) instanceof Progress pr)) {
            return;
        }
        pr.recentActive = true;
        l.reads.echoed(pr, r.readSeq(), voterProgress(l), configs.latest().quorum()).forEach(this::answer);
        maybeForget(l, from, pr);
        if (l.progress.get(from) != pr) {
            return;
        }
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
        pr.snapshotConfig = configs.at(pr.snapshot.index());
        pr.snapshotOffset = 0;
        sendSnapshotChunk(p, pr);
    }

    private void sendSnapshotChunk(String p, Progress pr) {
        SnapshotMeta s = pr.snapshot;
        byte[] data = snapshots.read(s, pr.snapshotOffset, config.snapshotChunkBytes());
        if (data.length == 0 && pr.snapshotOffset < s.size()) {
            // That snapshot was replaced by a newer one: start over with the newest.
            s = pr.snapshot = snapshots.latest();
            pr.snapshotConfig = configs.at(s.index());
            pr.snapshotOffset = 0;
            data = snapshots.read(s, 0, config.snapshotChunkBytes());
        }
        boolean done = pr.snapshotOffset + data.length >= s.size();
        send(p, new InstallSnapshot(s.index(), s.term(), s.size(), pr.snapshotOffset, data, done, pr.snapshotConfig));
    }

    private void onSnapshotResponse(String from, SnapshotResponse r) {
        if (!(role instanceof Leader l) || !(l.progress.get(from) instanceof Progress pr)) {
            return;
        }
        pr.recentActive = true;
        if (r.installed()) {
            pr.acknowledge(r.index());
            maybeForget(l, from, pr);
            if (l.progress.get(from) == pr && pr.state == Progress.State.SNAPSHOT) {
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

    /**
     * Commits the highest index a quorum of the latest configuration's voters holds, if it is of
     * this term; true when it advanced. Learners and departing nodes do not count.
     */
    private boolean maybeCommit(Leader l) {
        Configuration members = configs.latest();
        List<Long> matches = new ArrayList<>(members.members().size());
        for (String v : members.voters()) {
            if (v.equals(id)) {
                matches.add(log.lastIndex());
            } else if (l.progress.get(v) instanceof Progress pr) {
                matches.add(pr.match);
            }
        }
        if (matches.size() < members.quorum()) {
            return false;
        }
        matches.sort(Collections.reverseOrder());
        long candidate = matches.get(members.quorum() - 1);
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
        for (String p : l.progress.keySet()) {
            Progress pr = l.progress.get(p);
            pr.ackedSinceHeartbeat = false;
            pr.commitSent = Math.max(pr.commitSent, Math.min(pr.match, commit));
            Long removedAt = l.leaving.get(p);
            if (removedAt != null && pr.removalTold == 0 && Math.min(pr.match, commit) >= removedAt) {
                pr.removalTold = round; // the first heartbeat that tells it its removal committed
            }
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
        Configuration members = configs.latest();
        boolean alone = members.voters().size() == 1 && members.isVoter(id);
        if (alone || (!l.leaseForfeited && l.reads.holdsLease())) {
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
            if (role instanceof Leader l && l.progress.get(r.from()) instanceof Progress pr) {
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
