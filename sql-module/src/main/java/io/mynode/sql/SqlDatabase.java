package io.mynode.sql;

import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.TableSchema;
import io.mynode.kernel.txn.Transaction;
import io.mynode.kernel.txn.TransactionEngine;
import io.mynode.sql.store.Catalog;
import io.mynode.sql.store.StatementBuffer;
import io.mynode.sql.store.Column;
import io.mynode.sql.store.ForeignKey;
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
     * <p>The tables of the default database. The primary key shows as a unique index named
     * {@code <table>_pkey}, as PostgreSQL shows it: rows are stored in its order and it enforces
     * uniqueness, which is what a schema browser asks of an index. A hidden row id is left out,
     * and its table shows no primary key, as PostgreSQL shows a table without one.
     */
    @Override
    public List<TableSchema> schemas() {
        try (Transaction txn = transactions.beginReadOnly()) {
            Catalog catalog = new Catalog(new StatementBuffer(txn));
            List<TableSchema> out = new ArrayList<>();
            for (Table t : catalog.tables(Catalog.DEFAULT_DATABASE)) {
                out.add(schema(catalog, t));
            }
            return out;
        }
    }

    private static TableSchema schema(Catalog catalog, Table t) {
        List<TableSchema.ColumnSchema> columns = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            Column c = t.columns().get(i);
            if (!c.hidden()) {
                columns.add(new TableSchema.ColumnSchema(c.name(), c.type().sqlType(),
                        c.nullable() && !t.primaryKey().contains(i), c.defaultValue().map(Operators::literal)));
            }
        }
        List<TableSchema.ForeignKey> foreignKeys = new ArrayList<>();
        for (ForeignKey fk : t.foreignKeys()) {
            List<String> parentKey = catalog.table(fk.parentDatabase(), fk.parentTable()).map(Table::primaryKeyNames)
                    .orElse(fk.columns());
            foreignKeys.add(new TableSchema.ForeignKey(fk.name(), fk.columns(), fk.parentTable(), parentKey));
        }
        List<String> key = t.hiddenKey() ? List.of() : t.primaryKeyNames();
        List<TableSchema.IndexSchema> indexes = new ArrayList<>();
        if (!key.isEmpty()) {
            indexes.add(new TableSchema.IndexSchema(t.name() + "_pkey", key, true));
        }
        for (Index i : t.indexes()) {
            indexes.add(new TableSchema.IndexSchema(i.name(), i.columns(), i.unique()));
        }
        return new TableSchema(t.name(), columns, key, indexes, foreignKeys);
    }
}
