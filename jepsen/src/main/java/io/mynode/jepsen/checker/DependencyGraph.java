package io.mynode.jepsen.checker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A transaction dependency graph (Adya's DSG): nodes are transactions, edges say one must come
 * before another in any serial order, labelled with why. A cycle is an anomaly; which edges the
 * cycle needs says which (Adya, "Weak Consistency", 1999):
 *
 * <pre>
 *   G0        a cycle of write-write edges only          (dirty write)
 *   G1c       write-write and write-read, at least one wr (circular information flow)
 *   G-single  exactly one read-write anti-dependency      (read skew, lost update)
 *   G2        two or more anti-dependencies               (write skew)
 * </pre>
 *
 * With real-time edges (T1 completed before T2 was invoked) a further cycle breaks strict
 * serializability only: a transaction that read an old snapshot after a newer commit had been
 * acknowledged. Such cycles are reported with Elle's {@code -realtime} suffix, and only for
 * components with no cycle of the classic kinds.
 *
 * Search: Tarjan's strongly connected components first (a graph without a component of two or
 * more nodes has no cycle, the common case, in linear time), then inside each component a
 * breadth-first search for the shortest way back across each candidate edge, so reported cycles
 * are short enough to read. Single-threaded; built once, then queried.
 */
final class DependencyGraph {

    /** Why one transaction precedes another; RT is real time (it completed before the other began). */
    enum Dep { WW, WR, RW, RT }

    /**
     * The evidence for an edge.
     *
     * @param dep the dependency kind
     * @param key the key both touched
     * @param value the element that ties them (the later write for ww and rw, the read one for wr)
     */
    record Why(Dep dep, Object key, Object value) {}

    /** A cycle: nodes in order (the first repeated at the end is implied) and the edge used for each step. */
    record Cycle(String anomaly, List<Integer> nodes, List<Why> steps) {}

    private final int size;
    private final List<Map<Integer, List<Why>>> out;

