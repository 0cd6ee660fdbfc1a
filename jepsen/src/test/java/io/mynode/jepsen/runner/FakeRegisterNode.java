package io.mynode.jepsen.runner;

import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import io.mynode.kernel.error.ConstraintViolation;
import io.mynode.kernel.error.SyntaxException;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory stand-in for a node that understands exactly the register workload's statements,
 * so the client loop, the workload's SQL and the checker can be tested together without
 * processes. It can be made wrong on purpose: {@code stale} serves reads one write behind.
 */
final class FakeRegisterNode implements Connection {
    private static final Pattern SELECT = Pattern.compile("SELECT val FROM register WHERE id = (\\d+)");
    private static final Pattern UPDATE = Pattern.compile(
            "UPDATE register SET val = (\\d+) WHERE id = (\\d+)(?: AND val = (\\d+))?");
    private static final Pattern INSERT = Pattern.compile("INSERT INTO register VALUES \\((\\d+), (\\d+)\\)");

    private final boolean stale;
    private final long hangMillis;
    private final Map<Long, List<Long>> versions = new HashMap<>();

    FakeRegisterNode(boolean stale, long hangMillis) {
        this.stale = stale;
        this.hangMillis = hangMillis;
    }

    private synchronized StatementResult execute(String sql) {
        Matcher m;
        if (sql.startsWith("CREATE TABLE")) {
            return new StatementResult.SchemaChanged("Created table register");
        } else if (sql.equals("BEGIN READ ONLY")) {
            // Statements here are atomic one by one; a read-only transaction of one SELECT is too.
            return new StatementResult.TransactionChanged(StatementResult.TransactionChanged.Action.BEGAN, 1, 1, true);
        } else if (sql.equals("COMMIT") || sql.equals("ROLLBACK")) {
            return new StatementResult.TransactionChanged(StatementResult.TransactionChanged.Action.COMMITTED, 1, 1,
                    true);
        } else if ((m = SELECT.matcher(sql)).matches()) {
            List<Long> vs = versions.get(Long.parseLong(m.group(1)));
            List<List<Value>> rows = new ArrayList<>();
            if (vs != null) {
                int at = stale && vs.size() > 1 ? vs.size() - 2 : vs.size() - 1;
                rows.add(List.of(Value.of(vs.get(at))));
            }
            return StatementResult.Rows.untyped(List.of("val"), RowStream.of(rows.iterator()));
        } else if ((m = UPDATE.matcher(sql)).matches()) {
            hang();
            List<Long> vs = versions.get(Long.parseLong(m.group(2)));
            if (vs == null || (m.group(3) != null && vs.getLast() != Long.parseLong(m.group(3)))) {
                return new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.UPDATED, 0);
            }
            vs.add(Long.parseLong(m.group(1)));
            return new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.UPDATED, 1);
        } else if ((m = INSERT.matcher(sql)).matches()) {
            long k = Long.parseLong(m.group(1));
            if (versions.containsKey(k)) {
                throw new ConstraintViolation("duplicate primary key " + k);
            }
            versions.put(k, new ArrayList<>(List.of(Long.parseLong(m.group(2)))));
            return new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.CREATED, 1);
        }
        throw new SyntaxException("the fake does not understand: " + sql);
    }

    private void hang() {
        if (hangMillis > 0) {
            try {
                Thread.sleep(hangMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Session session() {
        return new Session() {
            @Override
            public StatementResult execute(String sql) {
                return FakeRegisterNode.this.execute(sql);
            }

            @Override
            public Optional<TransactionInfo> transaction() {
                return Optional.empty();
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public List<String> tables() {
        return List.of();
    }

    @Override
    public Optional<String> tableDefinition(String table) {
        return Optional.empty();
    }

    @Override
    public NodeStatus status() {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public void close() {}
}
