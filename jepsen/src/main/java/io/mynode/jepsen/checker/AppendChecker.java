package io.mynode.jepsen.checker;

import io.mynode.jepsen.history.Edn;
import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Keyword;
import io.mynode.jepsen.history.Op;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Elle's list-append checker, for serializability. Transactions append unique elements to lists
 * and read lists whole:
 *
 * <pre>
 *   {:type :ok, :f :txn, :value [[:append 3 7] [:r 4 [1 2]] [:r 3 [5 7]]]}
 * </pre>
 *
 * Because every element is appended once, a read names the writer of each element it holds, and
 * the longest read of a key gives that key's version order (all other reads must be its
 * prefixes). From there a transaction dependency graph follows, with no guessing:
 *
 * <pre>
 *   ww  T1 appended x, T2 appended the next element after x
 *   wr  T1 appended x, T2 read a list ending in x
 *   rw  T1 read a list ending in x (or empty), T2 appended the element after x
 * </pre>
 *
 * and {@link DependencyGraph} finds the cycles (G0, G1c, G-single, G2). Anomalies visible in single
 * reads are found directly: {@code G1a} (read an element from a failed transaction), {@code G1b}
 * (read an element that its writer overwrote with a later append in the same transaction),
 * {@code incompatible-order} (two reads that are not prefixes of each other), {@code internal}
 * (a transaction not seeing its own appends), {@code garbage-read} (an element nobody appended),
 * {@code duplicate-elements} (an element twice in one read).
 *
 * <p>Indeterminate transactions count as committed once something they wrote was read; their reads
 * are unknown and ignored. Real-time edges are added the way Elle does, keeping only a frontier of
 * recently completed transactions so the edge count stays linear. Left out: Elle's process edges
 * and inference from unobserved writes. Reference: Kingsbury and Alvaro, "Elle" (VLDB 2020).
 *
 * @param examplesPerAnomaly how many examples of each anomaly to report (all are counted)
 * @param realtime also require strict serializability: add real-time edges (T1 completed before
 *     T2 was invoked) and report cycles that need them as {@code G-single-realtime} and so on
 */
public record AppendChecker(int examplesPerAnomaly, boolean realtime) implements Checker {
    public static final Keyword TXN = Keyword.of("txn");
    public static final Keyword APPEND = Keyword.of("append");
    public static final Keyword R = Keyword.of("r");

    /** Strict serializability (with real-time edges), eight examples per anomaly. */
    public AppendChecker() {
        this(8, true);
    }

    /** One micro-operation; {@code value} is the element appended or the list read (null: unknown). */
    private record Mop(boolean append, Object key, Object value) {}

    private record Txn(int id, History.Operation op, Op.Type outcome, List<Mop> mops) {
        Object edn() {
            return op.completion().filter(c -> c.type() == Op.Type.OK).orElse(op.invoke()).toEdn();
        }
    }

    /** A read as it bears on other transactions: the list before this transaction's own appends. */
    private record ExternalRead(Txn txn, Object key, List<?> prefix) {}

    @Override
    public Result check(History history) {
        Map<Keyword, List<Object>> anomalies = new TreeMap<>();
        List<Txn> txns = new ArrayList<>();
        for (History.Operation o : history.operations(TXN)) {
            List<Mop> mops = parse(o.value());
            if (mops == null) {
                note(anomalies, "malformed", o.completion().orElse(o.invoke()).toEdn());
                continue;
            }
            txns.add(new Txn(txns.size(), o, o.outcome(), mops));
        }

        // Who appended what, and each transaction's last append per key.
        Map<Object, Map<Object, Txn>> writer = new HashMap<>();
        Map<Integer, Map<Object, Object>> finalAppend = new HashMap<>();
        for (Txn t : txns) {
            for (Mop m : t.mops()) {
                if (!m.append()) {
                    continue;
                }
                Txn previous = writer.computeIfAbsent(m.key(), k -> new HashMap<>()).putIfAbsent(m.value(), t);
                if (previous != null) {
                    note(anomalies, "duplicate-appends", map("key", m.key(), "value", m.value(),
                            "ops", List.of(previous.edn(), t.edn())));
                }
                finalAppend.computeIfAbsent(t.id(), i -> new HashMap<>()).put(m.key(), m.value());
            }
        }

        // Reads of committed transactions: internal consistency, and what each saw from others.
        List<ExternalRead> reads = new ArrayList<>();
        Map<Object, List<List<?>>> readsByKey = new LinkedHashMap<>();
        for (Txn t : txns) {
            if (t.outcome() != Op.Type.OK) {
                continue;
            }
            Map<Object, List<Object>> known = new HashMap<>();
            Map<Object, List<Object>> own = new HashMap<>();
            for (Mop m : t.mops()) {
                if (m.append()) {
                    own.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m.value());
                    if (known.containsKey(m.key())) {
                        known.get(m.key()).add(m.value());
                    }
                    continue;
                }
                List<?> read = m.value() == null ? List.of() : (List<?>) m.value();
                if (new HashSet<>(read).size() != read.size()) {
                    note(anomalies, "duplicate-elements", map("key", m.key(), "op", t.edn()));
                }
                List<Object> mine = own.getOrDefault(m.key(), List.of());
                List<Object> expected = known.get(m.key());
                boolean consistent = expected != null ? expected.equals(read) : endsWith(read, mine);
                if (!consistent) {
                    note(anomalies, "internal", map("key", m.key(), "op", t.edn(),
                            "expected", expected != null ? expected : "a list ending in " + Edn.write(mine)));
                    known.put(m.key(), new ArrayList<>(read));
                    continue;
                }
                known.put(m.key(), new ArrayList<>(read));
                List<?> prefix = read.subList(0, read.size() - mine.size());
                reads.add(new ExternalRead(t, m.key(), prefix));
                readsByKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(read);
            }
        }

