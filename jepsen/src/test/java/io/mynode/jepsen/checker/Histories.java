package io.mynode.jepsen.checker;

import io.mynode.jepsen.history.History;

/** Hand-made histories for checker tests, written as a client would have seen them. */
final class Histories {
    private Histories() {}

    /**
     * A history from lines {@code "P TYPE F VALUE"}: {@code "0 invoke :write [:x 1]"}. Lines are
     * EDN fragments so tests read like Jepsen's own.
     */
    static History of(String... lines) {
        StringBuilder edn = new StringBuilder();
        long time = 0;
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+", 4);
            edn.append("{:type :").append(parts[1]).append(", :process ").append(parts[0])
                    .append(", :f ").append(parts[2]).append(", :value ").append(parts.length > 3 ? parts[3] : "nil")
                    .append(", :time ").append(time += 1000).append("}\n");
        }
        return History.parse(edn.toString());
    }

    /**
     * Transactions one after another, each invoked and completed before the next:
     * {@code "ok [[:append :x 1]]"} or {@code "fail [...]"}; process numbers count up.
     */
    static History serial(String f, String... txns) {
        String[] lines = new String[txns.length * 2];
        for (int i = 0; i < txns.length; i++) {
            String[] parts = txns[i].split("\\s+", 2);
            lines[2 * i] = i + " invoke " + f + " " + parts[1];
            lines[2 * i + 1] = i + " " + parts[0] + " " + f + " " + parts[1];
        }
        return of(lines);
    }
}
