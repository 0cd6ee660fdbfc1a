package io.mynode.sql.store;

import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.sql.parse.Lexer;
import io.mynode.sql.types.Operators;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table's schema: its columns in order, which one is the primary key, and its indexes.
 * Immutable; DDL stores a new version in the catalog.
 */
public record Table(String name, List<Column> columns, int primaryKey, List<Index> indexes) {

    public Table {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
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

    public Column primaryKeyColumn() {
        return columns.get(primaryKey);
    }

    /** The indexes on {@code column}, unique ones first. */
    public List<Index> indexesOn(String column) {
        List<Index> out = new ArrayList<>();
        for (Index i : indexes) {
            if (i.column().equals(column)) {
                out.add(i);
            }
        }
        out.sort((a, b) -> Boolean.compare(b.unique(), a.unique()));
        return out;
    }

    public Optional<Index> index(String name) {
        return indexes.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public Table withIndexes(List<Index> newIndexes) {
        return new Table(name, columns, primaryKey, newIndexes);
    }

    /**
     * The statements that recreate this schema: the {@code CREATE TABLE} (with the column
     * constraints that created implicit indexes), then a {@code CREATE INDEX} per explicit index.
     */
    public String definition() {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(Lexer.quote(name)).append(" (\n");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            sb.append("  ").append(Lexer.quote(c.name())).append(' ').append(c.type().sql());
            if (i == primaryKey) {
                sb.append(" PRIMARY KEY");
            } else {
                sb.append(c.nullable() ? " NULL" : " NOT NULL");
            }
            c.defaultValue().ifPresent(v -> sb.append(" DEFAULT ").append(Operators.literal(v)));
            for (Index idx : indexesOn(c.name())) {
                if (idx.implicit() && idx.name().equals(implicitName(c.name(), idx.unique() ? "key" : "idx"))) {
                    sb.append(idx.unique() ? " UNIQUE" : " INDEX");
                }
            }
            c.references().ifPresent(r -> sb.append(" REFERENCES ").append(Lexer.quote(r)));
            sb.append(i + 1 < columns.size() ? ",\n" : "\n");
        }
        sb.append(")");
        for (Index idx : indexes) {
            if (!idx.implicit()) {
                sb.append(";\nCREATE ").append(idx.unique() ? "UNIQUE " : "").append("INDEX ").append(Lexer.quote(idx.name()))
                        .append(" ON ").append(Lexer.quote(name)).append(" (").append(Lexer.quote(idx.column())).append(")");
            }
        }
        return sb.toString();
    }

    /** The name of an index a column constraint creates: {@code <table>_<column>_<suffix>}. */
    public String implicitName(String column, String suffix) {
        return name + "_" + column + "_" + suffix;
    }
}
