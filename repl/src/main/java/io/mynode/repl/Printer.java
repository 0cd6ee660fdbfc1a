package io.mynode.repl;

import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.transport.NodeStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders results as the REPL prints them: rows as {@code a|b|c} (values as {@link Value#toString}
 * spells them, so {@code NULL}, {@code TRUE}, {@code FALSE}), everything else as the result's
 * one-line {@link StatementResult#message()}. Rows are written as they stream in, so a large result
 * never sits in the client's memory.
 */
final class Printer {
    private final PrintWriter out;

    Printer(PrintWriter out) {
        this.out = out;
    }

    PrintWriter out() {
        return out;
    }

    /** Prints {@code result}, draining and closing its rows; the column line only if {@code headers}. */
    void result(StatementResult result, boolean headers) {
        switch (result) {
            case StatementResult.Rows rows -> {
                try (RowStream stream = rows.rows()) {
                    if (headers) {
                        out.println(rows.message());
                    }
                    while (stream.hasNext()) {
                        out.println(row(stream.next()));
                    }
                }
            }
            case StatementResult.RowsAffected affected -> out.println(affected.message());
            case StatementResult.SchemaChanged changed -> out.println(changed.message());
            case StatementResult.TransactionChanged changed -> out.println(changed.message());
            case StatementResult.Explain explain -> out.println(explain.message());
        }
        out.flush();
    }

    static String row(List<Value> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining("|"));
    }

    /**
     * {@code !status}: the answering node, the cluster as it sees it, and its storage. Match
     * indexes are known only to the leader: {@code match} says whose figures they are, or why
     * there are none ({@link LeaderStatus}).
     */
    void status(NodeStatus status, LeaderStatus.Match match) {
        ConsensusStatus c = status.consensus();
        StorageStatus s = status.storage();
        out.println("Node:     " + status.nodeId() + " (version " + status.version() + "), " + c.role());
        out.println("Leader:   " + c.leader().orElse("none known") + ", term " + c.term());
        out.println("Log:      commit index " + c.commitIndex() + ", applied index " + c.appliedIndex());
        out.println("Match:    " + switch (match) {
            case LeaderStatus.Match.Own own -> joined(own.matchIndex());
            case LeaderStatus.Match.FromLeader from ->
                    joined(from.matchIndex()) + " (as reported by leader " + from.leader() + ")";
            case LeaderStatus.Match.Unknown unknown -> "known only on the leader"
                    + unknown.leader().map(l -> " (" + l + ")").orElse("")
                    + (unknown.why().isEmpty() ? "" : "; " + unknown.why());
        });
        out.println("Storage:  " + s.engine() + ", " + s.keys() + " keys, " + s.diskBytes() + " bytes on disk");
        if (!s.details().isEmpty()) {
            out.println("          " + joined(s.details()));
        }
        out.flush();
    }

    private static String joined(Map<String, ?> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
