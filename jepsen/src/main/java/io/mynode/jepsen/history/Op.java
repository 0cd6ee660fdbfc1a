package io.mynode.jepsen.history;

import io.mynode.kernel.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One event of a history, as Jepsen records it: a client (or the nemesis) invoking an operation,
 * or the operation completing.
 *
 * <pre>
 * {:index 0, :time 1200, :type :invoke, :process 3, :f :write, :value 4}
 * {:index 1, :time 5300, :type :ok,     :process 3, :f :write, :value 4}
 * </pre>
 *
 * @param index position in the history, from 0
 * @param type invoke, or how it completed
 * @param f the function: {@code :read}, {@code :write}, {@code :txn}, ...
 * @param value the argument on invoke, the result on completion (workload-specific EDN data)
 * @param process the logical process; {@link #NEMESIS} for the nemesis. A process whose operation
 *     ended {@code :info} never invokes again (Jepsen's rule): its thread goes on as a new process
 * @param time nanoseconds since the test began
 * @param error why the operation failed or is indeterminate; {@code null} when none
 */
public record Op(long index, Type type, Keyword f, Object value, long process, long time, String error) {

    /** The process number standing for {@code :nemesis}. */
    public static final long NEMESIS = -1;

    /** Jepsen's four op types. */
    public enum Type {
        /** The operation began. */
        INVOKE,
        /** It took effect, exactly once. */
        OK,
        /** It certainly did not take effect. */
        FAIL,
        /** Unknown: it may have taken effect, or may yet. */
        INFO;

        public Keyword keyword() {
            return Keyword.of(name().toLowerCase(java.util.Locale.ROOT));
        }

        static Type of(Object edn) {
            if (edn instanceof Keyword k) {
                for (Type t : values()) {
                    if (t.keyword() == k) {
                        return t;
                    }
                }
            }
            throw new InvalidInputException("op :type must be :invoke, :ok, :fail or :info, got " + Edn.write(edn));
        }
    }

    static final Keyword INDEX = Keyword.of("index");
    static final Keyword TIME = Keyword.of("time");
    static final Keyword TYPE = Keyword.of("type");
    static final Keyword PROCESS = Keyword.of("process");
    static final Keyword F = Keyword.of("f");
    static final Keyword VALUE = Keyword.of("value");
    static final Keyword ERROR = Keyword.of("error");
    static final Keyword NEMESIS_KEYWORD = Keyword.of("nemesis");

    public Op {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(f, "f");
    }

    /** An invocation; the index is assigned when the op joins a {@link History}. */
    public static Op invoke(long process, Keyword f, Object value, long time) {
        return new Op(-1, Type.INVOKE, f, value, process, time, null);
    }

    /** The completion of {@code this} invocation. */
    public Op complete(Type outcome, Object result, long time, String why) {
        return new Op(-1, outcome, f, result, process, time, why);
    }

    public Op withIndex(long i) {
        return new Op(i, type, f, value, process, time, error);
    }

    public Optional<String> errorMessage() {
        return Optional.ofNullable(error);
    }

    public boolean isNemesis() {
        return process == NEMESIS;
    }

    public boolean isInvoke() {
        return type == Type.INVOKE;
    }

    /** The EDN map Jepsen writes, keys in Jepsen's order. */
    public Map<Keyword, Object> toEdn() {
        Map<Keyword, Object> m = new LinkedHashMap<>();
        m.put(INDEX, index);
        m.put(TIME, time);
        m.put(TYPE, type.keyword());
        m.put(PROCESS, process == NEMESIS ? NEMESIS_KEYWORD : (Object) process);
        m.put(F, f);
        m.put(VALUE, value);
        if (error != null) {
            m.put(ERROR, error);
        }
        return m;
    }

    /**
     * Reads an op from a map as Jepsen, Knossos or Elle write it (a {@code #jepsen.history.Op{...}}
     * record tag is looked through). A missing {@code :index} is {@code position}; a missing
     * {@code :time} is 0; a non-numeric process other than {@code :nemesis} is an error.
     */
    public static Op fromEdn(Object edn, long position) {
        Object form = edn instanceof Tagged t ? t.value() : edn;
        if (!(form instanceof Map<?, ?> m)) {
            throw new InvalidInputException("history entry " + position + " is not a map: " + Edn.write(edn));
        }
        Type type = Type.of(m.get(TYPE));
        Object fv = m.get(F);
        Keyword f = switch (fv) {
            case Keyword k -> k;
            case String s -> Keyword.of(s);
            case Symbol s -> Keyword.of(s.name());
            case null, default -> throw new InvalidInputException(
                    "history entry " + position + " has no keyword :f: " + Edn.write(edn));
        };
        Object p = m.get(PROCESS);
        long process = switch (p) {
            case Long l -> l;
            case Keyword k when k == NEMESIS_KEYWORD -> NEMESIS;
            case null, default -> throw new InvalidInputException(
                    "history entry " + position + ": :process must be an integer or :nemesis, got " + Edn.write(p));
        };
        long index = m.get(INDEX) instanceof Long l ? l : position;
        long time = m.get(TIME) instanceof Long l ? l : 0;
        Object err = m.get(ERROR);
        String error = err == null ? null : err instanceof String s ? s : Edn.write(err);
        return new Op(index, type, f, m.get(VALUE), process, time, error);
    }

    @Override
    public String toString() {
        return Edn.write(toEdn());
    }
}
