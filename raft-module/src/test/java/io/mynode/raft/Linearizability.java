package io.mynode.raft;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A linearizability checker for a history of register operations, per key (linearizability is
 * compositional, so keys are checked independently): the Wing–Gong search with Lowe's
 * memoization of (linearized set, state), as Porcupine does it.
 *
 * <p>An operation whose outcome is unknown gets a response time of infinity: it may take effect
 * at any point after it was invoked, or never (a write that never happened is one that is
 * linearized after everything else and read by nobody).
 */
final class Linearizability {

    /** One operation: a write of {@code value}, or a read that returned {@code value} (null: absent). */
    record Op(String key, boolean write, String value, long invoke, long response, String client) {
        static final long UNKNOWN = Long.MAX_VALUE;

        @Override
        public String toString() {
            return client + " " + (write ? "write " : "read ") + key + "=" + value + " [" + invoke + ", "
                    + (response == UNKNOWN ? "?" : response) + "]";
        }
    }

    private Linearizability() {}

    /** The first key whose history is not linearizable, with its operations; empty when all are. */
    static Optional<String> check(List<Op> history) {
        Map<String, List<Op>> byKey = new TreeMap<>();
        for (Op op : history) {
            byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        }
        for (var e : byKey.entrySet()) {
            if (!checkKey(e.getValue())) {
                List<Op> ops = new ArrayList<>(e.getValue());
                ops.sort(Comparator.comparingLong(Op::invoke));
                StringBuilder sb = new StringBuilder("key " + e.getKey() + " is not linearizable:");
                ops.forEach(op -> sb.append("\n  ").append(op));
                return Optional.of(sb.toString());
            }
        }
        return Optional.empty();
    }

    /** A doubly linked list node: the call or the return of operation {@code op}. */
    private static final class Event {
        final int op;
        final boolean call;
        final long time;
        Event match;
        Event prev;
        Event next;

        Event(int op, boolean call, long time) {
            this.op = op;
            this.call = call;
            this.time = time;
        }
    }

    private record Cached(BitSet linearized, String state) {}

    private record Frame(Event call, String state) {}

    static boolean checkKey(List<Op> ops) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Event call = new Event(i, true, ops.get(i).invoke());
            Event ret = new Event(i, false, ops.get(i).response());
            call.match = ret;
            ret.match = call;
            events.add(call);
            events.add(ret);
        }
        // Calls before returns at equal times: overlapping is the permissive reading of a tie.
        events.sort(Comparator.comparingLong((Event ev) -> ev.time).thenComparing(ev -> !ev.call));
        Event head = new Event(-1, true, Long.MIN_VALUE);
        Event prev = head;
        for (Event ev : events) {
            prev.next = ev;
            ev.prev = prev;
            prev = ev;
        }
        BitSet linearized = new BitSet(ops.size());
        Set<Cached> cache = new HashSet<>();
        List<Frame> stack = new ArrayList<>();
        String state = null;
        Event entry = head.next;
        while (head.next != null) {
            if (entry == null) {
                return false; // cannot happen with well-formed histories; be safe
            }
            if (entry.call) {
                Op op = ops.get(entry.op);
                String next = op.write() ? op.value() : state;
                boolean ok = op.write() || Objects.equals(op.value(), state);
                if (ok) {
                    BitSet with = (BitSet) linearized.clone();
                    with.set(entry.op);
                    if (cache.add(new Cached(with, next))) {
                        stack.add(new Frame(entry, state));
                        state = next;
                        linearized.set(entry.op);
                        lift(entry);
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else {
                if (stack.isEmpty()) {
                    return false;
                }
                Frame f = stack.removeLast();
                state = f.state();
                linearized.clear(f.call().op);
                unlift(f.call());
                entry = f.call().next;
            }
        }
        return true;
    }

    private static void lift(Event call) {
        call.prev.next = call.next;
        if (call.next != null) {
            call.next.prev = call.prev;
        }
        Event ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null) {
            ret.next.prev = ret.prev;
        }
    }

    private static void unlift(Event call) {
        Event ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null) {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        if (call.next != null) {
            call.next.prev = call;
        }
    }
}
