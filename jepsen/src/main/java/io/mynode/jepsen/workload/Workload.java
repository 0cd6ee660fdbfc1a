package io.mynode.jepsen.workload;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.jepsen.checker.Checker;
import io.mynode.jepsen.history.Keyword;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import java.util.List;
import java.util.Random;

/**
 * One kind of test: its schema, the operations clients invoke, how each runs as SQL, and the
 * checker that judges the history. Implementations are thread-safe: every client thread asks the
 * same workload for its next operation.
 *
 * <p>{@link #apply} runs one operation on a session and returns what was observed; it throws the
 * kernel's errors unchanged, and the runner decides what they mean ({@code :fail} when the
 * operation certainly did not happen, {@code :info} when it may have). It leaves the session
 * outside any transaction, rolling back on error where it can.
 */
public sealed interface Workload permits RegisterWorkload, BankWorkload, AppendWorkload, SetWorkload {

    /** An operation to invoke: Jepsen's {@code :f} and {@code :value}. */
    record Invocation(Keyword f, Object value) {}

    /** The workload's name on the command line. */
    String name();

    /**
     * Creates tables and initial rows. Called before any client starts, and again after an error
     * (the first attempt may have half-happened), so it checks what exists first.
     */
    void setup(SqlEngine engine);

    /** The next operation for {@code process}; {@code random} is that client's own seeded source. */
    Invocation next(long process, Random random);

    /**
     * What running an operation showed, short of an error: it happened (with the value observed),
     * or it certainly did not for a reason of the workload's own (a cas whose old value did not
     * match, a transfer that would overdraw).
     */
    sealed interface Outcome {
        record Ok(Object value) implements Outcome {}

        record Fail(String reason) implements Outcome {}
    }

    /** Runs {@code op}; kernel errors propagate for the runner to classify. */
    Outcome apply(Session session, Invocation op);

    /** Whether {@code f} only reads: an indeterminate read changed nothing, so it can be {@code :fail}. */
    boolean readOnly(Keyword f);

    /** Operations to run once faults are healed (a final read), each retried until it succeeds. */
    List<Invocation> finalOps();

    /** The checker for this workload's histories. */
    Checker checker();

    /** The workload named {@code name}, with defaults; an unknown name is an error listing the names. */
    static Workload named(String name) {
        return switch (name) {
            case "register" -> new RegisterWorkload();
            case "bank" -> new BankWorkload(BankWorkload.DEFAULT_ACCOUNTS, BankWorkload.DEFAULT_TOTAL);
            case "append" -> new AppendWorkload();
            case "set" -> new SetWorkload();
            default -> throw new InvalidInputException(
                    "unknown workload '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** The workload names, in the order the test matrix runs them. */
    List<String> NAMES = List.of("register", "bank", "append", "set");
}
