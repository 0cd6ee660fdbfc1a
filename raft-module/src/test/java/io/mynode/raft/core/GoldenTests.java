package io.mynode.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden scripts, toyDB style: each file under {@code src/test/resources/golden/} holds an intent
 * comment, commands ({@code > campaign n1}) and the exact output each produced: every message
 * sent and every role change. {@code -Dgolden.update=true} rewrites the files from what the code
 * does now, for a reviewer to read in the diff.
 *
 * <p>Commands: {@code cluster nodes=N [prevote=B] [checkquorum=B] [lease=B] [chunk=BYTES]},
 * {@code campaign N}, {@code tick N... [count=K]} (ticks only), {@code run [N...] [count=K]} (each
 * round ticks the nodes, all by default, then stabilizes), {@code sleep MS} (the clock moves, no
 * node ticks: a stall), {@code propose N VALUE...}, {@code read N},
 * {@code deliver} (one round of queued messages), {@code stabilize} (until none are left),
 * {@code partition A B | C D}, {@code cut A B}, {@code heal}, {@code apply} (apply committed
 * entries everywhere), {@code compact N INDEX}, {@code status}, {@code log N},
 * {@code send FROM TO TERM KIND ARGS...}, which hands {@code TO} a message {@code FROM} never sent
 * (a lying or broken peer; see {@code message}); for membership,
 * {@code start N} (a new node that has joined nothing: an empty configuration), {@code change N
 * add ID | remove ID | transfer ID} (a request made on node N; the answer prints when it comes),
 * {@code config} (each node's latest configuration) and {@code crash N} / {@code wipe N} (a node
 * gone, its disk kept or lost: {@code start N} brings it back).
 *
 * <p>Time: one clock shared by all nodes, which only leases read; it advances {@value #TICK_MS} ms
 * per round of {@code tick} or {@code run}, and by {@code sleep}. {@code lease=true} gives the
 * safe lease for that tick length.
 */
class GoldenTests {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final long TICK_MS = 20;

    @TestFactory
    Stream<DynamicTest> scripts() throws IOException {
        List<Path> files;
        try (var s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertTrue(files.size() >= 6, "golden scripts are missing from " + DIR);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> runFile(f)));
    }

    private static void runFile(Path file) throws IOException {
        String expected = Files.readString(file, StandardCharsets.UTF_8);
        Script script = new Script();
        StringBuilder actual = new StringBuilder();
        for (String line : expected.split("\n", -1)) {
            if (line.startsWith("#") || (line.isBlank() && actual.isEmpty())) {
                actual.append(line).append('\n');
            } else if (line.startsWith("> ")) {
                if (!actual.isEmpty() && !actual.toString().endsWith("\n\n")) {
                    actual.append('\n');
                }
                actual.append(line).append('\n');
                for (String out : script.run(line.substring(2).trim())) {
                    actual.append(out).append('\n');
                }
            }
        }
        String result = actual.toString().stripTrailing() + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, result, StandardCharsets.UTF_8);
        } else {
            assertEquals(expected, result, "golden output of " + file + " differs; rerun with -Dgolden.update=true and review the diff");
        }
    }

    /** A cluster of cores over an in-order network the script controls. */
    private static final class Script {
        private final Map<String, Node> nodes = new TreeMap<>();
        private final Map<String, MemoryLog> logs = new HashMap<>();
        private final Map<String, ListSnapshots> snapshots = new HashMap<>();
        private final ArrayDeque<Envelope> queue = new ArrayDeque<>();
        private final Set<String> cuts = new HashSet<>();
        private List<String> out;
        private RaftConfig raftConfig;
        private long nextRead;
        private long nextChange;
        private long nowNanos;

        List<String> run(String command) {
            out = new ArrayList<>();
            String[] w = command.split("\\s+");
            switch (w[0]) {
                case "cluster" -> cluster(w);
                case "campaign" -> {
                    node(w[1]).campaign();
                    collect(w[1]);
                }
                case "tick" -> {
                    int count = 1;
                    List<String> ids = new ArrayList<>();
                    for (int i = 1; i < w.length; i++) {
                        if (w[i].startsWith("count=")) {
                            count = Integer.parseInt(w[i].substring(6));
                        } else {
                            ids.add(w[i]);
                        }
                    }
                    for (int k = 0; k < count; k++) {
                        nowNanos += TICK_MS * 1_000_000;
                        for (String id : ids) {
                            node(id).tick();
                            collect(id);
                        }
                    }
                }
                case "sleep" -> {
                    nowNanos += Long.parseLong(w[1]) * 1_000_000;
                    out.add("the clock moves " + w[1] + " ms; no node ticks");
                }
                case "propose" -> {
                    List<byte[]> cmds = Arrays.stream(w, 2, w.length).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
                    out.add(w[1] + " propose " + String.join(" ", Arrays.asList(w).subList(2, w.length)) + ": "
                            + node(w[1]).propose(cmds));
                    collect(w[1]);
                }
                case "read" -> {
                    long id = ++nextRead;
                    out.add(w[1] + " read #" + id + ": " + (node(w[1]).readIndex(List.of(id)) ? "requested" : "no leader"));
                    collect(w[1]);
                }
                case "run" -> {
                    int count = 1;
                    List<String> ids = new ArrayList<>();
                    for (int i = 1; i < w.length; i++) {
                        if (w[i].startsWith("count=")) {
                            count = Integer.parseInt(w[i].substring(6));
                        } else {
                            ids.add(w[i]);
                        }
                    }
                    if (ids.isEmpty()) {
                        ids.addAll(nodes.keySet());
                    }
                    for (int k = 0; k < count; k++) {
                        nowNanos += TICK_MS * 1_000_000;
                        for (String id : ids) {
                            node(id).tick();
                            collect(id);
                        }
                        stabilize();
                    }
                }
                case "deliver" -> deliverRound();
                case "stabilize" -> stabilize();
                case "partition" -> {
                    int bar = Arrays.asList(w).indexOf("|");
                    List<String> left = Arrays.asList(w).subList(1, bar);
                    List<String> right = Arrays.asList(w).subList(bar + 1, w.length);
                    cuts.clear(); // a partition replaces the previous one
                    for (String a : left) {
                        for (String b : right) {
                            cut(a, b);
                        }
                    }
                    out.add("partitioned " + left + " from " + right);
                }
                case "cut" -> {
                    cut(w[1], w[2]);
                    out.add("cut " + w[1] + " <-> " + w[2]);
                }
                case "heal" -> {
                    cuts.clear();
                    out.add("healed");
                }
                case "apply" -> nodes.keySet().forEach(this::apply);
                case "compact" -> {
                    apply(w[1]);
                    long index = Long.parseLong(w[2]);
                    node(w[1]).compact(index);
                    out.add(w[1] + " compacted its log through " + index + "; log now " + logs.get(w[1]).firstIndex()
                            + ".." + logs.get(w[1]).lastIndex());
                }
                case "send" -> {
                    Envelope env = new Envelope(w[1], w[2], Long.parseLong(w[3]), message(w));
                    out.add(w[1] + " -> " + w[2] + " " + describe(env) + "  (forged)");
                    node(w[2]).step(env);
                    collect(w[2]);
                }
                case "status" -> nodes.forEach((id, n) -> out.add(status(id, n)));
                case "start" -> start(w[1]);
                case "crash", "wipe" -> {
                    nodes.remove(w[1]);
                    if (w[0].equals("wipe")) {
                        logs.remove(w[1]);
                        snapshots.remove(w[1]);
                    } else {
                        logs.get(w[1]).crash();
                    }
                    queue.removeIf(e -> e.to().equals(w[1]));
                    out.add(w[1] + (w[0].equals("wipe") ? " is gone, its disk wiped" : " crashed"));
                }
                case "change" -> {
                    long id = ++nextChange;
                    Change change = switch (w[2]) {
                        case "add" -> new Change.AddLearner(w[3], w[3] + ":1");
                        case "remove" -> new Change.Remove(w[3]);
                        case "transfer" -> new Change.Transfer(w[3]);
                        default -> throw new IllegalArgumentException("unknown change: " + command);
                    };
                    out.add(w[1] + " change #" + id + " " + w[2] + " " + w[3] + ": "
                            + (node(w[1]).requestChange(id, change) ? "requested" : "no leader"));
                    collect(w[1]);
                }
                case "config" -> nodes.forEach((id, n) -> out.add(id + " " + config(n)));
                case "log" -> logs.get(w[1]).all().forEach(e -> out.add(w[1] + " " + entry(e)));
                default -> throw new IllegalArgumentException("unknown golden command: " + command);
            }
            return out;
        }

        /**
         * The message of {@code send FROM TO TERM KIND ARGS...}: {@code heartbeat COMMIT},
         * {@code vote LAST_INDEX LAST_TERM}, {@code ack INDEX} (a successful append response),
         * {@code append PREV_INDEX PREV_TERM COMMIT ENTRY_TERM...} (one entry per term, data "x").
         */
        private static Message message(String[] w) {
            long[] n = Arrays.stream(w, 5, w.length).mapToLong(Long::parseLong).toArray();
            return switch (w[4]) {
                case "heartbeat" -> new Heartbeat(n[0], 0);
                case "vote" -> new VoteRequest(false, n[0], n[1]);
                case "ack" -> new AppendResponse(true, n[0], 0, 0);
                case "append" -> {
                    List<Entry> entries = new ArrayList<>();
                    for (int i = 3; i < n.length; i++) {
                        entries.add(new Entry(n[0] + i - 2, n[i], "x".getBytes(StandardCharsets.UTF_8)));
                    }
                    yield new Append(n[0], n[1], entries, n[2]);
                }
                default -> throw new IllegalArgumentException("unknown message kind to send: " + w[4]);
            };
        }

        private void stabilize() {
            int rounds = 0;
            while (!queue.isEmpty() && rounds++ < 100) {
                deliverRound();
            }
        }

        private void cluster(String[] w) {
            Map<String, String> opts = new HashMap<>();
            for (int i = 1; i < w.length; i++) {
                String[] kv = w[i].split("=", 2);
                opts.put(kv[0], kv[1]);
            }
            int n = Integer.parseInt(opts.getOrDefault("nodes", "3"));
            RaftConfig config = new RaftConfig(10, 2, 1 << 20, 8, Integer.parseInt(opts.getOrDefault("chunk", "1024")),
                    Boolean.parseBoolean(opts.getOrDefault("prevote", "true")),
                    Boolean.parseBoolean(opts.getOrDefault("checkquorum", "true")),
                    Boolean.parseBoolean(opts.getOrDefault("lease", "false")) ? RaftConfig.safeLeaseNanos(10, TICK_MS * 1_000_000) : 0);
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                ids.add("n" + i);
            }
            raftConfig = config;
            for (int i = 0; i < n; i++) {
                String id = ids.get(i);
                MemoryLog log = new MemoryLog();
                ListSnapshots snaps = new ListSnapshots(log);
                logs.put(id, log);
                snapshots.put(id, snaps);
                nodes.put(id, new Node(id, ids, log, snaps, config, new SplittableRandom(i + 1), () -> nowNanos));
            }
            out.add("cluster " + ids + " " + config);
        }

        /** Starts {@code id} on the disk it has (after a crash), or on a fresh one with no configuration. */
        private void start(String id) {
            boolean fresh = !logs.containsKey(id);
            MemoryLog log = logs.computeIfAbsent(id, k -> new MemoryLog());
            ListSnapshots snaps = snapshots.computeIfAbsent(id, k -> new ListSnapshots(log));
            nodes.put(id, new Node(id, Configuration.EMPTY, log, snaps, raftConfig, new SplittableRandom(id.hashCode()),
                    () -> nowNanos));
            out.add(id + " starts" + (fresh ? " with an empty disk" : " on its disk") + ": " + config(nodes.get(id)));
        }

        private static String config(Node n) {
            Configuration c = n.configuration();
            if (c.isEmpty()) {
                return "no configuration";
            }
            return "voters " + c.voters() + (c.learners().isEmpty() ? "" : " learners " + c.learners()) + " (index "
                    + n.configurationIndex() + ")" + (n.isRemovalCommitted() ? ", removed (it knows the removal committed)"
                    : n.isRemoved() ? ", removed" : "");
        }

        private void cut(String a, String b) {
            cuts.add(a + ">" + b);
            cuts.add(b + ">" + a);
        }

        private Node node(String id) {
            Node n = nodes.get(id);
            if (n == null) {
                throw new IllegalArgumentException("no node " + id);
            }
            return n;
        }

        private void deliverRound() {
            List<Envelope> round = new ArrayList<>(queue);
            queue.clear();
            for (Envelope env : round) {
                if (cuts.contains(env.from() + ">" + env.to()) || !nodes.containsKey(env.to())) {
                    out.add(env.from() + " -> " + env.to() + " " + describe(env) + "  (dropped)");
                    continue;
                }
                node(env.to()).step(env);
                collect(env.to());
            }
        }

        /** Syncs the node's log, then queues and prints what it sent, and prints role changes. */
        private void collect(String id) {
            logs.get(id).sync();
            for (Effect e : node(id).drain()) {
                switch (e) {
                    case Effect.Send s -> {
                        queue.add(s.envelope());
                        out.add(id + " -> " + s.envelope().to() + " " + describe(s.envelope()));
                    }
                    case Effect.RoleChange c -> out.add(id + " is " + c.role() + " in term " + c.term()
                            + c.leader().map(l -> ", leader " + l).orElse(""));
                    case Effect.ReadReady r -> out.add(id + " read #" + r.id() + " ready at index " + r.index());
                    case Effect.Dropped d -> out.add(id + " dropped the message from " + d.envelope().from() + ": " + d.reason());
                    case Effect.ChangeAnswered a -> out.add(id + " change #" + a.id() + " answered: " + result(a.result()));
                }
            }
        }

        private void apply(String id) {
            ListSnapshots s = snapshots.get(id);
            long commit = node(id).commitIndex();
            if (s.applied < commit) {
                List<String> applied = new ArrayList<>();
                for (Entry e : logs.get(id).entries(s.applied + 1, commit, Long.MAX_VALUE)) {
                    s.state.add(e.isNoop() ? "-" : new String(e.data(), StandardCharsets.UTF_8));
                    applied.add(entry(e));
                }
                s.applied = commit;
                out.add(id + " applied " + String.join(", ", applied));
            }
        }

        private String status(String id, Node n) {
            MemoryLog log = logs.get(id);
            return id + " " + n.roleName() + " term=" + n.term() + " leader=" + n.leader().orElse("-") + " log="
                    + log.firstIndex() + ".." + log.lastIndex() + "@" + log.term(log.lastIndex()) + " commit="
                    + n.commitIndex() + " applied=" + snapshots.get(id).applied + " state=" + snapshots.get(id).state
                    + (n.isLeader() ? " match=" + n.matchIndex() : "");
        }
    }

    private static String entry(Entry e) {
        if (Configuration.isConfiguration(e)) {
            Configuration c = Configuration.fromEntry(e);
            return e.index() + "@" + e.term() + " config voters=" + c.voters()
                    + (c.learners().isEmpty() ? "" : " learners=" + c.learners());
        }
        return e.index() + "@" + e.term() + (e.isNoop() ? " noop" : " " + new String(e.data(), StandardCharsets.UTF_8));
    }

    private static String result(ChangeResult r) {
        return switch (r) {
            case ChangeResult.Accepted a -> "accepted at " + a.index() + "@" + a.term();
            case ChangeResult.Transferring t -> "leadership moving to " + t.target();
            case ChangeResult.Done d -> "done";
            case ChangeResult.Rejected j -> "rejected: " + j.reason() + (j.alreadyDone() ? " (already so)" : "");
            case ChangeResult.Retry t -> "retry: " + t.reason();
        };
    }

    static String describe(Envelope env) {
        String body = switch (env.message()) {
            case Append a -> "Append prev=" + a.prevIndex() + "@" + a.prevTerm() + " commit=" + a.commit()
                    + (a.entries().isEmpty() ? "" : " entries=[" + a.entries().stream().map(GoldenTests::entry)
                            .collect(Collectors.joining(", ")) + "]");
            case AppendResponse r -> r.success() ? "AppendResponse ok match=" + r.index()
                    : "AppendResponse reject index=" + r.index() + " hint=" + r.hintIndex() + "@" + r.hintTerm();
            case Heartbeat h -> "Heartbeat commit=" + h.commit() + " read=" + h.readSeq();
            case HeartbeatResponse r -> "HeartbeatResponse read=" + r.readSeq();
            case Commit c -> "Commit commit=" + c.commit();
            case VoteRequest v -> (v.pre() ? "PreVoteRequest" : "VoteRequest") + " last=" + v.lastIndex() + "@" + v.lastTerm()
                    + (v.transfer() ? " transfer" : "");
            case VoteResponse v -> (v.pre() ? "PreVoteResponse" : "VoteResponse") + (v.granted() ? " granted" : " rejected");
            case InstallSnapshot s -> "InstallSnapshot index=" + s.index() + "@" + s.snapshotTerm() + " bytes=" + s.offset()
                    + ".." + (s.offset() + s.data().length) + "/" + s.size() + (s.done() ? " done" : "")
                    + (s.offset() == 0 ? " config voters=" + s.config().voters()
                            + (s.config().learners().isEmpty() ? "" : " learners=" + s.config().learners()) : "");
            case SnapshotResponse r -> "SnapshotResponse index=" + r.index()
                    + (r.installed() ? " installed" : " next=" + r.nextOffset());
            case Forward f -> "Forward " + f.commands().stream().map(c -> new String(c, StandardCharsets.UTF_8)).toList();
            case ReadRequest r -> "ReadRequest " + r.ids();
            case ReadResponse r -> "ReadResponse " + r.ids() + " index=" + r.index();
            case TimeoutNow t -> "TimeoutNow";
            case ChangeRequest r -> "ChangeRequest #" + r.id() + " " + r.change();
            case ChangeResponse r -> "ChangeResponse #" + r.id() + " " + result(r.result());
        };
        return "[term " + env.term() + "] " + body;
    }

    /** A state machine that is a list of applied commands, with snapshots of that list. */
    private static final class ListSnapshots implements Snapshots {
        final List<String> state = new ArrayList<>();
        long applied;
        private final MemoryLog log;
        private SnapshotMeta out;
        private byte[] outBytes;
        private final java.io.ByteArrayOutputStream in = new java.io.ByteArrayOutputStream();

        ListSnapshots(MemoryLog log) {
            this.log = log;
        }

        @Override
        public SnapshotMeta latest() {
            outBytes = String.join(",", state).getBytes(StandardCharsets.UTF_8);
            out = new SnapshotMeta(applied, log.term(applied), outBytes.length);
            return out;
        }

        @Override
        public byte[] read(SnapshotMeta snapshot, long offset, int max) {
            return Arrays.copyOfRange(outBytes, (int) offset, (int) Math.min(outBytes.length, offset + max));
        }

        @Override
        public void begin(SnapshotMeta snapshot) {
            in.reset();
        }

        @Override
        public void write(byte[] chunk) {
            in.writeBytes(chunk);
        }

        @Override
        public void install(SnapshotMeta snapshot) {
            state.clear();
            state.addAll(Arrays.asList(in.toString(StandardCharsets.UTF_8).split(",")));
            applied = snapshot.index();
        }
    }
}
