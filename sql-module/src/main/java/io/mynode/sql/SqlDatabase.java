package io.mynode.sql;

import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.txn.Transaction;
import io.mynode.kernel.txn.TransactionEngine;
import io.mynode.sql.store.Catalog;
import io.mynode.sql.store.StatementBuffer;
import io.mynode.sql.store.Table;
import java.util.List;
import java.util.Optional;

/**
 * The SQL engine over one {@link TransactionEngine}. It holds no state of its own beyond its
 * configuration: schemas live in the key-value store, so every node of a cluster sees the same
 * catalog at the same version. Thread-safe; each {@link Session} belongs to one client.
 */
public final class SqlDatabase implements SqlEngine {
    /** Default of {@code sql.retries} ({@link SqlFrontend}): retries of an implicit transaction after a conflict. */
    public static final int DEFAULT_RETRIES = 16;

    private final TransactionEngine transactions;
    private final int retries;

    public SqlDatabase(TransactionEngine transactions, int retries) {
        this.transactions = transactions;
        this.retries = retries;
    }

    @Override
    public Session session() {
        return new SqlSession(transactions, retries);
    }

    @Override
    public List<String> tables() {
        try (Transaction txn = transactions.beginReadOnly()) {
            return new Catalog(new StatementBuffer(txn)).tables().stream().map(Table::name).toList();
        }
    }

    @Override
    public Optional<String> tableDefinition(String table) {
        try (Transaction txn = transactions.beginReadOnly()) {
            return new Catalog(new StatementBuffer(txn)).table(table).map(Table::definition);
        }
    }
}
