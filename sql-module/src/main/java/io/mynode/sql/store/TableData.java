package io.mynode.sql.store;

import io.mynode.kernel.error.ConstraintViolation;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Operators;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Rows and index entries of tables, and the constraints that guard them. Every write goes
 * through {@link #insert} and {@link #delete}, which keep each index in step with its table;
 * unique and foreign-key checks are point reads or prefix scans of an index, never table
 * scans.
 *
 * <p>One instance serves one statement (it collects the statement's foreign-key checks).
 *
 * <p>Layout (see {@link KeyEncoding}): a row lives at {@code ROW table pk...} with the row, by
 * slot, as its value ({@link RowEncoding}); an index entry at
 * {@code INDEX_ENTRY table index values... pk...} with an empty value.
 */
public final class TableData {
    private static final byte[] EMPTY = new byte[0];

    private final Catalog catalog;
    private final Store store;

    /**
     * Foreign keys to verify when the statement ends ({@link #finishStatement}): as in
     * PostgreSQL, a statement may insert a child before its parent, and may delete a referenced
     * row if it also deletes every row that references it.
     */
    private final List<ParentCheck> pending = new ArrayList<>();
    private final List<ChildCheck> deleted = new ArrayList<>();

    private record ParentCheck(Table table, ForeignKey key, List<Value> values) {}

    private record ChildCheck(Table table, List<Value> pk) {}

    public TableData(Catalog catalog) {
        this.catalog = catalog;
        this.store = catalog.store();
    }

    public Catalog catalog() {
        return catalog;
    }

    /**
     * The row with primary key {@code pk}, if any; a key with a value of the wrong type finds
     * nothing.
     */
    public Optional<List<Value>> get(Table table, List<Value> pk) {
        List<Value> key = new ArrayList<>(pk.size());
        List<Column> columns = table.primaryKeyColumns();
        for (int i = 0; i < pk.size(); i++) {
            Optional<Value> v = keyValue(pk.get(i), columns.get(i).type());
            if (v.isEmpty() || v.get() instanceof Value.Null) {
                return Optional.empty();
            }
            key.add(v.get());
        }
        return store.get(KeyEncoding.rowKey(table, key)).map(b -> RowEncoding.decode(table, b));
    }

    /** Every row, in primary-key order. */
    public RowStream scan(Table table) {
        Cursor c = store.scan(KeyRange.prefix(KeyEncoding.rowPrefix(table)));
        return new RowStream() {
            @Override
            public boolean hasNext() {
                return c.hasNext();
            }

            @Override
            public List<Value> next() {
                return RowEncoding.decode(table, c.next().value());
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    /**
     * The rows whose primary keys lie in {@code spans}, in primary-key order, each once even where
     * spans overlap. Rows stream: a point span is one {@code get}, any other one cursor, opened
     * when the rows before it are used up.
     */
    public RowStream scan(Table table, List<Span> spans) {
        byte[] base = KeyEncoding.rowPrefix(table);
        if (spans.stream().allMatch(s -> !s.bounded() && s.prefix().size() == table.primaryKey().size())) {
            // Whole keys only: point reads in key order, which record single keys for validation
            // rather than ranges.
            java.util.TreeSet<byte[]> keys = new java.util.TreeSet<>(Keys.ORDER);
            spans.forEach(s -> keys.add(KeyEncoding.rowKey(table, s.prefix())));
            return points(table, keys.iterator());
        }
        List<KeyRange> ranges = disjoint(base, spans);
        return new RangeRows(ranges) {
            @Override
            List<Value> row(Entry e) {
                return RowEncoding.decode(table, e.value());
            }
        };
    }

    /**
     * The rows whose entries in {@code index} lie in {@code spans}, in index order (indexed value,
     * then primary key), each once; every entry found costs one point read of its row.
     */
    public RowStream scan(Table table, Index index, List<Span> spans) {
        byte[] base = KeyEncoding.indexPrefix(table, index, List.of());
        List<KeyRange> ranges = disjoint(base, spans);
        int width = index.columns().size();
        return new RangeRows(ranges) {
            @Override
            List<Value> row(Entry e) {
                List<Value> pk = KeyEncoding.decode(e.key(), base.length).subList(width, width + table.primaryKey().size());
                return store.get(KeyEncoding.rowKey(table, pk)).map(b -> RowEncoding.decode(table, b)).orElseThrow(
                        () -> new CorruptionException("index " + index.name() + " of table " + table.name()
                                + " has an entry for primary key " + pk + ", which has no row"));
            }
        };
    }

    /** The rows at {@code keys} that exist, read one at a time as they are asked for. */
    private RowStream points(Table table, java.util.Iterator<byte[]> keys) {
        return new RowStream() {
            private List<Value> next;

            @Override
            public boolean hasNext() {
                while (next == null && keys.hasNext()) {
                    next = store.get(keys.next()).map(b -> RowEncoding.decode(table, b)).orElse(null);
                }
                return next != null;
            }

            @Override
            public List<Value> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Value> row = next;
                next = null;
                return row;
            }

            @Override
            public void close() {}
        };
    }

    /** The byte ranges of {@code spans} under {@code base}, sorted and with overlaps merged. */
    private static List<KeyRange> disjoint(byte[] base, List<Span> spans) {
        List<KeyRange> ranges = new ArrayList<>(spans.size());
        for (Span s : spans) {
            ranges.add(KeyEncoding.range(base, s));
        }
        // Every range is [start, end): sort by start, then fold each into the one before it if they meet.
        ranges.sort((a, b) -> Keys.compare(a.start(), b.start()));
        List<KeyRange> out = new ArrayList<>(ranges.size());
        for (KeyRange r : ranges) {
            if (Keys.compare(r.start(), r.end()) >= 0) {
                continue;
            }
            KeyRange last = out.isEmpty() ? null : out.getLast();
            if (last != null && Keys.compare(r.start(), last.end()) <= 0) {
                if (Keys.compare(r.end(), last.end()) > 0) {
                    out.set(out.size() - 1, KeyRange.closedOpen(last.start(), r.end()));
                }
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Rows from a list of disjoint key ranges, read one range at a time. */
    private abstract class RangeRows implements RowStream {
        private final java.util.Iterator<KeyRange> ranges;
        private Cursor cursor;

        RangeRows(List<KeyRange> ranges) {
            this.ranges = ranges.iterator();
        }

        abstract List<Value> row(Entry e);

        @Override
        public boolean hasNext() {
            while (cursor == null || !cursor.hasNext()) {
                if (cursor != null) {
                    cursor.close();
                    cursor = null;
                }
                if (!ranges.hasNext()) {
                    return false;
                }
                cursor = store.scan(ranges.next());
            }
            return true;
        }

        @Override
        public List<Value> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return row(cursor.next());
        }

        @Override
        public void close() {
            if (cursor != null) {
                cursor.close();
                cursor = null;
            }
        }
    }

    /**
     * The primary keys of the rows whose first indexed columns equal {@code prefix}, in index
     * order; nothing if a value is NULL or can never equal a value of its column.
     */
    public List<List<Value>> lookup(Table table, Index index, List<Value> prefix) {
        List<List<Value>> pks = new ArrayList<>();
        List<Value> key = new ArrayList<>(prefix.size());
        for (int i = 0; i < prefix.size(); i++) {
            Optional<Value> v = keyValue(prefix.get(i), table.column(index.columns().get(i)).type());
            if (v.isEmpty() || v.get() instanceof Value.Null) {
                return pks;
            }
            key.add(v.get());
        }
        byte[] start = KeyEncoding.indexPrefix(table, index, key);
        int skip = index.columns().size() - prefix.size();
        try (Cursor c = store.scan(KeyRange.prefix(start))) {
            while (c.hasNext()) {
                List<Value> parts = KeyEncoding.decode(c.next().key(), start.length);
                pks.add(List.copyOf(parts.subList(skip, parts.size())));
            }
        }
        return pks;
    }

    /**
     * The value as stored in a column of {@code type}, for a lookup: an integer becomes a float
     * for a FLOAT column; a float with an exact integer value becomes an integer for an INTEGER
     * column; anything that can never equal a value of the column is empty.
     */
    public static Optional<Value> keyValue(Value v, DataType type) {
        return switch (v) {
            case Value.Null n -> Optional.of(v);
            case Value.Int(long i) when type == DataType.FLOAT -> Optional.of(Value.of((double) i));
            case Value.Float(double d) when type == DataType.INTEGER ->
                    d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63 ? Optional.of(Value.of((long) d)) : Optional.empty();
            case Value.Float(double d) when type == DataType.FLOAT && Double.isNaN(d) -> Optional.empty();
            default -> DataType.of(v) == type ? Optional.of(v) : Optional.empty();
        };
    }

    /**
     * Checks a full row against the table's types and NOT NULL constraints and returns it with
     * each value coerced to its column's type (integers widen to floats).
     */
    public static List<Value> validate(Table table, List<Value> row) {
        if (row.size() != table.columns().size()) {
            throw new InvalidInputException(SqlState.INVALID_PARAMETER_VALUE, "table " + table.name() + " has " + table.columns().size()
                    + " columns, got " + row.size() + " values");
        }
        Value[] out = new Value[row.size()];
        for (int i = 0; i < out.length; i++) {
            Column c = table.columns().get(i);
            Value v = Operators.coerce(row.get(i), c.type(), table.name() + "." + c.name());
            if (v instanceof Value.Null && (!c.nullable() || table.primaryKey().contains(i))) {
                throw new ConstraintViolation(SqlState.NOT_NULL_VIOLATION, "NULL value not allowed for column " + table.name() + "." + c.name());
            }
            if (v instanceof Value.Str(String s)) {
                Operators.checkLength(s);
            }
            out[i] = v;
        }
        return List.of(out);
    }

    /**
     * Inserts a row (validated first), checking the primary key and unique indexes now and its
     * foreign keys when the statement ends, and writes its index entries. A NULL in a hidden
     * primary key becomes a new unique id.
     */
    public void insert(Table table, List<Value> raw) {
        List<Value> row = validate(table, withKey(table, raw));
        List<Value> pk = table.keyOf(row);
        byte[] key = KeyEncoding.rowKey(table, pk);
        if (store.get(key).isPresent()) {
            throw new ConstraintViolation(SqlState.UNIQUE_VIOLATION, "primary key " + literal(pk) + " already exists in table " + table.name());
        }
        for (Index index : table.indexes()) {
            if (index.unique()) {
                List<Value> values = valuesOf(table, index, row);
                if (values.stream().noneMatch(v -> v instanceof Value.Null) && !lookup(table, index, values).isEmpty()) {
                    throw new ConstraintViolation(SqlState.UNIQUE_VIOLATION, "unique value " + literal(values) + " already exists in "
                            + (values.size() == 1 ? "column " : "columns ") + table.name() + "." + columnList(index.columns()));
                }
            }
        }
        for (ForeignKey fk : table.foreignKeys()) {
            List<Value> values = table.positions(fk.columns()).stream().map(row::get).toList();
            if (values.stream().noneMatch(v -> v instanceof Value.Null)) {
                pending.add(new ParentCheck(table, fk, values));
            }
        }
        store.put(key, RowEncoding.encode(table, row));
        for (Index index : table.indexes()) {
            store.put(KeyEncoding.indexKey(table, index, valuesOf(table, index, row), pk), EMPTY);
        }
    }

    /**
     * The row with its hidden primary key filled in with a new unique id, if the table has one
     * and the row has none yet; any other row as it is.
     */
    public List<Value> withKey(Table table, List<Value> row) {
        if (!table.hiddenKey() || !(row.get(table.primaryKey().getFirst()) instanceof Value.Null)) {
            return row;
        }
        Value[] filled = row.toArray(Value[]::new);
        filled[table.primaryKey().getFirst()] = Value.of(store.uniqueId());
        return List.of(filled);
    }

    private static List<Value> valuesOf(Table table, Index index, List<Value> row) {
        List<Value> out = new ArrayList<>(index.columns().size());
        for (String c : index.columns()) {
            out.add(row.get(table.position(c)));
        }
        return out;
    }

    /** A key as messages print it: {@code 7}, or {@code (7, 'a')} for several values. */
    public static String literal(List<Value> values) {
        String inner = values.stream().map(Operators::literal).collect(java.util.stream.Collectors.joining(", "));
        return values.size() == 1 ? inner : "(" + inner + ")";
    }

    private static String columnList(List<String> columns) {
        return columns.size() == 1 ? columns.getFirst() : "(" + String.join(", ", columns) + ")";
    }

    /**
     * Deletes a row and its index entries. Foreign keys that point at it are checked when the
     * statement ends ({@link #finishStatement}).
     */
    public void delete(Table table, List<Value> row) {
        List<Value> pk = table.keyOf(row);
        deleted.add(new ChildCheck(table, pk));
        store.delete(KeyEncoding.rowKey(table, pk));
        for (Index index : table.indexes()) {
            store.delete(KeyEncoding.indexKey(table, index, valuesOf(table, index, row), pk));
        }
    }

    /**
     * Checks the foreign keys the statement's writes touched, now that all of them are done:
     * every new reference points at an existing row (a point read), and no deleted key is still
     * referenced (a prefix scan of an index of each referencing table). Call once per statement.
     */
    public void finishStatement() {
        try {
            checkPending();
        } finally {
            pending.clear();
            deleted.clear();
        }
    }

    private void checkPending() {
        for (ParentCheck p : pending) {
            ForeignKey fk = p.key();
            Table parent = fk.references(p.table().database(), p.table().name()) ? p.table()
                    : catalog.require(fk.parentDatabase(), fk.parentTable());
            if (get(parent, p.values()).isEmpty()) {
                throw new ConstraintViolation(SqlState.FOREIGN_KEY_VIOLATION, "referenced primary key " + literal(p.values()) + " does not exist in table "
                        + parent.name() + " (foreign key " + fk.name() + " on " + p.table().name() + "."
                        + columnList(fk.columns()) + ")");
            }
        }
        java.util.Map<List<String>, List<Table>> children = new java.util.HashMap<>();
        for (ChildCheck d : deleted) {
            List<String> id = List.of(d.table().database(), d.table().name());
            checkUnreferenced(d.table(), d.pk(), children.computeIfAbsent(id, k -> referencingTables(d.table())));
        }
    }

    /**
     * Fails if any row references primary key {@code pk} of {@code table}, unless a row with that
     * key still exists (an UPDATE that kept it). Looks up each foreign key's columns through an
     * index of the child that starts with them, or the child's primary key.
     */
    private void checkUnreferenced(Table table, List<Value> pk, List<Table> children) {
        if (children.isEmpty() || store.get(KeyEncoding.rowKey(table, pk)).isPresent()) {
            return;
        }
        for (Table child : children) {
            for (ForeignKey fk : child.foreignKeys()) {
                if (fk.references(table.database(), table.name()) && referenced(child, fk, pk)) {
                    throw new ConstraintViolation(SqlState.FOREIGN_KEY_VIOLATION, "primary key " + literal(pk) + " of table " + table.name()
                            + " is referenced by table " + child.name() + " (foreign key " + fk.name() + ")");
                }
            }
        }
    }

    private boolean referenced(Table child, ForeignKey fk, List<Value> pk) {
        List<Index> indexes = child.indexesOn(fk.columns());
        if (!indexes.isEmpty()) {
            return !lookup(child, indexes.getFirst(), pk).isEmpty();
        }
        if (child.primaryKeyNames().subList(0, Math.min(fk.columns().size(), child.primaryKey().size()))
                .equals(fk.columns())) {
            try (RowStream s = scan(child, List.of(Span.prefix(pk)))) {
                return s.hasNext();
            }
        }
        throw new io.mynode.kernel.error.InternalFailure("foreign key " + fk.name() + " of table " + child.name()
                + " has no index to check it through");
    }

    private List<Table> referencingTables(Table table) {
        List<Table> out = new ArrayList<>(catalog.referencing(table));
        if (table.foreignKeys().stream().anyMatch(f -> f.references(table.database(), table.name()))) {
            out.add(table);
        }
        return out;
    }

    /** Deletes every row and index entry of a table, in this statement. */
    public void deleteAll(Table table) {
        deleteRange(KeyRange.prefix(KeyEncoding.rowPrefix(table)));
        for (Index index : table.indexes()) {
            dropIndexEntries(table, index);
        }
    }

    /** Deletes the entries of one index (DROP INDEX). */
    public void dropIndexEntries(Table table, Index index) {
        deleteRange(KeyRange.prefix(KeyEncoding.indexPrefix(table, index, List.of())));
    }

    /** Writes the entries of a new index for every existing row, checking uniqueness (CREATE INDEX). */
    public void backfill(Table table, Index index) {
        List<List<Value>> rows = new ArrayList<>();
        try (RowStream s = scan(table)) {
            s.forEachRemaining(rows::add);
        }
        for (List<Value> row : rows) {
            List<Value> values = valuesOf(table, index, row);
            if (index.unique() && values.stream().noneMatch(v -> v instanceof Value.Null)
                    && !lookup(table, index, values).isEmpty()) {
                throw new ConstraintViolation(SqlState.UNIQUE_VIOLATION, "cannot create unique index " + index.name() + ": value "
                        + literal(values) + " occurs more than once in " + (values.size() == 1 ? "column " : "columns ")
                        + table.name() + "." + columnList(index.columns()));
            }
            store.put(KeyEncoding.indexKey(table, index, values, table.keyOf(row)), EMPTY);
        }
    }

    private void deleteRange(KeyRange range) {
        List<byte[]> keys = new ArrayList<>();
        try (Cursor c = store.scan(range)) {
            while (c.hasNext()) {
                keys.add(c.next().key());
            }
        }
        keys.forEach(store::delete);
    }

    /** An always-empty stream. */
    public static RowStream empty() {
        return new RowStream() {
            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public List<Value> next() {
                throw new NoSuchElementException();
            }

            @Override
            public void close() {}
        };
    }
}
