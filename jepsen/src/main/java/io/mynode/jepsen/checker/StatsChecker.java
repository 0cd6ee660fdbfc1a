package io.mynode.jepsen.checker;

import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Keyword;
import io.mynode.jepsen.history.Op;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts operations by function and outcome, as Jepsen's {@code stats} checker does. It is
 * informational: always valid, because a run where faults made every write fail is not a safety
 * violation (the workload checkers turn "nothing succeeded" into {@code :unknown}).
 */
public record StatsChecker() implements Checker {
    @Override
    public Result check(History history) {
        Map<Keyword, long[]> byF = new TreeMap<>();
        long[] all = new long[3];
        for (History.Operation o : history.operations()) {
            long[] c = byF.computeIfAbsent(o.f(), f -> new long[3]);
            int slot = switch (o.outcome()) {
                case OK -> 0;
                case FAIL -> 1;
                case INFO, INVOKE -> 2;
            };
            c[slot]++;
            all[slot]++;
        }
        Map<Keyword, Object> details = counts(all);
        Map<Keyword, Object> perF = new LinkedHashMap<>();
        byF.forEach((f, c) -> perF.put(f, counts(c)));
        details.put(Result.k("by-f"), perF);
        details.put(Result.k("nemesis-count"), history.filter(Op::isNemesis).size());
        return Result.of(Result.Validity.VALID, details);
    }

    private static Map<Keyword, Object> counts(long[] c) {
        Map<Keyword, Object> m = new LinkedHashMap<>();
        m.put(Result.k("count"), c[0] + c[1] + c[2]);
        m.put(Result.k("ok-count"), c[0]);
        m.put(Result.k("fail-count"), c[1]);
        m.put(Result.k("info-count"), c[2]);
        return m;
    }
}
