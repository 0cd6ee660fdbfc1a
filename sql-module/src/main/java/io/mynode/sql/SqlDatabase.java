package io.mynode.sql;

import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.TableSchema;
import io.mynode.kernel.txn.Transaction;
import io.mynode.kernel.txn.TransactionEngine;
import io.mynode.sql.store.Catalog;
import io.mynode.sql.store.StatementBuffer;
import io.mynode.sql.store.Column;
import io.mynode.sql.store.Index;
import io.mynode.sql.store.Table;
import io.mynode.sql.types.Operators;
import java.util.ArrayList;
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
            return new Catalog(new StatementBuffer(txn)).tables(Catalog.DEFAULT_DATABASE).stream().map(Table::name)
                    .toList();
        }
    }

    @Override
    public Optional<String> tableDefinition(String table) {
        try (Transaction txn = transactions.beginReadOnly()) {
            return new Catalog(new StatementBuffer(txn)).table(Catalog.DEFAULT_DATABASE, table).map(Table::definition);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The primary key shows as a unique index named {@code <table>_pkey}, as PostgreSQL shows
     * it: rows are stored in its order and it enforces uniqueness, which is what a schema browser
     * asks of an index. A foreign key is named {@code <table>_<column>_fkey}.
     */
    @Override
    public List<TableSchema> schemas() {
        try (Transaction txn = transactions.beginReadOnly()) {
            Catalog catalog = new Catalog(new StatementBuffer(txn));
            List<TableSchema> out = new ArrayList<>();
            for (Table t : catalog.tables()) {
                out.add(schema(catalog, t));
            }
            return out;
        }
    }

    private static TableSchema schema(Catalog catalog, Table t) {
        List<TableSchema.ColumnSchema> columns = new ArrayList<>();
        List<TableSchema.ForeignKey> foreignKeys = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            Column c = t.columns().get(i);
            columns.add(new TableSchema.ColumnSchema(c.name(), c.type().sqlType(), c.nullable() && i != t.primaryKey(),
                    c.defaultValue().map(Operators::literal)));
            if (c.references().isPresent()) {
                String parent = c.references().get();
                String parentKey = catalog.table(parent).map(p -> p.primaryKeyColumn().name()).orElse(c.name());
                foreignKeys.add(new TableSchema.ForeignKey(t.name() + "_" + c.name() + "_fkey", List.of(c.name()), parent,
                        List.of(parentKey)));
            }
        }
        String key = t.primaryKeyColumn().name();
        List<TableSchema.IndexSchema> indexes = new ArrayList<>();
        indexes.add(new TableSchema.IndexSchema(t.name() + "_pkey", List.of(key), true));
        for (Index i : t.indexes()) {
            indexes.add(new TableSchema.IndexSchema(i.name(), List.of(i.column()), i.unique()));
        }
        return new TableSchema(t.name(), columns, List.of(key), indexes, foreignKeys);
    }
}
