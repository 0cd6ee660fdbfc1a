package io.mynode.raft;

import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.OutcomeUnknownException;
import io.mynode.kernel.error.UnavailableException;
import io.mynode.raft.Linearizability.Op;
import io.mynode.raft.core.Change;
import io.mynode.raft.core.Codec;
import io.mynode.raft.core.Configuration;
import io.mynode.raft.core.Entry;
import io.mynode.raft.core.Envelope;
import io.mynode.raft.core.MemoryLog;
import io.mynode.raft.core.RaftConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A whole cluster in one thread, driven by one seed: {@link Replica}s (the same code the real
 * driver runs) over a simulated network that drops, delays, duplicates, reorders, corrupts and
 * partitions, with nodes that crash (losing whatever was not synced, mid-step included) and
 * restart, and nodes that stall (SIGSTOP, a long GC pause: no ticks, no input, while the clock
 * runs on; on waking they first handle the requests queued before the stall, the order that would
 * expose a read lease measured in ticks). Time is one clock of {@link #TICK_NANOS} per step, which
 * only read leases consult. Clients run a key-value register workload; after every step the Raft
 * invariants are checked, and at the end the history must be linearizable and the cluster must
 * recover.
 *
 * <p>The membership changes meanwhile: an operator, through a random node, adds new nodes (which
 * start with no configuration and catch up by log or snapshot), removes members (the leader
 * included, which hands leadership on first, and some of them shut down for good after) and
 * transfers leadership. Once the cluster has healed, every seed adds a node
 * and removes one, and both must complete. Election safety is checked across all configurations
 * (never two leaders in one term), as are log matching, leader completeness, that a leader is a
 * voter of its own configuration, and, at the end, that the members agree on the configuration.
 *
 * <p>Everything, including the failure message, is a function of the seed: a failing seed
 * replays exactly with {@code -Draft.sim.seed=N}.
 */
final class Simulation {

    /** The fault and workload mix, drawn from the seed. */
    record Options(int nodes, int chaosTicks, double drop, double duplicate, int maxDelay, double garbage,
            boolean partitions, boolean crashes, long snapshotEntries, boolean preVote, boolean checkQuorum,
            boolean lease, boolean stalls, double changes) {

        static Options forSeed(long seed) {
            SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
            int roll = r.nextInt(10);
            int nodes = roll == 0 ? 1 : roll <= 6 ? 3 : 5;
            long[] snapshotChoices = {4, 16, 1000};
            return new Options(nodes, 250, r.nextDouble() * 0.2, r.nextDouble() * 0.1, 1 + r.nextInt(4),
                    r.nextDouble() < 0.3 ? 0.01 : 0, r.nextDouble() < 0.6, r.nextDouble() < 0.6,
                    snapshotChoices[r.nextInt(snapshotChoices.length)], r.nextDouble() < 0.8, r.nextDouble() < 0.7,
                    r.nextDouble() < 0.8, r.nextDouble() < 0.5, 0.01 + r.nextDouble() * 0.04);
        }

        /** No faults and no random workload: for scripted scenarios; leases on. */
        static Options quiet(int nodes) {
            return new Options(nodes, 0, 0, 0, 1, 0, false, false, 1000, true, true, true, false, 0);
        }
    }

    private static final int SETTLE_TICKS = 300;
    static final long TICK_NANOS = 20_000_000;
    private static final boolean TRACE = Boolean.getBoolean("raft.sim.trace");
    private static final String[] KEYS = {"a", "b", "c"};

    private final long seed;
    private final Options options;
    private final SplittableRandom random;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, SimNode> nodes = new TreeMap<>();
    private final PriorityQueue<InFlight> network = new PriorityQueue<>();
    private final List<Op> history = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    private final List<MemorySnapshots> snapshots = new ArrayList<>();
    private final Map<Long, String> leaders = new HashMap<>();
    private final TreeMap<Long, Entry> committed = new TreeMap<>();
    /** The lowest term of a node seen holding each committed entry as committed; later leaders must have it. */
    private final Map<Long, Long> committedBy = new HashMap<>();
    private final Map<Long, byte[]> appliedAt = new HashMap<>();
    private Set<String> partitionSide = Set.of();
    private boolean faults;
    private long tick;
    private long clock;
    private long sequence;
    private long malformed;
    private int writes;
    private int stalls;
    private int leaderStalls;
    private int lastId;
    /** Change requests in flight, and how many of each kind completed. */
    private int changesPending;
    private final Map<String, Integer> changesDone = new TreeMap<>();
    private int changesRefused;

    /** A message on the wire. */
    private record InFlight(long at, long seq, String from, String to, byte[] bytes) implements Comparable<InFlight> {
        @Override
        public int compareTo(InFlight o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    private final class SimNode {
        final String id;
        MemoryLog log = new MemoryLog();
        KvMachine machine = new KvMachine(Simulation.this::observeApply);
        /** The configuration it starts a new cluster with; empty for a node that joins one. */
        final Configuration bootstrap;
        /** Stopped for good (removed, then shut down). */
        boolean gone;
        Replica replica;
        int incarnation;
        long downUntil;
        long lastCommit;
        /** Stalled until this tick (0: running); messages for it wait in {@link #held}. */
        long stalledUntil;
        final List<InFlight> held = new ArrayList<>();

        SimNode(String id, Configuration bootstrap) {
            this.id = id;
            this.bootstrap = bootstrap;
        }

        void start() {
            incarnation++;
            boolean lease = options.lease() && options.checkQuorum();
            RaftConfig config = new RaftConfig(10, 2, 2048, 4, 64, options.preVote(), options.checkQuorum(),
                    lease ? RaftConfig.safeLeaseNanos(10, TICK_NANOS) : 0);
            MemorySnapshots snaps = new MemorySnapshots(machine, log);
            snapshots.add(snaps);
            replica = new Replica(id, bootstrap, log, snaps, machine, config,
                    new Timing(15, 60, options.snapshotEntries()), new SplittableRandom(seed * 31 + id.hashCode() * 7L + incarnation),
                    id + "/" + incarnation, () -> tick * TICK_NANOS);
            lastCommit = 0;
        }

        boolean up() {
            return replica != null;
        }

        boolean running() {
            return replica != null && stalledUntil == 0;
        }
    }

    private final class Client {
        final String name;
        final SimNode node;
        boolean busy;
        int incarnation = -1;
        Op pendingWrite;
        int count;

        Client(String name, SimNode node) {
            this.name = name;
            this.node = node;
        }
    }

    Simulation(long seed, Options options) {
        this.seed = seed;
        this.options = options;
        this.random = new SplittableRandom(seed);
        this.faults = options.chaosTicks() > 0;
        for (int i = 1; i <= options.nodes(); i++) {
            ids.add("n" + i);
        }
        lastId = options.nodes();
        Configuration bootstrap = new Configuration(ids.stream().map(id -> new Configuration.Member(id, id + ":1", true)).toList());
        for (String id : ids) {
            SimNode n = new SimNode(id, bootstrap);
            nodes.put(id, n);
            n.start();
            clients.add(new Client(id + "c1", n));
            clients.add(new Client(id + "c2", n));
        }
    }

    /** Runs the whole scenario; throws {@link AssertionError} naming the seed on any violation. */
    Result run() {
        try {
            for (int i = 0; i < options.chaosTicks(); i++) {
                step();
            }
            faults = false;
            partitionSide = Set.of();
            for (SimNode n : nodes.values()) {
                if (!n.up() && !n.gone) {
                    n.start();
                }
                if (n.stalledUntil != 0) {
                    n.stalledUntil = tick;
                }
            }
            for (int i = 0; i < SETTLE_TICKS && clients.stream().anyMatch(c -> c.busy); i++) {
                step();
            }
            for (Client c : clients) {
                check(!c.busy, "client " + c.name + " still waits after the cluster healed");
            }
            // Liveness after healing: one more write goes through.
            Configuration healed = currentConfiguration();
            Client last = clients.stream().filter(c -> c.node.up() && healed.contains(c.node.id)).findFirst()
                    .orElseThrow(() -> new AssertionError(header() + "no client of a running member\n" + describe()));
            startWrite(last, KEYS[random.nextInt(KEYS.length)]);
            for (int i = 0; i < SETTLE_TICKS && last.busy; i++) {
                step();
            }
            check(!last.busy, "a write after healing did not complete within " + SETTLE_TICKS + " ticks");
            // Every seed changes its membership at least twice, and both changes must go through.
            settleChange("add", this::addNode);
            settleChange("remove", () -> {
                List<String> voters = currentConfiguration().voters();
                if (voters.size() < 2) {
                    return Optional.empty();
                }
                return Optional.of(request(new Change.Remove(voters.get(random.nextInt(voters.size())))));
            });
            // Convergence: every member applies the same commands to the same state.
            List<SimNode> members = currentConfiguration().ids().stream().map(nodes::get).toList();
            for (SimNode n : members) {
                check(n.up(), "member " + n.id + " is down after healing");
            }
            long target = members.stream().mapToLong(n -> n.replica.node().commitIndex()).max().orElseThrow();
            for (int i = 0; i < SETTLE_TICKS && members.stream().anyMatch(n -> n.replica.appliedIndex() < target
                    || !n.replica.node().configuration().equals(currentConfiguration())); i++) {
                step();
            }
            for (SimNode n : members) {
                check(n.replica.node().configuration().equals(currentConfiguration()), n.id + " has configuration "
                        + n.replica.node().configuration() + ", the leader " + currentConfiguration());
            }
            Map<String, String> reference = null;
            for (SimNode n : members) {
                check(n.replica.appliedIndex() >= target, n.id + " did not apply up to " + target + " after healing");
                if (n.replica.appliedIndex() == target) {
                    if (reference == null) {
                        reference = n.machine.data();
                    }
                    check(reference.equals(n.machine.data()), n.id + " diverged: " + n.machine.data() + " vs " + reference);
                }
            }
            checkLogMatching();
            Optional<String> bad = Linearizability.check(history);
            check(bad.isEmpty(), bad.orElse(""));
            long installs = snapshots.stream().mapToLong(m -> m.installs).sum();
            long duplicates = nodes.values().stream().mapToLong(n -> n.machine.duplicatesSuppressed).sum();
            long unknown = history.stream().filter(o -> o.response() == Op.UNKNOWN).count();
            return new Result(history.size(), writes, malformed, tick, installs, duplicates, unknown, leaders.size(), stalls,
                    leaderStalls, Map.copyOf(changesDone), changesRefused);
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AssertionError(header() + "unexpected exception at tick " + tick + ": " + e, e);
        }
    }

    record Result(int operations, int writes, long malformed, long ticks, long snapshotInstalls,
            long duplicatesSuppressed, long unknownOutcomes, int terms, int stalls, int leaderStalls,
            Map<String, Integer> changes, int changesRefused) {}

    void step() {
        tick++;
        if (faults) {
            injectFaults();
        }
        wakeStalled();
        while (!network.isEmpty() && network.peek().at() <= tick) {
            deliver(network.poll());
        }
        for (SimNode n : nodes.values()) {
            if (n.running()) {
                n.replica.tick();
                round(n);
            }
        }
        for (Client c : clients) {
            // A stalled node's clients send only just before it wakes: requests from early in
            // the stall would overlap everything done meanwhile and could not expose a stale read.
            boolean sending = c.node.stalledUntil == 0 || c.node.stalledUntil - tick <= 2;
            if (faults && !c.busy && c.node.up() && sending && random.nextDouble() < 0.25) {
                String key = KEYS[random.nextInt(KEYS.length)];
                if (random.nextBoolean()) {
                    startWrite(c, key);
                } else {
                    startRead(c, key);
                }
            }
        }
        for (SimNode n : nodes.values()) {
            if (n.running()) {
                round(n);
            }
        }
        checkInvariants();
        if (tick % 10 == 0) {
            checkLogMatching();
        }
    }

    private void injectFaults() {
        if (options.changes() > 0 && changesPending < 2 && random.nextDouble() < options.changes()) {
            randomChange();
        }
        if (options.partitions()) {
            Optional<SimNode> leader = nodes.values().stream().filter(n -> n.up() && n.replica.node().isLeader()).findFirst();
            if (partitionSide.isEmpty() && leader.isPresent() && random.nextDouble() < 0.01) {
                partitionSide = Set.of(leader.get().id); // the classic: a leader cut off with its clients
            } else if (partitionSide.isEmpty() && random.nextDouble() < 0.02) {
                Set<String> side = new HashSet<>();
                for (String id : ids) {
                    if (random.nextBoolean()) {
                        side.add(id);
                    }
                }
                partitionSide = side.isEmpty() || side.size() == ids.size() ? Set.of(ids.getFirst()) : side;
            } else if (!partitionSide.isEmpty() && random.nextDouble() < 0.03) {
                partitionSide = Set.of();
            }
        }
        if (options.stalls() && nodes.values().stream().allMatch(n -> n.stalledUntil == 0) && random.nextDouble() < 0.01) {
            // Mostly the leader: the node whose stall matters to reads.
            List<SimNode> up = nodes.values().stream().filter(SimNode::up).toList();
            Optional<SimNode> leader = up.stream().filter(n -> n.replica.node().isLeader()).findFirst();
            if (!up.isEmpty()) {
                SimNode n = leader.isPresent() && random.nextDouble() < 0.8 ? leader.get() : up.get(random.nextInt(up.size()));
                // Long enough, often, for the others to elect a leader and write meanwhile.
                stall(n.id, 10 + random.nextInt(90));
                stalls++;
                if (n.replica.node().isLeader()) {
                    leaderStalls++;
                }
            }
        }
        if (options.crashes()) {
            for (SimNode n : nodes.values()) {
                if (n.up() && random.nextDouble() < 0.004) {
                    crash(n);
                } else if (!n.up() && !n.gone && tick >= n.downUntil) {
                    n.start();
                }
            }
        }
    }

    // ---------------------------------------------------------------- membership

    /** The latest configuration of the leader of the highest term, else of any running node. */
    private Configuration currentConfiguration() {
        return nodes.values().stream().filter(SimNode::up)
                .max(java.util.Comparator.comparing((SimNode n) -> n.replica.node().isLeader())
                        .thenComparingLong(n -> n.replica.node().term()))
                .map(n -> n.replica.node().configuration()).orElse(Configuration.EMPTY);
    }

    /** What an operator might do now: add a node, remove one, or move leadership. */
    private void randomChange() {
        Configuration config = currentConfiguration();
        int roll = random.nextInt(10);
        if (roll < 4) {
            addNode();
        } else if (roll < 7 && !config.isEmpty()) {
            List<String> members = config.ids();
            request(new Change.Remove(members.get(random.nextInt(members.size()))));
        } else if (!config.voters().isEmpty()) {
            List<String> voters = config.voters();
            request(new Change.Transfer(voters.get(random.nextInt(voters.size()))));
        }
    }

    /**
     * Starts a node that joins (no configuration) and asks for it to be added, under a new id: a
     * node removed and shut down earlier comes back, if at all, as a new node with a new disk.
     */
    private Optional<CompletableFuture<ConsensusStatus>> addNode() {
        if (nodes.values().stream().filter(n -> !n.gone).count() >= 9) {
            return Optional.empty();
        }
        String id = "n" + (++lastId);
        SimNode n = new SimNode(id, Configuration.EMPTY);
        nodes.put(id, n);
        ids.add(id);
        clients.add(new Client(id + "c1", n));
        trace("NEW NODE " + id);
        n.start();
        return Optional.of(request(new Change.AddLearner(n.id, n.id + ":1")));
    }

    /** Asks a random running member for {@code change}; a removed node is sometimes shut down for good after. */
    private CompletableFuture<ConsensusStatus> request(Change change) {
        List<SimNode> up = nodes.values().stream().filter(n -> n.running() && !n.replica.node().isRemoved()
                && !n.replica.node().configuration().isEmpty()).toList();
        if (up.isEmpty()) {
            return CompletableFuture.failedFuture(new UnavailableException("no member is running"));
        }
        SimNode via = up.get(random.nextInt(up.size()));
        trace("CHANGE " + change + " via " + via.id);
        changesPending++;
        CompletableFuture<ConsensusStatus> done = new CompletableFuture<>();
        via.replica.changeMembership(change).whenComplete((status, error) -> {
            changesPending--;
            Throwable cause = error instanceof CompletionException ce ? ce.getCause() : error;
            trace("CHANGE " + change + " via " + via.id + " -> " + (error == null ? "done" : cause));
            if (error == null) {
                changesDone.merge(change.getClass().getSimpleName(), 1, Integer::sum);
                if (change instanceof Change.Remove r && faults && random.nextBoolean()) {
                    SimNode removed = nodes.get(r.id());
                    if (removed.up()) {
                        crash(removed);
                    }
                    removed.gone = true; // out of the cluster for good, until added again with a wiped disk
                }
                done.complete(status);
            } else if (cause instanceof InvalidInputException) {
                changesRefused++;
                done.completeExceptionally(cause);
            } else if (cause instanceof UnavailableException || cause instanceof OutcomeUnknownException) {
                done.completeExceptionally(cause);
            } else {
                throw new AssertionError(header() + "unexpected failure of " + change + ": " + cause, cause);
            }
        });
        return done;
    }

    /** Runs a change on the healed cluster until it is done; it must be, within the settle time. */
    private void settleChange(String what, java.util.function.Supplier<Optional<CompletableFuture<ConsensusStatus>>> change) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<CompletableFuture<ConsensusStatus>> f = change.get();
            if (f.isEmpty()) {
                return; // nothing to do: no room for a node, or a single voter
            }
            for (int i = 0; i < SETTLE_TICKS && !f.get().isDone(); i++) {
                step();
            }
            check(f.get().isDone(), "the " + what + " after healing did not complete within " + SETTLE_TICKS + " ticks");
            if (!f.get().isCompletedExceptionally()) {
                return;
            }
            stepUntil(() -> false, 10); // refused (a change still in progress) or not taken: ask again shortly
        }
        throw new AssertionError(header() + "the " + what + " after healing failed ten times\n" + describe());
    }

    private void trace(String what) {
        if (TRACE) {
            System.out.println("t" + tick + " " + what);
        }
    }

    /** Stops {@code id} for {@code ticks} steps: no ticks, no input; the clock runs on. */
    void stall(String id, int ticks) {
        SimNode n = nodes.get(id);
        if (TRACE) {
            System.out.println("t" + tick + " STALL " + id + " for " + ticks);
        }
        n.stalledUntil = tick + Math.max(1, ticks);
    }

    /**
     * Wakes the nodes whose stall is over. A woken node first handles what its clients queued
     * while it slept, and only then the messages that waited for it: the worst order for a lease
     * (a leader sure of its lease would answer before learning of a newer leader), and a possible
     * one, since a process can stop between taking requests in and handling them.
     */
    private void wakeStalled() {
        for (SimNode n : nodes.values()) {
            if (n.stalledUntil != 0 && tick >= n.stalledUntil) {
                n.stalledUntil = 0;
                if (TRACE) {
                    System.out.println("t" + tick + " WAKE " + n.id);
                }
                route(n.replica.process());
                for (InFlight m : n.held) {
                    network.add(new InFlight(tick, sequence++, m.from(), m.to(), m.bytes()));
                }
                n.held.clear();
            }
        }
    }

    // ---------------------------------------------------------------- scripted scenarios

    /** The node that leads in the highest term among {@code among}, once all of them follow it. */
    Optional<String> settledLeader(Set<String> among) {
        Optional<SimNode> leader = nodes.values().stream()
                .filter(n -> among.contains(n.id) && n.running() && n.replica.node().isLeader())
                .max(java.util.Comparator.comparingLong(n -> n.replica.node().term()));
        if (leader.isEmpty()) {
            return Optional.empty();
        }
        String id = leader.get().id;
        boolean all = nodes.values().stream().filter(n -> among.contains(n.id))
                .allMatch(n -> n.replica.node().leader().equals(Optional.of(id)));
        return all ? Optional.of(id) : Optional.empty();
    }

    /** Steps until {@code done} holds; false if it did not within {@code max} steps. */
    boolean stepUntil(java.util.function.BooleanSupplier done, int max) {
        for (int i = 0; i < max && !done.getAsBoolean(); i++) {
            step();
        }
        return done.getAsBoolean();
    }

    /** Client {@code c} (e.g. {@code n1c1}) writes {@code value}, a fresh value, to {@code key}. */
    void write(String c, String key) {
        startWrite(client(c), key);
    }

    void read(String c, String key) {
        startRead(client(c), key);
    }

    boolean busy(String c) {
        return client(c).busy;
    }

    List<Op> history() {
        return List.copyOf(history);
    }

    private Client client(String name) {
        return clients.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
    }

    private void crash(SimNode n) {
        if (TRACE) {
            System.out.println("t" + tick + " CRASH " + n.id + " " + n.replica.status());
        }
        n.replica = null;
        n.stalledUntil = 0;
        n.held.clear();
        n.log.crash();
        n.machine.crash();
        n.downUntil = tick + 5 + random.nextInt(40);
        for (Client c : clients) {
            if (c.node == n && c.busy) {
                c.busy = false;
                if (c.pendingWrite != null) {
                    history.add(c.pendingWrite); // its outcome died with the node: unknown
                    c.pendingWrite = null;
                }
            }
        }
    }

    private boolean linked(String a, String b) {
        return partitionSide.isEmpty() || partitionSide.contains(a) == partitionSide.contains(b);
    }

    private void route(List<Envelope> out) {
        for (Envelope env : out) {
            check(env.term() >= 0, "negative term sent");
            byte[] bytes = Codec.encode(env);
            if (faults && random.nextDouble() < options.drop()) {
                continue;
            }
            network.add(new InFlight(tick + 1 + random.nextInt(options.maxDelay()), sequence++, env.from(), env.to(), bytes));
            if (faults && random.nextDouble() < options.duplicate()) {
                network.add(new InFlight(tick + 1 + random.nextInt(options.maxDelay() + 3), sequence++, env.from(),
                        env.to(), bytes));
            }
        }
    }

    private void deliver(InFlight m) {
        SimNode n = nodes.get(m.to());
        if (!n.up() || !linked(m.from(), m.to())) {
            return;
        }
        if (n.stalledUntil != 0) {
            n.held.add(m); // in the socket buffer until the node runs again
            return;
        }
        byte[] bytes = m.bytes();
        if (faults && options.garbage() > 0 && random.nextDouble() < options.garbage()) {
            bytes = mangle(bytes);
        }
        Envelope env;
        try {
            env = Codec.decode(bytes);
        } catch (InvalidInputException e) {
            malformed++;
            return; // what the driver does: count and drop
        }
        if (!env.from().equals(m.from()) || !env.to().equals(m.to())) {
            malformed++;
            return;
        }
        if (TRACE) {
            System.out.println("t" + tick + " " + env.from() + "->" + env.to() + " [" + env.term() + "] " + env.message()
                    + " | " + n.replica.status().role() + " commit=" + n.replica.node().commitIndex() + " log="
                    + n.log.firstIndex() + ".." + n.log.lastIndex());
        }
        n.replica.receive(env);
        if (faults && options.crashes() && random.nextDouble() < 0.002) {
            crash(n); // between the core's writes and the sync: those writes are lost
            return;
        }
        round(n);
    }

    /** One round of {@code n}, as the driver runs it; with crashes on, it may crash mid-round. */
    private void round(SimNode n) {
        route(n.replica.prepare());
        if (faults && options.crashes() && random.nextDouble() < 0.0005) {
            crash(n); // after a leader's appends left but before its own log was synced
            return;
        }
        route(n.replica.finish());
    }

    private byte[] mangle(byte[] bytes) {
        return switch (random.nextInt(3)) {
            case 0 -> Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 1 -> {
                byte[] copy = bytes.clone();
                copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
                yield copy;
            }
            default -> {
                byte[] junk = new byte[random.nextInt(64)];
                random.nextBytes(junk);
                yield junk;
            }
        };
    }

    // ---------------------------------------------------------------- clients

    private void startWrite(Client c, String key) {
        String value = c.name + "." + (++c.count);
        long invoke = ++clock;
        c.busy = true;
        c.incarnation = c.node.incarnation;
        c.pendingWrite = new Op(key, true, value, invoke, Op.UNKNOWN, c.name);
        int incarnation = c.node.incarnation;
        c.node.replica.propose(KvMachine.put(key, value)).whenComplete((applied, error) -> {
            if (c.node.incarnation != incarnation || c.pendingWrite == null) {
                return;
            }
            Throwable cause = error instanceof CompletionException ce ? ce.getCause() : error;
            if (TRACE) {
                System.out.println("t" + tick + " write " + c.name + " " + key + "=" + value + " invoked@" + invoke + " -> "
                        + (error == null ? "ok " + applied.index() + " @" + (clock + 1) : error));
            }
            if (error == null) {
                history.add(new Op(key, true, value, invoke, ++clock, c.name));
                writes++;
            } else if (cause instanceof OutcomeUnknownException) {
                history.add(c.pendingWrite);
            } else if (!(cause instanceof UnavailableException)) {
                throw new AssertionError(header() + "unexpected proposal failure: " + cause, cause);
            }
            c.pendingWrite = null;
            c.busy = false;
        });
    }

    private void startRead(Client c, String key) {
        long invoke = ++clock;
        c.busy = true;
        int incarnation = c.node.incarnation;
        KvMachine machine = c.node.machine;
        // As RaftConsensus does: a leader under its lease answers at once, without a round.
        java.util.OptionalLong leased = c.node.replica.leaseReadIndex();
        CompletableFuture<Long> read = leased.isPresent()
                ? CompletableFuture.completedFuture(leased.getAsLong())
                : c.node.replica.readIndex();
        read.whenComplete((index, error) -> {
            if (c.node.incarnation != incarnation || !c.busy) {
                return;
            }
            if (TRACE) {
                System.out.println("t" + tick + " read " + c.name + " " + key + " invoked@" + invoke + " -> "
                        + (error == null ? "index " + index + " applied " + machine.appliedIndex() + " value "
                                + machine.get(key).orElse(null) + " @" + (clock + 1) : error));
            }
            if (error == null) {
                check(machine.appliedIndex() >= index, "read completed before its index was applied");
                history.add(new Op(key, false, machine.get(key).orElse(null), invoke, ++clock, c.name));
            } else if (!(error instanceof UnavailableException)) {
                throw new AssertionError(header() + "unexpected read failure: " + error, error);
            }
            c.busy = false;
        });
    }

    // ---------------------------------------------------------------- invariants

    private void observeApply(long index, byte[] command) {
        byte[] before = appliedAt.putIfAbsent(index, command);
        check(before == null || Arrays.equals(before, command), "state machine safety: index " + index + " applied as '"
                + new String(before == null ? new byte[0] : before, StandardCharsets.UTF_8) + "' and as '"
                + new String(command, StandardCharsets.UTF_8) + "'");
    }

    private void checkInvariants() {
        for (SimNode n : nodes.values()) {
            if (!n.up()) {
                continue;
            }
            var core = n.replica.node();
            check(n.replica.unbelievableMessages() == 0, n.id + " dropped an honest peer's message as out of bounds");
            if (core.isLeader()) {
                check(core.isVoter(), "leader " + n.id + " of term " + core.term() + " is not a voter of its configuration "
                        + core.configuration());
                String before = leaders.putIfAbsent(core.term(), n.id);
                check(before == null || before.equals(n.id),
                        "election safety: " + before + " and " + n.id + " both lead term " + core.term());
            }
            long commit = core.commitIndex();
            check(commit <= n.log.lastIndex(), n.id + " commit " + commit + " beyond its last index " + n.log.lastIndex());
            check(commit >= n.lastCommit, n.id + " commit index went back from " + n.lastCommit + " to " + commit);
            for (long i = Math.max(n.lastCommit + 1, n.log.firstIndex()); i <= commit; i++) {
                Entry e = n.log.entries(i, i, Long.MAX_VALUE).getFirst();
                Entry before = committed.putIfAbsent(i, e);
                committedBy.merge(i, core.term(), Math::min);
                check(before == null || sameEntry(before, e),
                        "committed entry " + i + " differs: " + before + " on one node, " + e + " on " + n.id);
            }
            n.lastCommit = commit;
            if (core.isLeader() && !committed.isEmpty()) {
                // Leader completeness: every committed entry the leader still keeps must be in its log.
                long from = n.log.firstIndex();
                for (var c : committed.tailMap(from, true).entrySet()) {
                    long i = c.getKey();
                    if (committedBy.get(i) >= core.term()) {
                        continue; // committed in this leader's term or later: an older leader may lack it
                    }
                    check(i <= n.log.lastIndex(), "leader completeness: leader " + n.id + " of term " + core.term()
                            + " lacks committed entry " + c.getValue());
                    Entry mine = n.log.entries(i, i, Long.MAX_VALUE).getFirst();
                    check(sameEntry(mine, c.getValue()), "leader completeness: leader " + n.id + " has " + mine
                            + " where " + c.getValue() + " was committed");
                }
            }
        }
    }

    /** Log matching: two logs with an entry of the same index and term agree up to it. */
    private void checkLogMatching() {
        List<SimNode> up = nodes.values().stream().filter(SimNode::up).toList();
        for (int a = 0; a < up.size(); a++) {
            for (int b = a + 1; b < up.size(); b++) {
                MemoryLog x = up.get(a).log;
                MemoryLog y = up.get(b).log;
                long lo = Math.max(x.firstIndex(), y.firstIndex());
                long hi = Math.min(x.lastIndex(), y.lastIndex());
                long top = hi;
                while (top >= lo && x.term(top) != y.term(top)) {
                    top--;
                }
                for (long i = lo; i <= top; i++) {
                    Entry ex = x.entries(i, i, Long.MAX_VALUE).getFirst();
                    Entry ey = y.entries(i, i, Long.MAX_VALUE).getFirst();
                    check(sameEntry(ex, ey), "log matching: " + up.get(a).id + " has " + ex + " and " + up.get(b).id
                            + " has " + ey + " below a common entry at " + top);
                }
            }
        }
    }

    private static boolean sameEntry(Entry a, Entry b) {
        return a.index() == b.index() && a.term() == b.term() && Arrays.equals(a.data(), b.data());
    }

    private String header() {
        return "seed " + seed + " " + options + " (replay: -Draft.sim.seed=" + seed + "): ";
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(header() + "tick " + tick + ": " + what + "\n" + describe());
        }
    }

    private String describe() {
        StringBuilder sb = new StringBuilder("cluster:");
        for (SimNode n : nodes.values()) {
            sb.append("\n  ").append(n.id).append(": ");
            if (!n.up()) {
                sb.append("down");
                continue;
            }
            sb.append(n.replica.status()).append(" log=").append(n.log.firstIndex()).append("..").append(n.log.lastIndex())
                    .append(" pending=").append(n.replica.pendingRequests())
                    .append(n.replica.failure().map(f -> " FAILED " + f).orElse(""));
        }
        return sb.toString();
    }
}
