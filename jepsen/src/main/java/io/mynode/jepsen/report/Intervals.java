package io.mynode.jepsen.report;

import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * When faults were active, read from the nemesis's ops in a history: from the completion of a
 * {@code :start-*} op to the completion of the next {@code :stop-*} (or the end of the test).
 */
record Intervals(List<Interval> all) {

    /** One fault, in seconds since the test began. */
    record Interval(String fault, double start, double end) {}

    static Intervals of(History history) {
        List<Interval> out = new ArrayList<>();
        String open = null;
        double openAt = 0;
        double last = 0;
        for (Op op : history.ops()) {
            last = Math.max(last, op.time() / 1e9);
            if (!op.isNemesis() || op.isInvoke()) {
                continue;
            }
            String f = op.f().name();
            if (f.startsWith("start")) {
                open = f.substring("start".length()).replaceFirst("^-", "");
                openAt = op.time() / 1e9;
            } else if (f.startsWith("stop") && open != null) {
                out.add(new Interval(open, openAt, op.time() / 1e9));
                open = null;
            }
        }
        if (open != null) {
            out.add(new Interval(open, openAt, last));
        }
        return new Intervals(List.copyOf(out));
    }
}
