package io.mynode.jepsen.report;

import io.mynode.jepsen.history.Edn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes {@code results.edn}: the verdict map, one top-level key per line so a diff reads well. */
public final class Results {
    private Results() {}

    /** The EDN text of {@code results}, top-level keys on their own lines. */
    public static String format(Map<?, ?> results) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (var e : results.entrySet()) {
            out.append(first ? "" : ",\n ");
            first = false;
            Edn.write(e.getKey(), out);
            out.append(' ');
            Edn.write(e.getValue(), out);
        }
        return out.append("}\n").toString();
    }

    /** Writes {@code results} to {@code file}, replacing it. */
    public static void write(Path file, Map<?, ?> results) {
        try {
            Files.writeString(file, format(results), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing results " + file, e);
        }
    }
}