        // Single-read anomalies.
        for (ExternalRead r : reads) {
            Map<Object, Txn> writers = writer.getOrDefault(r.key(), Map.of());
            for (Object e : r.prefix()) {
                Txn w = writers.get(e);
                if (w == null) {
                    note(anomalies, "garbage-read", map("key", r.key(), "element", e, "op", r.txn().edn()));
                } else if (w.outcome() == Op.Type.FAIL) {
                    note(anomalies, "G1a", map("key", r.key(), "element", e, "op", r.txn().edn(),
                            "writer", w.edn()));
                }
            }
            if (!r.prefix().isEmpty()) {
                Object last = r.prefix().getLast();
                Txn w = writers.get(last);
                if (w != null && w != r.txn() && w.outcome() != Op.Type.FAIL
                        && !Objects.equals(finalAppend.get(w.id()).get(r.key()), last)) {
                    note(anomalies, "G1b", map("key", r.key(), "element", last, "op", r.txn().edn(),
                            "writer", w.edn()));
                }
            }
        }

        // Version order per key: the longest read; every other read must be a prefix of it.
        Map<Object, List<?>> order = new HashMap<>();
        for (var e : readsByKey.entrySet()) {
            List<?> longest = e.getValue().stream().max((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
            boolean compatible = true;
            for (List<?> r : e.getValue()) {
                if (!isPrefix(r, longest)) {
                    compatible = false;
                    note(anomalies, "incompatible-order", map("key", e.getKey(), "values", List.of(r, longest)));
                    break;
                }
            }
            if (compatible) {
                order.put(e.getKey(), longest);
            }
        }

        // The dependency graph over transactions that may have committed.
        DependencyGraph graph = new DependencyGraph(txns.size());
        for (var e : order.entrySet()) {
            Map<Object, Txn> writers = writer.getOrDefault(e.getKey(), Map.of());
            List<?> versions = e.getValue();
            for (int i = 0; i + 1 < versions.size(); i++) {
                Txn a = writers.get(versions.get(i));
                Txn b = writers.get(versions.get(i + 1));
                if (committable(a) && committable(b)) {
                    graph.add(a.id(), b.id(), new DependencyGraph.Why(DependencyGraph.Dep.WW, e.getKey(),
                            versions.get(i + 1)));
                }
            }
        }
        for (ExternalRead r : reads) {
            List<?> versions = order.get(r.key());
            if (versions == null) {
                continue;
            }
            Map<Object, Txn> writers = writer.getOrDefault(r.key(), Map.of());
            if (!r.prefix().isEmpty()) {
                Txn w = writers.get(r.prefix().getLast());
                if (committable(w)) {
                    graph.add(w.id(), r.txn().id(), new DependencyGraph.Why(DependencyGraph.Dep.WR, r.key(),
                            r.prefix().getLast()));
                }
            }
            if (r.prefix().size() < versions.size()) {
                Object next = versions.get(r.prefix().size());
                Txn w = writers.get(next);
                if (committable(w)) {
                    graph.add(r.txn().id(), w.id(), new DependencyGraph.Why(DependencyGraph.Dep.RW, r.key(), next));
                }
            }
        }
        if (realtime) {
            addRealtimeEdges(history, txns, graph);
        }
        for (DependencyGraph.Cycle c : graph.cycles(examplesPerAnomaly)) {
            note(anomalies, c.anomaly(), explain(c, txns));
        }

        long ok = txns.stream().filter(t -> t.outcome() == Op.Type.OK).count();
        Map<Keyword, Object> details = new LinkedHashMap<>();
        details.put(Result.k("txn-count"), txns.size());
        details.put(Result.k("ok-count"), ok);
        details.put(Result.k("edge-count"), graph.edgeCount());
        details.put(Result.k("anomaly-types"), new ArrayList<>(anomalies.keySet()));
        if (!anomalies.isEmpty()) {
            Map<Keyword, Object> shown = new LinkedHashMap<>();
            anomalies.forEach((kind, list) -> shown.put(kind, list.subList(0, Math.min(list.size(), examplesPerAnomaly))));
            Map<Keyword, Object> counts = new LinkedHashMap<>();
            anomalies.forEach((kind, list) -> counts.put(kind, list.size()));
            details.put(Result.k("anomaly-counts"), counts);
            details.put(Result.k("anomalies"), shown);
            return Result.of(Result.Validity.INVALID, details);
        }
        if (ok == 0) {
            details.put(Result.k("error"), "no transaction succeeded, so nothing was observed");
            return Result.of(Result.Validity.UNKNOWN, details);
        }
        return Result.of(Result.Validity.VALID, details);
    }

    /**
     * T1 -rt-> T2 when T1 completed :ok before T2 was invoked. Only edges from the frontier (ops
     * completed since which no completed op began after them) are added; the rest follow by
     * transitivity, so reachability, and therefore every cycle, is preserved.
     */
    private static void addRealtimeEdges(History history, List<Txn> txns, DependencyGraph graph) {
        Map<Long, Txn> byInvoke = new HashMap<>();
        Map<Long, Txn> byCompletion = new HashMap<>();
        for (Txn t : txns) {
            if (t.outcome() == Op.Type.FAIL) {
                continue;
            }
            byInvoke.put(t.op().invoke().index(), t);
            t.op().completion().filter(c -> c.type() == Op.Type.OK).ifPresent(c -> byCompletion.put(c.index(), t));
        }
        java.util.Set<Txn> frontier = new java.util.LinkedHashSet<>();
        Map<Integer, List<Txn>> predecessors = new HashMap<>();
        for (Op op : history.ops()) {
            Txn invoked = byInvoke.get(op.index());
            if (invoked != null && op.isInvoke()) {
                List<Txn> preds = new ArrayList<>(frontier);
                predecessors.put(invoked.id(), preds);
                for (Txn p : preds) {
                    graph.add(p.id(), invoked.id(), new DependencyGraph.Why(DependencyGraph.Dep.RT, null, null));
                }
                continue;
            }
            Txn completed = byCompletion.get(op.index());
            if (completed != null) {
                predecessors.getOrDefault(completed.id(), List.of()).forEach(frontier::remove);
                frontier.add(completed);
            }
        }
    }

    private static boolean committable(Txn t) {
        return t != null && t.outcome() != Op.Type.FAIL;
    }

    /** Micro-ops of a transaction value, or null when it is not a list of [:append k v] / [:r k list]. */
    private static List<Mop> parse(Object value) {
        if (!(value instanceof List<?> items)) {
            return null;
        }
        List<Mop> mops = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof List<?> m) || m.size() != 3) {
                return null;
            }
            if (m.get(0) == APPEND) {
                mops.add(new Mop(true, m.get(1), m.get(2)));
            } else if (m.get(0) == R && (m.get(2) == null || m.get(2) instanceof Collection<?>)) {
                mops.add(new Mop(false, m.get(1), m.get(2) == null ? null : new ArrayList<>((Collection<?>) m.get(2))));
            } else {
                return null;
            }
        }
        return mops;
    }

    private static boolean isPrefix(List<?> shorter, List<?> longer) {
        return shorter.size() <= longer.size() && longer.subList(0, shorter.size()).equals(shorter);
    }

    private static boolean endsWith(List<?> list, List<?> suffix) {
        return list.size() >= suffix.size() && list.subList(list.size() - suffix.size(), list.size()).equals(suffix);
    }

    /** The cycle as Elle prints it: the transactions, and one sentence per edge. */
    private static Map<Keyword, Object> explain(DependencyGraph.Cycle c, List<Txn> txns) {
        List<Object> ops = new ArrayList<>();
        List<Object> steps = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < c.nodes().size(); i++) {
            int from = c.nodes().get(i);
            int to = c.nodes().get((i + 1) % c.nodes().size());
            ops.add(txns.get(from).edn());
            DependencyGraph.Why why = c.steps().get(i);
            String a = "T" + (i + 1);
            String b = "T" + ((i + 1) % c.nodes().size() + 1);
            String k = Edn.write(why.key());
            String v = Edn.write(why.value());
            String sentence = switch (why.dep()) {
                case WW -> a + " appended to key " + k + " before " + b + " appended " + v;
                case WR -> b + " read key " + k + " and saw " + a + "'s append of " + v;
                case RW -> a + " read key " + k + " without " + b + "'s append of " + v;
                case RT -> a + " completed before " + b + " began";
            };
            steps.add(map("type", Keyword.of(why.dep().name().toLowerCase(java.util.Locale.ROOT)), "key", why.key(),
                    "value", why.value(), "from", txns.get(from).op().invoke().index(),
                    "to", txns.get(to).op().invoke().index()));
            text.append(i == 0 ? "" : "; ").append(sentence);
        }
        text.append(c.anomaly().endsWith("-realtime")
                ? ": a cycle, so no serial order agrees with real time."
                : ": a cycle, so no serial order exists.");
        return map("cycle", ops, "steps", steps, "explanation", text.toString());
    }

    private static void note(Map<Keyword, List<Object>> anomalies, String kind, Object example) {
        anomalies.computeIfAbsent(Keyword.of(kind), k -> new ArrayList<>()).add(example);
    }

    private static Map<Keyword, Object> map(Object... kv) {
        Map<Keyword, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(Keyword.of((String) kv[i]), kv[i + 1]);
        }
        return m;
    }
}
