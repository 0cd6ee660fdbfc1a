package io.mynode.jepsen.checker;

import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Keyword;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jepsen's set checker: clients add unique elements ({@code :add 17}); after the faults heal, a
 * final read returns the whole set ({@code :read #{...}}). Every add acknowledged before that read
 * began must be in it: one that is not is {@code :lost}, the classic sign of a lost write. An
 * element nobody tried to add is {@code :unexpected}; an element read twice is {@code :duplicated}.
 * An add that failed must not be present ({@code :failed-but-present}: a failure reported for a
 * write that happened). Indeterminate adds may or may not be present; those present are counted
 * {@code :recovered}.
 *
 * <p>The final read is the last successful read; a history with none is {@code :unknown}. Adds that
 * completed after the final read was invoked are concurrent with it and are not held against it.
 */
public record SetChecker() implements Checker {
    public static final Keyword ADD = Keyword.of("add");
    public static final Keyword READ = Keyword.of("read");

    @Override
    public Result check(History history) {
        Optional<History.Operation> finalRead = history.operations(READ).stream()
                .filter(History.Operation::ok)
                .reduce((a, b) -> b.completionIndex() > a.completionIndex() ? b : a);
        Map<Keyword, Object> details = new LinkedHashMap<>();
        List<History.Operation> adds = history.operations(ADD);
        details.put(Result.k("attempt-count"), adds.size());
        if (finalRead.isEmpty()) {
            details.put(Result.k("error"), "no read succeeded, so the set was never observed");
            return Result.of(Result.Validity.UNKNOWN, details);
        }
        long readAt = finalRead.get().invoke().index();
        if (!(finalRead.get().value() instanceof Collection<?> read)) {
            details.put(Result.k("error"), "final read is not a collection");
            details.put(Result.k("final-read"), finalRead.get().completion().orElseThrow().toEdn());
            return Result.of(Result.Validity.INVALID, details);
        }
        Map<Object, Integer> seen = new HashMap<>();
        for (Object e : read) {
            seen.merge(e, 1, Integer::sum);
        }
        Set<Object> attempted = new HashSet<>();
        List<Object> lost = new ArrayList<>();
        List<Object> recovered = new ArrayList<>();
        long acknowledged = 0;
        long okPresent = 0;
        for (History.Operation add : adds) {
            Object v = add.invoke().value();
            attempted.add(v);
            if (add.ok() && add.completionIndex() < readAt) {
                acknowledged++;
                if (seen.containsKey(v)) {
                    okPresent++;
                } else {
                    lost.add(v);
                }
            } else if (!add.ok() && seen.containsKey(v)
                    && add.outcome() != io.mynode.jepsen.history.Op.Type.FAIL) {
                recovered.add(v);
            }
        }
        List<Object> unexpected = new ArrayList<>();
        List<Object> failedButPresent = new ArrayList<>();
        for (Object e : seen.keySet()) {
            if (!attempted.contains(e)) {
                unexpected.add(e);
            }
        }
        for (History.Operation add : adds) {
            if (add.outcome() == io.mynode.jepsen.history.Op.Type.FAIL && seen.containsKey(add.invoke().value())) {
                failedButPresent.add(add.invoke().value());
            }
        }
        List<Object> duplicated = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        details.put(Result.k("acknowledged-count"), acknowledged);
        details.put(Result.k("ok-count"), okPresent);
        details.put(Result.k("read-count"), read.size());
        details.put(Result.k("lost-count"), lost.size());
        details.put(Result.k("lost"), sorted(lost));
        details.put(Result.k("unexpected-count"), unexpected.size());
        details.put(Result.k("unexpected"), sorted(unexpected));
        details.put(Result.k("recovered-count"), recovered.size());
        details.put(Result.k("failed-but-present"), sorted(failedButPresent));
        details.put(Result.k("duplicated"), sorted(duplicated));
        boolean ok = lost.isEmpty() && unexpected.isEmpty() && duplicated.isEmpty() && failedButPresent.isEmpty();
        return Result.of(ok ? Result.Validity.VALID : Result.Validity.INVALID, details);
    }

    /** Numbers in order for a readable report; anything else in first-seen order. */
    private static List<Object> sorted(List<Object> xs) {
        if (xs.stream().allMatch(x -> x instanceof Long)) {
            TreeSet<Long> s = new TreeSet<>();
            xs.forEach(x -> s.add((Long) x));
            return new ArrayList<>(s);
        }
        return xs;
    }
}