    DependencyGraph(int size) {
        this.size = size;
        this.out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new LinkedHashMap<>());
        }
    }

    /** Adds the edge {@code from -> to} for {@code why}; self-edges are ignored. */
    void add(int from, int to, Why why) {
        if (from != to) {
            out.get(from).computeIfAbsent(to, t -> new ArrayList<>(1)).add(why);
        }
    }

    int edgeCount() {
        return out.stream().mapToInt(Map::size).sum();
    }

    /** One short cycle per anomaly class per strongly connected component, most severe classes first. */
    List<Cycle> cycles(int perClassLimit) {
        List<Cycle> found = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (List<Integer> scc : components()) {
            if (scc.size() < 2) {
                continue;
            }
            Set<Integer> nodes = new java.util.TreeSet<>(scc);
            int before = found.size();
            boolean any = false;
            any |= add(found, counts, perClassLimit, through(nodes, EnumSet.of(Dep.WW), EnumSet.of(Dep.WW), "G0"));
            any |= add(found, counts, perClassLimit,
                    through(nodes, EnumSet.of(Dep.WR), EnumSet.of(Dep.WW, Dep.WR), "G1c"));
            boolean single = add(found, counts, perClassLimit,
                    through(nodes, EnumSet.of(Dep.RW), EnumSet.of(Dep.WW, Dep.WR), "G-single"));
            any |= single;
            if (!single) {
                // No rw edge here closes a cycle through ww/wr alone, so each such cycle has two or more.
                any |= add(found, counts, perClassLimit,
                        through(nodes, EnumSet.of(Dep.RW), EnumSet.of(Dep.WW, Dep.WR, Dep.RW), "G2"));
            }
            if (!any && found.size() == before) {
                // The component is a cycle only with real-time edges: serializable, but not strictly.
                realtime(nodes, found, counts, perClassLimit);
            }
        }
        return found;
    }

    /** Cycles that need a real-time edge, named as Elle names them ({@code G-single-realtime}, ...). */
    private void realtime(Set<Integer> nodes, List<Cycle> found, Map<String, Integer> counts, int limit) {
        EnumSet<Dep> rt = EnumSet.of(Dep.RT);
        if (add(found, counts, limit, through(nodes, rt, EnumSet.of(Dep.WW, Dep.RT), "G0-realtime"))) {
            return;
        }
        if (add(found, counts, limit, through(nodes, rt, EnumSet.of(Dep.WW, Dep.WR, Dep.RT), "G1c-realtime"))) {
            return;
        }
        if (add(found, counts, limit,
                through(nodes, EnumSet.of(Dep.RW), EnumSet.of(Dep.WW, Dep.WR, Dep.RT), "G-single-realtime"))) {
            return;
        }
        add(found, counts, limit, through(nodes, EnumSet.of(Dep.RW), EnumSet.allOf(Dep.class), "G2-realtime"));
    }

    /** Records {@code c} (up to {@code limit} per class); whether there was one. */
    private static boolean add(List<Cycle> found, Map<String, Integer> counts, int limit, Optional<Cycle> c) {
        c.ifPresent(cycle -> {
            if (counts.merge(cycle.anomaly(), 1, Integer::sum) <= limit) {
                found.add(cycle);
            }
        });
        return c.isPresent();
    }

    /**
     * A shortest cycle within {@code nodes} that starts with an edge allowed by {@code first} and
     * returns along edges allowed by {@code rest}; empty when there is none. Tries at most a few
     * thousand starting edges, which bounds the cost on a pathological component.
     */
    private Optional<Cycle> through(Set<Integer> nodes, EnumSet<Dep> first, EnumSet<Dep> rest, String anomaly) {
        int tried = 0;
        for (int a : nodes) {
            for (var e : out.get(a).entrySet()) {
                int b = e.getKey();
                if (!nodes.contains(b) || pick(e.getValue(), first).isEmpty()) {
                    continue;
                }
                if (++tried > 5000) {
                    return Optional.empty();
                }
                Optional<List<Integer>> back = path(b, a, nodes, rest);
                if (back.isPresent()) {
                    List<Integer> cycle = new ArrayList<>();
                    cycle.add(a);
                    cycle.addAll(back.get().subList(0, back.get().size() - 1));
                    List<Why> steps = new ArrayList<>();
                    steps.add(pick(e.getValue(), first).get());
                    for (int i = 1; i < cycle.size(); i++) {
                        int from = cycle.get(i);
                        int to = i + 1 < cycle.size() ? cycle.get(i + 1) : a;
                        steps.add(pick(out.get(from).get(to), rest).orElseThrow());
                    }
                    return Optional.of(new Cycle(anomaly, cycle, steps));
                }
            }
        }
        return Optional.empty();
    }

    /** The evidence to show for an edge: ww before wr before rw, among those allowed. */
    private static Optional<Why> pick(List<Why> whys, EnumSet<Dep> allowed) {
        for (Dep d : Dep.values()) {
            for (Why w : whys) {
                if (w.dep() == d && allowed.contains(d)) {
                    return Optional.of(w);
                }
            }
        }
        return Optional.empty();
    }

    /** Breadth-first path {@code from .. to} (both included) inside {@code nodes}. */
    private Optional<List<Integer>> path(int from, int to, Set<Integer> nodes, EnumSet<Dep> allowed) {
        Map<Integer, Integer> parent = new HashMap<>();
        Deque<Integer> queue = new ArrayDeque<>();
        parent.put(from, from);
        queue.add(from);
        while (!queue.isEmpty()) {
            int x = queue.poll();
            if (x == to) {
                List<Integer> p = new ArrayList<>();
                for (int y = to; ; y = parent.get(y)) {
                    p.add(y);
                    if (y == from) {
                        break;
                    }
                }
                return Optional.of(p.reversed());
            }
            for (var e : out.get(x).entrySet()) {
                int y = e.getKey();
                if (nodes.contains(y) && !parent.containsKey(y) && pick(e.getValue(), allowed).isPresent()) {
                    parent.put(y, x);
                    queue.add(y);
                }
            }
        }
        return Optional.empty();
    }

    /** Tarjan's strongly connected components, iteratively (histories make deep graphs). */
    List<List<Integer>> components() {
        int[] index = new int[size];
        int[] low = new int[size];
        boolean[] onStack = new boolean[size];
        java.util.Arrays.fill(index, -1);
        Deque<Integer> stack = new ArrayDeque<>();
        List<List<Integer>> result = new ArrayList<>();
        int counter = 0;
        for (int root = 0; root < size; root++) {
            if (index[root] >= 0) {
                continue;
            }
            Deque<int[]> work = new ArrayDeque<>();
            Map<Integer, java.util.Iterator<Integer>> iters = new HashMap<>();
            work.push(new int[] {root});
            index[root] = low[root] = counter++;
            stack.push(root);
            onStack[root] = true;
            iters.put(root, out.get(root).keySet().iterator());
            while (!work.isEmpty()) {
                int v = work.peek()[0];
                var it = iters.get(v);
                if (it.hasNext()) {
                    int w = it.next();
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack.push(w);
                        onStack[w] = true;
                        iters.put(w, out.get(w).keySet().iterator());
                        work.push(new int[] {w});
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                } else {
                    work.pop();
                    iters.remove(v);
                    if (!work.isEmpty()) {
                        int parent = work.peek()[0];
                        low[parent] = Math.min(low[parent], low[v]);
                    }
                    if (low[v] == index[v]) {
                        List<Integer> scc = new ArrayList<>();
                        int w;
                        do {
                            w = stack.pop();
                            onStack[w] = false;
                            scc.add(w);
                        } while (w != v);
                        result.add(scc);
                    }
                }
            }
        }
        return result;
    }
}
