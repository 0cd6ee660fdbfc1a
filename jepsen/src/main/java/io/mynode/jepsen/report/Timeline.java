package io.mynode.jepsen.report;

import io.mynode.jepsen.history.Edn;
import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Op;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Jepsen's {@code timeline.html}: one column per process, time running down, each operation a box
 * from its invocation to its completion, coloured by outcome (ok green, fail red, info orange);
 * hovering shows the op. Nemesis faults are grey boxes in their own column. Plain HTML and CSS, no
 * script, so it opens anywhere. Only the first {@value #LIMIT} operations are drawn.
 */
public final class Timeline {
    static final int LIMIT = 20_000;
    private static final double PX_PER_MS = 0.5;
    private static final int COLUMN = 64;

    private Timeline() {}

    /** Writes {@code timeline.html} into {@code dir}. */
    public static void write(History history, Path dir) {
        try {
            Files.writeString(dir.resolve("timeline.html"), render(history), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing timeline in " + dir, e);
        }
    }

    static String render(History history) {
        List<Long> processes = history.operations().stream().map(o -> o.invoke().process()).distinct().sorted()
                .toList();
        long end = history.ops().isEmpty() ? 0 : history.ops().getLast().time();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>mynode jepsen timeline</title>\n")
                .append("<style>body{font-family:sans-serif;font-size:11px}")
                .append(".op{position:absolute;width:").append(COLUMN - 4)
                .append("px;overflow:hidden;border-radius:2px;opacity:.85;border:1px solid #fff;box-sizing:border-box}")
                .append(".ok{background:#2b8c3e}.fail{background:#d62728}.info{background:#ff9f1c}")
                .append(".nemesis{background:#bbb}.head{position:absolute;top:0;width:").append(COLUMN - 4)
                .append("px;font-weight:bold}</style></head><body>\n")
                .append("<h1>Timeline</h1><p>One column per process; time runs down (")
                .append(PX_PER_MS).append(" px per ms). Hover over an operation to see it.</p>\n")
                .append("<div style=\"position:relative;height:")
                .append((int) (end / 1e6 * PX_PER_MS) + 40).append("px\">\n");
        html.append(head(0, "nemesis"));
        for (int i = 0; i < processes.size(); i++) {
            html.append(head(i + 1, "p" + processes.get(i)));
        }
        Intervals.of(history).all().forEach(iv -> html.append(box(0, (long) (iv.start() * 1e9), (long) (iv.end() * 1e9),
                "nemesis", iv.fault() + " " + iv.start() + "s - " + iv.end() + "s", iv.fault())));
        int drawn = 0;
        for (History.Operation o : history.operations()) {
            if (drawn++ >= LIMIT) {
                break;
            }
            int column = processes.indexOf(o.invoke().process()) + 1;
            long stop = o.completion().map(Op::time).orElse(end);
            String type = o.outcome().name().toLowerCase(Locale.ROOT);
            String title = Edn.write(o.invoke().toEdn()) + "\n" + o.completion().map(c -> Edn.write(c.toEdn()))
                    .orElse("(never completed)");
            html.append(box(column, o.invoke().time(), stop, type, title, o.f().name()));
        }
        html.append("</div>\n");
        if (history.operations().size() > LIMIT) {
            html.append("<p>").append(history.operations().size() - LIMIT).append(" more operations not drawn.</p>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String head(int column, String text) {
        return "<div class=\"head\" style=\"left:" + column * COLUMN + "px\">" + escape(text) + "</div>\n";
    }

    private static String box(int column, long startNanos, long endNanos, String cls, String title, String label) {
        double top = 20 + startNanos / 1e6 * PX_PER_MS;
        double height = Math.max(2, (endNanos - startNanos) / 1e6 * PX_PER_MS);
        return String.format(Locale.ROOT,
                "<div class=\"op %s\" style=\"left:%dpx;top:%.1fpx;height:%.1fpx\" title=\"%s\">%s</div>%n",
                cls, column * COLUMN, top, height, escape(title), escape(label));
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
