package io.mynode.jepsen.runner;

import io.mynode.jepsen.checker.Checker;
import io.mynode.jepsen.checker.Result;
import io.mynode.jepsen.checker.StatsChecker;
import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Keyword;
import io.mynode.jepsen.report.Plots;
import io.mynode.jepsen.report.Results;
import io.mynode.jepsen.report.Timeline;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Judges a history and writes the store directory's reports; shared by {@code test} (after a run)
 * and {@code check} (on an existing history). The verdict is the workload checker's; stats and
 * error counts ride along for the reader.
 */
public final class Analysis {
    private Analysis() {}

    /**
     * The results map Jepsen would write: {@code :valid?}, the workload checker's result under
     * {@code :workload}, {@code :stats}, the most common {@code :errors}, and {@code test} (the
     * options) when given.
     */
    public static Map<Keyword, Object> check(Checker checker, History history, Map<Keyword, Object> test) {
        Result workload = checker.check(history);
        Result stats = new StatsChecker().check(history);
        Map<Keyword, Object> results = new LinkedHashMap<>();
        results.put(Result.VALID_KEY, workload.validity().and(stats.validity()).edn());
        if (!test.isEmpty()) {
            results.put(Keyword.of("test"), test);
        }
        results.put(Keyword.of("workload"), workload.toEdn());
        results.put(Keyword.of("stats"), stats.toEdn());
        results.put(Keyword.of("errors"), errors(history));
        return results;
    }

    /** The verdict in {@code results}, back as a {@link Result.Validity}. */
    public static Result.Validity validity(Map<Keyword, Object> results) {
        Object v = results.get(Result.VALID_KEY);
        for (Result.Validity x : Result.Validity.values()) {
            if (x.edn().equals(v)) {
                return x;
            }
        }
        return Result.Validity.UNKNOWN;
    }

    /** Writes {@code results.edn}, the plots and the timeline into {@code dir}. */
    public static void writeReports(Path dir, History history, Map<Keyword, Object> results) {
        Results.write(dir.resolve("results.edn"), results);
        Plots.write(history, dir);
        Timeline.write(history, dir);
    }

    /** The ten most frequent error messages (numbers blanked so alike errors group), with counts. */
    static Map<String, Long> errors(History history) {
        Map<String, Long> counts = history.ops().stream()
                .filter(o -> o.error() != null && !o.isNemesis())
                .collect(Collectors.groupingBy(o -> o.error().replaceAll("\\d+", "N"), TreeMap::new,
                        Collectors.counting()));
        List<Map.Entry<String, Long>> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10).toList();
        Map<String, Long> out = new LinkedHashMap<>();
        top.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
