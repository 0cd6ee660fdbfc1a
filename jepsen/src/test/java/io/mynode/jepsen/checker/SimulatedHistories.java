package io.mynode.jepsen.checker;

import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Keyword;
import io.mynode.jepsen.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Histories of a correct system, simulated: each operation gets a random interval per process and
 * takes effect atomically at a random point inside it (an indeterminate one may take effect later,
 * or never). A checker must accept every one of them; these are the false-positive tests.
 */
final class SimulatedHistories {
    private SimulatedHistories() {}

    /** An operation being simulated. */
    private static final class Sim {
        long process;
        double start;
        double end;
        double effect;
        boolean applied = true;
        Op.Type type = Op.Type.OK;
        Keyword f;
        Object invokeValue;
        Object result;
    }

    /** Atomic compare-and-set registers on {@code keys} keys. */
    static History registers(long seed, int processes, int opsPerProcess, int keys) {
        Random r = new Random(seed);
        List<Sim> ops = intervals(r, processes, opsPerProcess);
        for (Sim s : ops) {
            long key = r.nextInt(keys);
            switch (r.nextInt(3)) {
                case 0 -> {
                    s.f = RegisterChecker.READ;
                    s.invokeValue = Arrays.asList(key, null);
                }
                case 1 -> {
                    s.f = RegisterChecker.WRITE;
                    s.invokeValue = List.of(key, (long) r.nextInt(4));
                }
                default -> {
                    s.f = RegisterChecker.CAS;
                    s.invokeValue = List.of(key, List.of((long) r.nextInt(4), (long) r.nextInt(4)));
                }
            }
        }
        Map<Object, Object> state = new HashMap<>();
        for (Sim s : byEffect(ops)) {
            List<?> kv = (List<?>) s.invokeValue;
            Object key = kv.get(0);
            if (!s.applied) {
                continue;
            }
            if (s.f == RegisterChecker.READ) {
                s.result = Arrays.asList(key, state.get(key));
            } else if (s.f == RegisterChecker.WRITE) {
                state.put(key, kv.get(1));
                s.result = kv;
            } else {
                List<?> ab = (List<?>) kv.get(1);
                if (java.util.Objects.equals(state.get(key), ab.get(0))) {
                    state.put(key, ab.get(1));
                    s.result = kv;
                } else if (s.type == Op.Type.OK) {
                    s.type = Op.Type.FAIL;
                }
            }
        }
        return emit(ops);
    }

    /** Serializable list-append transactions (a serial order at the effect points). */
    static History appends(long seed, int processes, int opsPerProcess, int keys) {
        Random r = new Random(seed);
        List<Sim> ops = intervals(r, processes, opsPerProcess);
        Map<Long, Long> nextElement = new HashMap<>();
        for (Sim s : ops) {
            s.f = AppendChecker.TXN;
            List<Object> mops = new ArrayList<>();
            for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                long key = r.nextInt(keys);
                mops.add(r.nextBoolean() ? Arrays.asList(AppendChecker.R, key, null)
                        : List.of(AppendChecker.APPEND, key, nextElement.merge(key, 1L, Long::sum)));
            }
            s.invokeValue = mops;
            if (s.type == Op.Type.OK && r.nextInt(12) == 0) {
                s.type = Op.Type.FAIL;
                s.applied = false;
            }
        }
        Map<Object, List<Object>> state = new HashMap<>();
        for (Sim s : byEffect(ops)) {
            List<Object> done = new ArrayList<>();
            for (Object o : (List<?>) s.invokeValue) {
                List<?> m = (List<?>) o;
                if (m.get(0) == AppendChecker.R) {
                    List<Object> v = state.get(m.get(1));
                    done.add(Arrays.asList(AppendChecker.R, m.get(1), v == null ? null : new ArrayList<>(v)));
                } else {
                    if (s.applied) {
                        state.computeIfAbsent(m.get(1), k -> new ArrayList<>()).add(m.get(2));
                    }
                    done.add(m);
                }
            }
            s.result = done;
        }
        return emit(ops);
    }

    /** Sequential intervals per process; some indeterminate (then the process is replaced). */
    private static List<Sim> intervals(Random r, int processes, int opsPerProcess) {
        List<Sim> ops = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            double t = r.nextDouble() * 3;
            long process = p;
            for (int j = 0; j < opsPerProcess; j++) {
                Sim s = new Sim();
                s.process = process;
                s.start = t + r.nextDouble() * 3;
                s.end = s.start + 0.1 + r.nextDouble() * 6;
                s.effect = s.start + r.nextDouble() * (s.end - s.start);
                if (r.nextInt(10) == 0) {
                    s.type = Op.Type.INFO;
                    s.applied = r.nextBoolean();
                    s.effect = s.start + r.nextDouble() * 30;
                    process += processes;
                }
                t = s.end;
                ops.add(s);
            }
        }
        return ops;
    }

    private static List<Sim> byEffect(List<Sim> ops) {
        List<Sim> sorted = new ArrayList<>(ops);
        sorted.sort(Comparator.comparingDouble(s -> s.effect));
        return sorted;
    }

    private static History emit(List<Sim> ops) {
        record Event(double at, Op op) {}
        List<Event> events = new ArrayList<>();
        for (Sim s : ops) {
            events.add(new Event(s.start, Op.invoke(s.process, s.f, s.invokeValue, 0)));
            Object value = s.type == Op.Type.OK ? s.result : s.invokeValue;
            events.add(new Event(s.end, new Op(-1, s.type, s.f, value, s.process, 0, null)));
        }
        events.sort(Comparator.comparingDouble(Event::at));
        List<Op> out = new ArrayList<>();
        for (Event e : events) {
            Op o = e.op();
            out.add(new Op(-1, o.type(), o.f(), o.value(), o.process(), (long) (e.at() * 1e6), null));
        }
        return History.of(out);
    }
}
