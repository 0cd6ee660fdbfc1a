package io.mynode.txn;

import static io.mynode.txn.Fixture.b;
import static io.mynode.txn.Fixture.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.txn.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the isolation scripts under {@code src/test/resources/golden/}: one per anomaly of the
 * Hermitage set, each interleaving a few transactions by hand. A script is its own expectation:
 * comments, commands, and after each command its output on lines starting with {@code →}. The
 * runner re-executes the commands and compares the whole text; {@code -Dgolden.update=true}
 * rewrites the files instead, for a reviewer to read the diff.
 *
 * <pre>
 *   setup k=v ...                 commit the pairs in a transaction of its own
 *   T1 begin [readonly | asof N]  begin a named transaction
 *   T1 get k | put k v | delete k
 *   T1 scan [desc] [from..to]     a closed range; omitted means every key
 *   T1 commit | rollback
 * </pre>
 */
class GoldenTests {
    private static final Path SOURCE = Path.of("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> everyScriptPrintsItsExpectedOutput() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(SOURCE)) {
            scripts = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String engine : Fixture.engines()) {
            for (Path script : scripts) {
                tests.add(DynamicTest.dynamicTest(engine + ": " + script.getFileName(), () -> check(engine, script)));
            }
        }
        return tests.stream();
    }

    private static void check(String engine, Path script) throws IOException {
        String expected = Files.readString(script);
        String actual = run(engine, expected);
        if (UPDATE && engine.equals("memory")) {
            Files.writeString(script, actual);
        } else {
            assertEquals(expected, actual, "golden script " + script + " on " + engine);
        }
    }

    /** Executes the commands of {@code script}; returns the script with freshly produced outputs. */
    static String run(String engine, String script) {
        StringBuilder out = new StringBuilder();
        Map<String, Transaction> txns = new HashMap<>();
        try (Fixture f = Fixture.open(engine)) {
            for (String line : script.split("\n", -1)) {
                if (line.startsWith("→")) {
                    continue;
                }
                out.append(line).append('\n');
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String result;
                try {
                    result = execute(f, txns, trimmed.split("\\s+"));
                } catch (MynodeException | IllegalStateException e) {
                    result = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                out.append("→ ").append(result).append('\n');
            }
        }
        // split(-1) leaves one empty string after the final newline
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String execute(Fixture f, Map<String, Transaction> txns, String[] w) {
        if (w[0].equals("setup")) {
            long v = f.put(java.util.Arrays.copyOfRange(w, 1, w.length));
            return "committed at version " + v;
        }
        String name = w[0];
        if (w[1].equals("begin")) {
            Transaction t = w.length == 2 ? f.engine.begin()
                    : w[2].equals("readonly") ? f.engine.beginReadOnly()
                    : f.engine.beginAsOf(Long.parseLong(w[3]));
            txns.put(name, t);
            return "began transaction " + t.id() + " at version " + t.version() + (t.readOnly() ? ", read-only" : "");
        }
        Transaction t = txns.get(name);
        if (t == null) {
            throw new IllegalArgumentException("script uses " + name + " before it begins");
        }
        return switch (w[1]) {
            case "get" -> {
                Optional<byte[]> v = t.get(b(w[2]));
                yield v.map(x -> w[2] + "=" + s(x)).orElse(w[2] + " absent");
            }
            case "put" -> {
                t.put(b(w[2]), b(w[3]));
                yield "ok";
            }
            case "delete" -> {
                t.delete(b(w[2]));
                yield "ok";
            }
            case "scan" -> scan(t, w);
            case "commit" -> "committed at version " + t.commit();
            case "rollback" -> {
                t.rollback();
                yield "rolled back";
            }
            default -> throw new IllegalArgumentException("unknown command " + w[1]);
        };
    }

    private static String scan(Transaction t, String[] w) {
        Direction direction = Direction.ASCENDING;
        KeyRange range = KeyRange.all();
        for (int i = 2; i < w.length; i++) {
            if (w[i].equals("desc")) {
                direction = Direction.DESCENDING;
            } else {
                String[] ends = w[i].split("\\.\\.", 2);
                range = KeyRange.closed(b(ends[0]), b(ends[1]));
            }
        }
        List<String> seen = new ArrayList<>();
        try (Cursor c = t.scan(range, direction)) {
            while (c.hasNext()) {
                Entry e = c.next();
                seen.add(s(e.key()) + "=" + s(e.value()));
            }
        }
        return seen.isEmpty() ? "(nothing)" : String.join(" ", seen);
    }
}
