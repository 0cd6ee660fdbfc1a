package io.mynode.jepsen.checker;

import io.mynode.jepsen.history.Edn;
import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Keyword;
import io.mynode.jepsen.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Linearizability of compare-and-set registers, checked key by key (Jepsen's {@code independent}
 * with Knossos's {@code cas-register} model). Keys are independent objects, so a history is
 * linearizable iff each key's sub-history is (linearizability is local: Herlihy and Wing).
 *
 * <p>Operations, as Jepsen's register tests write them; with keys, {@code :value} is a tuple
 * {@code [key v]}:
 * <pre>
 *   :read   invoke [k nil]       ok [k v]          v is nil when never written
 *   :write  [k v]
 *   :cas    [k [old new]]        fails (:fail) when the register did not hold old
 * </pre>
 * A history whose read and write values are not all {@code [k v]} pairs is one register.
 * Failed operations and indeterminate reads say nothing and are dropped; an indeterminate write or
 * cas may take effect at any time after its invocation, or never.
 *
 * @param budget configurations the search may try per key before answering {@code :unknown}
 */
public record RegisterChecker(long budget) implements Checker {
    public static final Keyword READ = Keyword.of("read");
    public static final Keyword WRITE = Keyword.of("write");
    public static final Keyword CAS = Keyword.of("cas");

    /** The default: a million configurations per key (a few hundred MB, some seconds, at worst). */
    public RegisterChecker() {
        this(1_000_000);
    }

    /** An operation on one register, as the model steps on it. */
    private record RegisterOp(Keyword f, Object a, Object b) {
        @Override
        public String toString() {
            return f == CAS ? f + " " + Edn.write(List.of(a, b)) : f + " " + Edn.write(a);
        }
    }

    /** The register's content; {@code value} null means nil (never written). */
    private record Register(Object value) {}

    private static final Linearizability.Model<Register> MODEL = (state, o) -> {
        RegisterOp op = (RegisterOp) o;
        if (op.f() == READ) {
            return Objects.equals(state.value(), op.a()) ? Optional.of(state) : Optional.empty();
        } else if (op.f() == WRITE) {
            return Optional.of(new Register(op.a()));
        } else {
            return Objects.equals(state.value(), op.a()) ? Optional.of(new Register(op.b())) : Optional.empty();
        }
    };

    @Override
    public Result check(History history) {
        List<History.Operation> ops = history.operations().stream()
                .filter(o -> o.f() == READ || o.f() == WRITE || o.f() == CAS)
                .toList();
        boolean keyed = !ops.isEmpty() && ops.stream()
                .filter(o -> o.f() != CAS)
                .allMatch(o -> o.invoke().value() instanceof List<?> l && l.size() == 2);
        Map<Object, List<History.Operation>> byKey = new LinkedHashMap<>();
        for (History.Operation o : ops) {
            Object key = keyed ? ((List<?>) o.invoke().value()).getFirst() : null;
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
        }
        List<Object> failures = new ArrayList<>();
        List<Object> unknownKeys = new ArrayList<>();
        List<Object> malformed = new ArrayList<>();
        long okOps = 0;
        for (var group : byKey.entrySet()) {
            List<Linearizability.Entry> entries = new ArrayList<>();
            for (History.Operation o : group.getValue()) {
                if (o.outcome() == Op.Type.FAIL || (o.outcome() != Op.Type.OK && o.f() == READ)) {
                    continue;
                }
                Object v = o.value();
                if (keyed) {
                    if (!(v instanceof List<?> kv) || kv.size() != 2) {
                        malformed.add(o.completion().orElse(o.invoke()).toEdn());
                        continue;
                    }
                    v = kv.get(1);
                }
                RegisterOp rop;
                if (o.f() == CAS) {
                    if (!(v instanceof List<?> pair) || pair.size() != 2) {
                        malformed.add(o.invoke().toEdn());
                        continue;
                    }
                    rop = new RegisterOp(CAS, pair.get(0), pair.get(1));
                } else {
                    rop = new RegisterOp(o.f(), v, null);
                }
                if (o.ok()) {
                    okOps++;
                }
                long ret = o.outcome() == Op.Type.OK ? o.completion().orElseThrow().index() : Long.MAX_VALUE;
                entries.add(new Linearizability.Entry(o, rop, o.invoke().index(), ret));
            }
            entries = withoutUnobservedIndeterminate(entries);
            var outcome = new Linearizability<Register>(MODEL, budget).check(entries, new Register(null));
            if (outcome.linearizable().isEmpty()) {
                unknownKeys.add(group.getKey());
            } else if (!outcome.linearizable().get()) {
                failures.add(report(group.getKey(), outcome));
            }
        }
        Map<Keyword, Object> details = new LinkedHashMap<>();
        details.put(Result.k("key-count"), byKey.size());
        details.put(Result.k("ok-count"), okOps);
        Result.Validity validity;
        if (!failures.isEmpty() || !malformed.isEmpty()) {
            validity = Result.Validity.INVALID;
            details.put(Result.k("failures"), failures);
            if (!malformed.isEmpty()) {
                details.put(Result.k("malformed"), malformed);
            }
        } else if (!unknownKeys.isEmpty() || okOps == 0) {
            validity = Result.Validity.UNKNOWN;
            details.put(Result.k("error"), okOps == 0
                    ? "no operation succeeded, so nothing was observed"
                    : "search budget of " + budget + " configurations ran out");
        } else {
            validity = Result.Validity.VALID;
        }
        if (!unknownKeys.isEmpty()) {
            details.put(Result.k("unknown-keys"), unknownKeys);
        }
        return Result.of(validity, details);
    }

    /**
     * Drops indeterminate writes and cas whose written value nothing ever observes (no successful
     * read returns it, no successful cas expects it, no kept indeterminate cas expects it). Sound:
     * in any linearization where such an op took effect, the register then held a value nobody saw
     * until the next write, so taking the op out leaves every observation explained; and "it never
     * took effect" is always allowed for an indeterminate op. This is what keeps the search
     * tractable after a crash leaves many writes indeterminate, since each pending one doubles the
     * configurations to explore.
     */
    static List<Linearizability.Entry> withoutUnobservedIndeterminate(List<Linearizability.Entry> entries) {
        java.util.Set<Object> observed = new java.util.HashSet<>();
        for (Linearizability.Entry e : entries) {
            RegisterOp op = (RegisterOp) e.op();
            if (!e.indeterminate() && (op.f() == READ || op.f() == CAS)) {
                observed.add(new Register(op.a()));
            }
        }
        List<Linearizability.Entry> kept = new ArrayList<>();
        java.util.Set<Linearizability.Entry> pending = new java.util.LinkedHashSet<>();
        for (Linearizability.Entry e : entries) {
            if (e.indeterminate()) {
                pending.add(e);
            } else {
                kept.add(e);
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Linearizability.Entry e = it.next();
                RegisterOp op = (RegisterOp) e.op();
                Object written = op.f() == CAS ? op.b() : op.a();
                if (observed.contains(new Register(written))) {
                    it.remove();
                    kept.add(e);
                    if (op.f() == CAS && observed.add(new Register(op.a()))) {
                        grew = true;
                    }
                }
            }
        }
        return kept;
    }

    private static Map<Keyword, Object> report(Object key, Linearizability.Outcome outcome) {
        Map<Keyword, Object> m = new LinkedHashMap<>();
        m.put(Result.k("key"), key);
        outcome.blocked().ifPresent(b -> {
            History.Operation o = (History.Operation) b.id();
            m.put(Result.k("op"), o.completion().orElse(o.invoke()).toEdn());
            m.put(Result.k("model"), Edn.write(((Register) outcome.stateBefore()).value()));
            m.put(Result.k("explanation"), "no linearization lets " + b.op() + " complete at index "
                    + b.ret() + ": the deepest linearization found leaves the register at "
                    + Edn.write(((Register) outcome.stateBefore()).value()));
        });
        List<Object> prefix = outcome.prefix().stream()
                .skip(Math.max(0, outcome.prefix().size() - 10))
                .map(e -> (Object) (e.op().toString() + " (invoked at index " + e.call() + ")"))
                .toList();
        m.put(Result.k("last-linearized"), prefix);
        return m;
    }
}
