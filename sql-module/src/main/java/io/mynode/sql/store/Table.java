package io.mynode.sql.store;

import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.parse.Lexer;
import io.mynode.sql.types.Operators;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A table's schema: its columns in order, which of them form the primary key, its indexes and
 * foreign keys. Immutable; DDL stores a new version in the {@link Catalog}.
 *
 * <p>A table created without a primary key gets a hidden one: an INTEGER column named
 * {@code rowid} (or {@code rowid_1}, ... if taken) that {@code SELECT *} does not show and every
 * insert fills with a {@link UniqueIds unique id}, as SQLite and CockroachDB do.
 *
 * @param key what the table's rows and index entries are stored under ({@link KeyEncoding}): a
 *     unique id, or for a table of the first catalog format its original name, so that neither a
 *     rename nor a truncation has to move a row
 * @param primaryKey positions of the primary key columns, in key order
 * @param nextSlot the slot the next added column gets (see {@link Column#slot()})
 */
public record Table(String database, String name, Value key, List<Column> columns, List<Integer> primaryKey,
        List<Index> indexes, List<ForeignKey> foreignKeys, int nextSlot) {

    public Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /** The position of {@code column}, or empty. */
    public Optional<Integer> find(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The position of {@code column}, or a {@link SemanticException}. */
    public int position(String column) {
        return find(column).orElseThrow(() -> new SemanticException(SqlState.UNDEFINED_COLUMN, "unknown column " + column + " in table " + name));
    }

    /** The positions of {@code names}, in order. */
    public List<Integer> positions(List<String> names) {
        return names.stream().map(this::position).toList();
    }

    public Column column(String column) {
        return columns.get(position(column));
    }

    /** The primary key's columns, in key order. */
    public List<Column> primaryKeyColumns() {
        return primaryKey.stream().map(columns::get).toList();
    }

    /** The names of the primary key's columns, in key order. */
    public List<String> primaryKeyNames() {
        return primaryKey.stream().map(i -> columns.get(i).name()).toList();
    }

    /** Whether the primary key is a generated, hidden row id. */
    public boolean hiddenKey() {
        return primaryKey.size() == 1 && columns.get(primaryKey.getFirst()).hidden();
    }

    /** The values of the primary key in a full row of this table. */
    public List<Value> keyOf(List<Value> row) {
        if (primaryKey.size() == 1) {
            return List.of(row.get(primaryKey.getFirst()));
        }
        Value[] out = new Value[primaryKey.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = row.get(primaryKey.get(i));
        }
        return List.of(out);
    }

    /** The indexes whose first columns are {@code prefix}, unique ones first, then the shorter. */
    public List<Index> indexesOn(List<String> prefix) {
        List<Index> out = new ArrayList<>();
        for (Index i : indexes) {
            if (i.startsWith(prefix)) {
                out.add(i);
            }
        }
        out.sort((a, b) -> a.unique() != b.unique() ? Boolean.compare(b.unique(), a.unique())
                : Integer.compare(a.columns().size(), b.columns().size()));
        return out;
    }

    public Optional<Index> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    public Optional<ForeignKey> foreignKey(String keyName) {
        return foreignKeys.stream().filter(f -> f.name().equals(keyName)).findFirst();
    }

    public Table withIndexes(List<Index> newIndexes) {
        return new Table(database, name, key, columns, primaryKey, newIndexes, foreignKeys, nextSlot);
    }

    public Table withForeignKeys(List<ForeignKey> newKeys) {
        return new Table(database, name, key, columns, primaryKey, indexes, newKeys, nextSlot);
    }

    public Table withColumns(List<Column> newColumns, List<Integer> newPrimaryKey, int newNextSlot) {
        return new Table(database, name, key, newColumns, newPrimaryKey, indexes, foreignKeys, newNextSlot);
    }

    public Table withName(String newName) {
        return new Table(database, newName, key, columns, primaryKey, indexes, foreignKeys, nextSlot);
    }

    public Table withKey(Value newKey) {
        return new Table(database, name, newKey, columns, primaryKey, indexes, foreignKeys, nextSlot);
    }

    /**
     * The statements that recreate this schema: the {@code CREATE TABLE}, with column options
     * where a constraint has the name that option gives it and table constraints otherwise, then a
     * {@code CREATE INDEX} per other index. The hidden row id is left out: recreating the table
     * without a primary key creates it again.
     */
    public String definition() {
        List<String> lines = new ArrayList<>();
        boolean compositeKey = primaryKey.size() > 1;
        List<Index> printed = new ArrayList<>();
        List<ForeignKey> inline = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c.hidden()) {
                continue;
            }
            StringBuilder sb = new StringBuilder("  ").append(Lexer.quote(c.name())).append(' ').append(c.type().sql());
            if (!compositeKey && primaryKey.contains(i)) {
                sb.append(" PRIMARY KEY");
            } else {
                sb.append(c.nullable() ? " NULL" : " NOT NULL");
            }
            c.defaultValue().ifPresent(v -> sb.append(" DEFAULT ").append(Operators.literal(v)));
            for (Index idx : indexes) {
                if (idx.columns().equals(List.of(c.name())) && idx.origin() == Index.Origin.UNIQUE_CONSTRAINT
                        && idx.name().equals(implicitName(c.name(), "key"))) {
                    sb.append(" UNIQUE");
                    printed.add(idx);
                } else if (idx.columns().equals(List.of(c.name())) && idx.origin() == Index.Origin.COLUMN_OPTION
                        && idx.name().equals(implicitName(c.name(), "idx"))) {
                    sb.append(" INDEX");
                    printed.add(idx);
                }
            }
            for (ForeignKey fk : foreignKeys) {
                if (fk.columns().equals(List.of(c.name())) && fk.name().equals(implicitName(c.name(), "fkey"))
                        && fk.parentDatabase().equals(database)) {
                    sb.append(" REFERENCES ").append(Lexer.quote(fk.parentTable()));
                    inline.add(fk);
                }
            }
            lines.add(sb.toString());
        }
        if (compositeKey) {
            lines.add("  PRIMARY KEY (" + names(primaryKeyNames()) + ")");
        }
        for (Index idx : indexes) {
            if (idx.origin() == Index.Origin.UNIQUE_CONSTRAINT && !printed.contains(idx)) {
                lines.add("  CONSTRAINT " + Lexer.quote(idx.name()) + " UNIQUE (" + names(idx.columns()) + ")");
                printed.add(idx);
            }
        }
        for (ForeignKey fk : foreignKeys) {
            if (!inline.contains(fk)) {
                lines.add("  CONSTRAINT " + Lexer.quote(fk.name()) + " FOREIGN KEY (" + names(fk.columns())
                        + ") REFERENCES " + (fk.parentDatabase().equals(database) ? "" : Lexer.quote(fk.parentDatabase()) + ".")
                        + Lexer.quote(fk.parentTable()));
            }
        }
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(Lexer.quote(name)).append(" (\n")
                .append(String.join(",\n", lines)).append("\n)");
        for (Index idx : indexes) {
            boolean madeByKey = idx.origin() == Index.Origin.FOREIGN_KEY;
            if (!printed.contains(idx) && !madeByKey) {
                sb.append(";\nCREATE ").append(idx.unique() ? "UNIQUE " : "").append("INDEX ").append(Lexer.quote(idx.name()))
                        .append(" ON ").append(Lexer.quote(name)).append(" (").append(names(idx.columns())).append(")");
            }
        }
        return sb.toString();
    }

    private static String names(List<String> names) {
        return names.stream().map(Lexer::quote).collect(Collectors.joining(", "));
    }

    /** The name of a constraint or index a column option creates: {@code <table>_<column>_<suffix>}. */
    public String implicitName(String column, String suffix) {
        return name + "_" + column + "_" + suffix;
    }
}
