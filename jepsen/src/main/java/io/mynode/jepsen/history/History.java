package io.mynode.jepsen.history;

import io.mynode.kernel.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A history: every invocation and completion of a test, in the order they happened. Immutable.
 *
 * <p>It is well formed, or it does not exist: each process has at most one operation in flight,
 * every completion follows an invocation of the same process and {@code :f}, and indices run 0, 1,
 * 2... The nemesis is exempt from pairing rules (Jepsen logs its start and stop as {@code :info}).
 * An invocation without a completion (the test ended first) counts as {@code :info}.
 *
 * <p>On disk it is Jepsen's {@code history.edn}: one op map per line, which Knossos and Elle read.
 */
public final class History {
    private final List<Op> ops;
    private final List<Operation> operations;

    /**
     * A client operation as a checker sees it: the invocation and how it ended.
     *
     * @param invoke the {@code :invoke} op
     * @param completion its {@code :ok}, {@code :fail} or {@code :info}; empty if the history ended first
     */
    public record Operation(Op invoke, Optional<Op> completion) {
        /** The completion's type, {@code :info} when there is none. */
        public Op.Type outcome() {
            return completion.map(Op::type).orElse(Op.Type.INFO);
        }

        /** The completion's value when it has one, else the invocation's. */
        public Object value() {
            return completion.filter(c -> c.type() == Op.Type.OK).map(Op::value).orElse(invoke.value());
        }

        public boolean ok() {
            return outcome() == Op.Type.OK;
        }

        public Keyword f() {
            return invoke.f();
        }

        /** History index of the completion, or {@code Long.MAX_VALUE} when it never completed. */
        public long completionIndex() {
            return completion.map(Op::index).orElse(Long.MAX_VALUE);
        }

        /** Nanoseconds between invocation and completion; empty when it never completed. */
        public Optional<Long> latencyNanos() {
            return completion.map(c -> c.time() - invoke.time());
        }
    }

    private History(List<Op> ops) {
        this.ops = List.copyOf(ops);
        this.operations = Collections.unmodifiableList(pair(this.ops));
    }

    /** A history of {@code ops} in order; their indices are rewritten to their positions. */
    public static History of(List<Op> ops) {
        List<Op> indexed = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            indexed.add(ops.get(i).withIndex(i));
        }
        return new History(indexed);
    }

    /** Every op, in order. */
    public List<Op> ops() {
        return ops;
    }

    /** Client operations (nemesis excluded), in invocation order. */
    public List<Operation> operations() {
        return operations;
    }

    /** Client operations whose {@code :f} is {@code f}. */
    public List<Operation> operations(Keyword f) {
        return operations.stream().filter(o -> o.f() == f).toList();
    }

    public List<Op> filter(Predicate<Op> keep) {
        return ops.stream().filter(keep).toList();
    }

    public int size() {
        return ops.size();
    }

    private static List<Operation> pair(List<Op> ops) {
        Map<Long, Integer> open = new HashMap<>();
        List<Op> invokes = new ArrayList<>();
        List<Op> completions = new ArrayList<>();
        for (Op op : ops) {
            if (op.isNemesis()) {
                continue;
            }
            if (op.isInvoke()) {
                if (open.containsKey(op.process())) {
                    throw new InvalidInputException("history index " + op.index() + ": process " + op.process()
                            + " invoked while its op at index " + invokes.get(open.get(op.process())).index()
                            + " was still in flight");
                }
                open.put(op.process(), invokes.size());
                invokes.add(op);
                completions.add(null);
            } else {
                Integer at = open.remove(op.process());
                if (at == null) {
                    throw new InvalidInputException("history index " + op.index() + ": process " + op.process()
                            + " completed an op it never invoked");
                }
                if (invokes.get(at).f() != op.f()) {
                    throw new InvalidInputException("history index " + op.index() + ": completion " + op.f()
                            + " does not match invocation " + invokes.get(at).f());
                }
                completions.set(at, op);
            }
        }
        List<Operation> out = new ArrayList<>(invokes.size());
        for (int i = 0; i < invokes.size(); i++) {
            out.add(new Operation(invokes.get(i), Optional.ofNullable(completions.get(i))));
        }
        return out;
    }

    /** Writes Jepsen's {@code history.edn}: one op per line. */
    public void write(Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (Op op : ops) {
                line.setLength(0);
                Edn.write(op.toEdn(), line);
                w.write(line.toString());
                w.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing history " + file, e);
        }
    }

    /**
     * Reads a history file: op maps one after another, or one vector of op maps (both forms are in
     * use). Fails with {@link InvalidInputException} naming the entry if the file is not a well-formed
     * history.
     */
    public static History read(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Object> forms = Edn.readAll(r);
            if (forms.size() == 1 && forms.getFirst() instanceof List<?> all) {
                forms = new ArrayList<>(all);
            }
            List<Op> ops = new ArrayList<>(forms.size());
            for (int i = 0; i < forms.size(); i++) {
                ops.add(Op.fromEdn(forms.get(i), i));
            }
            return new History(renumberIfNeeded(ops));
        } catch (IOException e) {
            throw new UncheckedIOException("reading history " + file, e);
        }
    }

    /** Parses a history from EDN text (tests and hand-written histories). */
    public static History parse(String edn) {
        List<Object> forms = Edn.readAll(new java.io.StringReader(edn));
        if (forms.size() == 1 && forms.getFirst() instanceof List<?> all) {
            forms = new ArrayList<>(all);
        }
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            ops.add(Op.fromEdn(forms.get(i), i));
        }
        return new History(renumberIfNeeded(ops));
    }

    /** Keeps the file's indices when they are 0..n-1 in order (so reports cite them); else renumbers. */
    private static List<Op> renumberIfNeeded(List<Op> ops) {
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).index() != i) {
                List<Op> out = new ArrayList<>(ops.size());
                for (int j = 0; j < ops.size(); j++) {
                    out.add(ops.get(j).withIndex(j));
                }
                return out;
            }
        }
        return ops;
    }
}
