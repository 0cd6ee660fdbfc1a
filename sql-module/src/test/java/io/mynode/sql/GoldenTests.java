package io.mynode.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the golden scripts under {@code src/test/resources/golden}: each file is a scenario with a
 * comment saying what it checks, then statements and the exact output expected of each, run in
 * one session over a fresh database. With {@code -Dgolden.update=true} the runner rewrites the
 * expectations instead of checking them, and a reviewer reads the diff.
 *
 * <pre>
 *   # What this scenario checks.
 *   &gt; SELECT 1 + 2, 'a' || 'b'
 *   3|ab
 *   &gt; SELECT 'a' + 1
 *   Error: cannot apply + to STRING and INTEGER
 * </pre>
 *
 * A statement is a line starting with {@code > }, continued by lines starting with {@code >> }.
 * A statement that starts with {@code @name } runs in the session called {@code name} (opened
 * on first use), so that scripts can interleave concurrent transactions.
 * Its output runs to the next blank line, comment or statement: query rows as {@code a|b|c}
 * (preceded by the column names when {@code !headers on} was given), the message of any other
 * result, or {@code Error: } and the message of a failure.
 */
class GoldenTests {
    static final Path ROOT = Path.of("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> goldenScripts() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            files = walk.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertTrue(files.size() > 0, "no golden scripts under " + ROOT.toAbsolutePath());
        return files.stream().map(f -> DynamicTest.dynamicTest(ROOT.relativize(f).toString(), () -> check(f)));
    }

    private static void check(Path file) {
        try {
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            String actual;
            try (TestDatabase db = TestDatabase.open()) {
                actual = run(expected, db.engine());
            }
            if (UPDATE) {
                if (!actual.equals(expected)) {
                    Files.writeString(file, actual, StandardCharsets.UTF_8);
                }
            } else {
                assertEquals(expected, actual, "golden output of " + file + " (rerun with -Dgolden.update=true to accept)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the statements of every script, the "cases". */
    static int countCases() throws IOException {
        int n = 0;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".sql")).toList()) {
                n += (int) Files.readAllLines(p).stream().filter(l -> l.startsWith("> ")).count();
            }
        }
        return n;
    }

    /** Replays a script's statements and returns the script with their actual outputs. */
    static String run(String script, SqlEngine engine) {
        List<String> lines = script.lines().toList();
        StringBuilder out = new StringBuilder();
        boolean headers = false;
        java.util.Map<String, Session> sessions = new java.util.TreeMap<>();
        try {
            int i = 0;
            while (i < lines.size()) {
                String line = lines.get(i);
                if (!line.startsWith("> ")) {
                    out.append(line).append('\n');
                    i++;
                    continue;
                }
                List<String> statement = new ArrayList<>();
                statement.add(line.substring(2));
                out.append(line).append('\n');
                i++;
                while (i < lines.size() && lines.get(i).startsWith(">> ")) {
                    statement.add(lines.get(i).substring(3));
                    out.append(lines.get(i)).append('\n');
                    i++;
                }
                // Skip the old expected output.
                while (i < lines.size() && !lines.get(i).isEmpty() && !lines.get(i).startsWith("#")
                        && !lines.get(i).startsWith("> ")) {
                    i++;
                }
                String sql = String.join("\n", statement);
                if (sql.startsWith("!headers")) {
                    headers = sql.endsWith("on");
                    out.append("ok\n");
                    continue;
                }
                Session session;
                if (sql.startsWith("@")) {
                    int space = sql.indexOf(' ');
                    session = sessions.computeIfAbsent(sql.substring(1, space), k -> engine.session());
                    sql = sql.substring(space + 1);
                } else {
                    session = sessions.computeIfAbsent("", k -> engine.session());
                }
                for (String o : execute(session, sql, headers)) {
                    out.append(o).append('\n');
                }
            }
        } finally {
            sessions.values().forEach(Session::close);
        }
        return out.toString();
    }

    private static List<String> execute(Session session, String sql, boolean headers) {
        List<String> out = new ArrayList<>();
        try {
            StatementResult result = session.execute(sql);
            if (result instanceof StatementResult.Rows rows) {
                if (headers) {
                    out.add(rows.message());
                }
                try (var stream = rows.rows()) {
                    while (stream.hasNext()) {
                        out.add(stream.next().stream().map(Value::toString).collect(Collectors.joining("|")));
                    }
                }
            } else {
                out.addAll(result.message().lines().toList());
            }
        } catch (MynodeException e) {
            out.add("Error: " + e.getMessage());
        }
        return out;
    }
}
