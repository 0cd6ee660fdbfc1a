package io.mynode.jepsen.checker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a concurrent history of one object is linearizable against a sequential model,
 * by the Wing-Gong search with Lowe's memoisation (as in Knossos's {@code wgl} and Porcupine).
 *
 * <p>Each operation becomes a call entry and a return entry in one list ordered by when they
 * happened. The search walks the list: at a call it tries to linearize that operation now (apply
 * it to the model; lift both its entries out of the list) and starts over from the head; at a
 * return it has met an operation that had to take effect before this point but did not, so it
 * backtracks to the last choice and tries the next call instead. A cache of (set of linearized
 * operations, model state) pairs already explored makes the search polynomial on most real
 * histories; the worst case stays exponential, so {@code budget} bounds the configurations
 * cached (the memory the search may use) and running out is an honest "unknown".
 *
 * <p>Indeterminate ({@code :info}) operations have no return entry: they may take effect at any
 * point after their call, or never. The search succeeds once every {@code :ok} operation is
 * linearized, leaving the rest pending. Failed operations never enter the search. Identical
 * indeterminate operations are interchangeable, so only the earliest pending one of a kind is
 * tried (a symmetry reduction; crashes make many identical pending writes).
 *
 * <p>Not thread-safe; one search per instance. References: Wing and Gong, "Testing and Verifying
 * Concurrent Objects" (1993); Lowe, "Testing for Linearizability" (2017).
 */
final class Linearizability<S> {

    /** A sequential specification: what each operation does to a state, if it may happen there. */
    interface Model<S> {
        /** The state after {@code op}, or empty if {@code op} cannot happen in {@code state}. */
        Optional<S> step(S state, Object op);
    }

    /**
     * An operation to linearize.
     *
     * @param id the caller's handle (reported back on failure)
     * @param op what the model steps on
     * @param call position of the invocation in the history
     * @param ret position of the completion; {@code Long.MAX_VALUE} for an indeterminate one
     */
    record Entry(Object id, Object op, long call, long ret) {
        boolean indeterminate() {
            return ret == Long.MAX_VALUE;
        }
    }

    /**
     * The search's outcome.
     *
     * @param linearizable yes, no, or empty when the budget ran out
     * @param blocked when not linearizable: the operation that could not be placed before its
     *     return in the deepest partial linearization found
     * @param prefix that deepest partial linearization, in order
     * @param stateBefore the model state after {@code prefix}
     * @param explored steps taken
     */
    record Outcome(Optional<Boolean> linearizable, Optional<Entry> blocked, List<Entry> prefix, Object stateBefore,
            long explored) {}

    private static final class Node {
        final Entry entry;
        final int opIndex;
        final boolean isCall;
        Node match;
        Node prev;
        Node next;

        Node(Entry entry, int opIndex, boolean isCall) {
            this.entry = entry;
            this.opIndex = opIndex;
            this.isCall = isCall;
        }
    }

    private record Config(BitSet linearized, Object state) {}

    private record Frame(Node call, Object stateBefore) {}

    private final Model<S> model;
    private final long budget;

    Linearizability(Model<S> model, long budget) {
        this.model = Objects.requireNonNull(model);
        this.budget = budget;
    }

