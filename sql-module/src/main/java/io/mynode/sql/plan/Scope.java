package io.mynode.sql.plan;

import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.sql.store.Table;
import io.mynode.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The columns of the rows a plan node produces, by (table alias, column name), for resolving
 * names while binding. Labels are qualified ({@code movie.title}) when the FROM clause names
 * more than one table, and bare otherwise.
 *
 * <p>A join {@code USING (id)} adds one merged {@code id} column, named without a table, and
 * hides the two it merged: they answer only to qualified names ({@code a.id}) and are left out
 * of {@code *}, as in PostgreSQL.
 */
final class Scope {
    /**
     * One column of the row. A {@code hidden} one answers only to a qualified name and is left
     * out of an unqualified {@code *}; a {@code generated} one (a table's hidden row id) answers
     * to its name but is left out of every {@code *}.
     */
    record Entry(Optional<String> table, String column, DataType type, boolean hidden, boolean generated) {
        Entry(Optional<String> table, String column, DataType type) {
            this(table, column, type, false, false);
        }

        Entry(Optional<String> table, String column, DataType type, boolean hidden) {
            this(table, column, type, hidden, false);
        }

        Entry hide() {
            return new Entry(table, column, type, true, generated);
        }
    }

    private final List<Entry> entries;
    private final boolean qualified;

    Scope(List<Entry> entries, boolean qualified) {
        this.entries = List.copyOf(entries);
        this.qualified = qualified;
    }

    static Scope empty() {
        return new Scope(List.of(), false);
    }

    static Scope of(Table table, String alias, boolean qualified) {
        List<Entry> entries = new ArrayList<>();
        table.columns().forEach(c -> entries.add(new Entry(Optional.of(alias), c.name(), c.type(), false, c.hidden())));
        return new Scope(entries, qualified);
    }

    /** The columns of a subquery in FROM, under its alias. */
    static Scope of(String alias, List<String> columns, List<DataType> types, boolean qualified) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            entries.add(new Entry(Optional.of(alias), columns.get(i), types.get(i)));
        }
        return new Scope(entries, qualified);
    }

    Scope join(Scope right) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(right.entries);
        return new Scope(all, qualified || right.qualified);
    }

    List<Entry> entries() {
        return entries;
    }

    boolean qualified() {
        return qualified;
    }

    int size() {
        return entries.size();
    }

    DataType type(int i) {
        return entries.get(i).type();
    }

    String label(int i) {
        Entry e = entries.get(i);
        return qualified && e.table().isPresent() ? e.table().get() + "." + e.column() : e.column();
    }

    /** Whether a table by this alias is in scope. */
    boolean hasTable(String alias) {
        return entries.stream().anyMatch(e -> e.table().filter(alias::equals).isPresent());
    }

    /**
     * The position of a column, empty if no column has the name; an ambiguous name is a
     * SemanticException. Hidden columns answer only to qualified names.
     */
    Optional<Integer> find(Optional<String> table, String column) {
        int found = -1;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.column().equals(column) && (table.isEmpty() ? !e.hidden() : table.equals(e.table()))) {
                if (found >= 0) {
                    throw new SemanticException(SqlState.AMBIGUOUS_COLUMN, "column reference " + column + " is ambiguous");
                }
                found = i;
            }
        }
        return found < 0 ? Optional.empty() : Optional.of(found);
    }

    /** The position of a column, or a SemanticException if it is unknown or ambiguous. */
    int resolve(Optional<String> table, String column) {
        return find(table, column).orElseThrow(() -> unknown(table, column));
    }

    /** The error for a column no scope has. */
    SemanticException unknown(Optional<String> table, String column) {
        if (table.isPresent() && !hasTable(table.get())) {
            return new SemanticException(SqlState.UNDEFINED_TABLE, "unknown table " + table.get()
                    + " in column reference " + table.get() + "." + column);
        }
        return new SemanticException(SqlState.UNDEFINED_COLUMN, "unknown column " + table.map(t -> t + ".").orElse("")
                + column);
    }
}
