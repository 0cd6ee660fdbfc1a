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
 */
final class Scope {
    /** One column of the row. */
    record Entry(Optional<String> table, String column, DataType type) {}

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
        table.columns().forEach(c -> entries.add(new Entry(Optional.of(alias), c.name(), c.type())));
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

    /** The position of a column, or a SemanticException if it is unknown or ambiguous. */
    int resolve(Optional<String> table, String column) {
        int found = -1;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.column().equals(column) && (table.isEmpty() || table.equals(e.table()))) {
                if (found >= 0) {
                    throw new SemanticException(SqlState.AMBIGUOUS_COLUMN, "column reference " + column + " is ambiguous");
                }
                found = i;
            }
        }
        if (found < 0) {
            if (table.isPresent() && !hasTable(table.get())) {
                throw new SemanticException(SqlState.UNDEFINED_TABLE, "unknown table " + table.get() + " in column reference "
                        + table.get() + "." + column);
            }
            throw new SemanticException(SqlState.UNDEFINED_COLUMN, "unknown column " + table.map(t -> t + ".").orElse("") + column);
        }
        return found;
    }
}