    /** Searches for a linearization of {@code entries} starting from {@code initial}. */
    Outcome check(List<Entry> entries, S initial) {
        Node head = buildList(entries);
        int remainingOk = 0;
        for (Entry e : entries) {
            if (!e.indeterminate()) {
                remainingOk++;
            }
        }
        int[] twin = twins(entries);
        BitSet linearized = new BitSet(entries.size());
        Set<Config> cache = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        S state = initial;
        long explored = 0;
        // The deepest point reached, for the failure report.
        List<Entry> bestPrefix = List.of();
        Entry bestBlocked = null;
        Object bestState = initial;

        Node entry = head.next;
        while (remainingOk > 0) {
            explored++;
            if (cache.size() > budget) {
                return new Outcome(Optional.empty(), Optional.empty(), bestPrefix, bestState, explored);
            }
            if (entry != null && entry.isCall && twin[entry.opIndex] >= 0 && !linearized.get(twin[entry.opIndex])) {
                // An identical indeterminate op was invoked earlier and is still pending: take that
                // one first. The two are interchangeable (neither has a deadline), so trying both
                // orders would only double the search.
                entry = entry.next;
                continue;
            }
            if (entry != null && entry.isCall) {
                Optional<S> next = model.step(state, entry.entry.op());
                if (next.isPresent()) {
                    BitSet after = (BitSet) linearized.clone();
                    after.set(entry.opIndex);
                    if (cache.add(new Config(after, next.get()))) {
                        stack.push(new Frame(entry, state));
                        state = next.get();
                        linearized = after;
                        lift(entry);
                        if (!entry.entry.indeterminate()) {
                            remainingOk--;
                        }
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else {
                // A return (or the end): the op it closes should have been linearized by now.
                if (stack.size() >= bestPrefix.size() && entry != null) {
                    bestPrefix = stack.reversed().stream().map(f -> f.call().entry).toList();
                    bestBlocked = entry.entry;
                    bestState = state;
                }
                if (stack.isEmpty()) {
                    return new Outcome(Optional.of(false), Optional.ofNullable(bestBlocked), bestPrefix, bestState,
                            explored);
                }
                Frame top = stack.pop();
                @SuppressWarnings("unchecked")
                S restored = (S) top.stateBefore();
                state = restored;
                linearized = (BitSet) linearized.clone();
                linearized.clear(top.call().opIndex);
                unlift(top.call());
                if (!top.call().entry.indeterminate()) {
                    remainingOk++;
                }
                entry = top.call().next;
            }
        }
        return new Outcome(Optional.of(true), Optional.empty(), List.of(), state, explored);
    }

    /**
     * For each indeterminate entry, the closest earlier-invoked indeterminate entry with an equal op
     * (-1 if none). Ops must have value equality for this to find anything.
     */
    private static int[] twins(List<Entry> entries) {
        int[] twin = new int[entries.size()];
        java.util.Arrays.fill(twin, -1);
        java.util.Map<Object, Integer> last = new java.util.HashMap<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(entries.get(a).call(), entries.get(b).call()));
        for (int i : order) {
            Entry e = entries.get(i);
            if (e.indeterminate()) {
                Integer previous = last.put(e.op(), i);
                if (previous != null) {
                    twin[i] = previous;
                }
            }
        }
        return twin;
    }

    /** A sentinel head, then call and return nodes in history order. */
    private static Node buildList(List<Entry> entries) {
        record Event(long at, boolean call, int op) {}
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.ret() <= e.call()) {
                throw new IllegalArgumentException("operation " + e.id() + " returns before it is called");
            }
            events.add(new Event(e.call(), true, i));
            if (!e.indeterminate()) {
                events.add(new Event(e.ret(), false, i));
            }
        }
        events.sort((a, b) -> Long.compare(a.at(), b.at()));
        Node head = new Node(null, -1, false);
        Node last = head;
        Node[] calls = new Node[entries.size()];
        for (Event ev : events) {
            Node n = new Node(entries.get(ev.op()), ev.op(), ev.call());
            if (ev.call()) {
                calls[ev.op()] = n;
            } else {
                n.match = calls[ev.op()];
                calls[ev.op()].match = n;
            }
            last.next = n;
            n.prev = last;
            last = n;
        }
        return head;
    }

    /** Removes a call and its return from the list; {@link #unlift} puts them back. */
    private static void lift(Node call) {
        call.prev.next = call.next;
        if (call.next != null) {
            call.next.prev = call.prev;
        }
        Node ret = call.match;
        if (ret != null) {
            ret.prev.next = ret.next;
            if (ret.next != null) {
                ret.next.prev = ret.prev;
            }
        }
    }

    private static void unlift(Node call) {
        Node ret = call.match;
        if (ret != null) {
            ret.prev.next = ret;
            if (ret.next != null) {
                ret.next.prev = ret;
            }
        }
        call.prev.next = call;
        if (call.next != null) {
            call.next.prev = call;
        }
    }
}
