package io.mynode.sql.store;

import io.mynode.kernel.error.ConstraintViolation;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.SqlState;
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
 * unique and foreign-key checks are point lookups or prefix scans of an index, never table
 * scans.
 *
 * <p>One instance serves one statement (it collects the statement's foreign-key checks).
 *
 * <p>Layout (see {@link KeyEncoding}): a row lives at {@code ROW table pk} with the whole row as
 * its value; an index entry at {@code INDEX_ENTRY table index value pk} with an empty value.
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

    private record ParentCheck(Table table, Column column, Value value) {}

    private record ChildCheck(Table table, Value pk) {}

    public TableData(Catalog catalog) {
        this.catalog = catalog;
        this.store = catalog.store();
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The row with primary key {@code pk}, if any; a key of the wrong type finds nothing. */
    public Optional<List<Value>> get(Table table, Value pk) {
        Optional<Value> key = keyValue(pk, table.primaryKeyColumn().type());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return store.get(KeyEncoding.rowKey(table.name(), key.get())).map(RowEncoding::decode);
    }

    /** Every row, in primary-key order. */
    public RowStream scan(Table table) {
        Cursor c = store.scan(KeyRange.prefix(KeyEncoding.rowPrefix(table.name())));
        return new RowStream() {
            @Override
            public boolean hasNext() {
                return c.hasNext();
            }

            @Override
            public List<Value> next() {
                return RowEncoding.decode(c.next().value());
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
        byte[] base = KeyEncoding.rowPrefix(table.name());
        if (spans.stream().allMatch(s -> !s.bounded() && s.prefix().size() == 1)) {
            // Whole keys only: point reads in key order, which record single keys for validation
            // rather than ranges.
            java.util.TreeSet<byte[]> keys = new java.util.TreeSet<>(Keys.ORDER);
            spans.forEach(s -> keys.add(KeyEncoding.rowKey(table.name(), s.prefix().getFirst())));
            return points(keys.iterator());
        }
        List<KeyRange> ranges = disjoint(base, spans);
        return new RangeRows(ranges) {
            @Override
            List<Value> row(Entry e) {
                return RowEncoding.decode(e.value());
            }
        };
    }

    /**
     * The rows whose entries in {@code index} lie in {@code spans}, in index order (indexed value,
     * then primary key), each once; every entry found costs one point read of its row.
     */
    public RowStream scan(Table table, Index index, List<Span> spans) {
        byte[] base = KeyEncoding.indexPrefix(table.name(), index.name());
        List<KeyRange> ranges = disjoint(base, spans);
        return new RangeRows(ranges) {
            @Override
            List<Value> row(Entry e) {
                List<Value> parts = KeyEncoding.decode(e.key(), base.length);
                Value pk = parts.getLast();
                return store.get(KeyEncoding.rowKey(table.name(), pk)).map(RowEncoding::decode).orElseThrow(
                        () -> new CorruptionException("index " + index.name() + " of table " + table.name()
                                + " has an entry for primary key " + Operators.literal(pk) + ", which has no row"));
            }
        };
    }

    /** The rows at {@code keys} that exist, read one at a time as they are asked for. */
    private RowStream points(java.util.Iterator<byte[]> keys) {
        return new RowStream() {
            private List<Value> next;

            @Override
            public boolean hasNext() {
                while (next == null && keys.hasNext()) {
                    next = store.get(keys.next()).map(RowEncoding::decode).orElse(null);
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

    /** The primary keys of the rows whose indexed column equals {@code value}, in key order. */
    public List<Value> lookup(Table table, Index index, Value value) {
        List<Value> pks = new ArrayList<>();
        Optional<Value> key = keyValue(value, table.columns().get(table.position(index.column())).type());
        if (key.isEmpty() || key.get() instanceof Value.Null) {
            return pks;
        }
        byte[] prefix = KeyEncoding.indexPrefix(table.name(), index.name(), key.get());
        try (Cursor c = store.scan(KeyRange.prefix(prefix))) {
            while (c.hasNext()) {
                List<Value> parts = KeyEncoding.decode(c.next().key(), prefix.length);
                pks.add(parts.getFirst());
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
            if (v instanceof Value.Null && (!c.nullable() || i == table.primaryKey())) {
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
     * foreign keys when the statement ends, and writes its index entries.
     */
    public void insert(Table table, List<Value> raw) {
        List<Value> row = validate(table, raw);
        Value pk = row.get(table.primaryKey());
        byte[] key = KeyEncoding.rowKey(table.name(), pk);
        if (store.get(key).isPresent()) {
            throw new ConstraintViolation(SqlState.UNIQUE_VIOLATION, "primary key " + Operators.literal(pk) + " already exists in table "
                    + table.name());
        }
        for (Index index : table.indexes()) {
            Value v = row.get(table.position(index.column()));
            if (index.unique() && !(v instanceof Value.Null) && !lookup(table, index, v).isEmpty()) {
                throw new ConstraintViolation(SqlState.UNIQUE_VIOLATION, "unique value " + Operators.literal(v) + " already exists in column "
                        + table.name() + "." + index.column());
            }
        }
        for (int i = 0; i < row.size(); i++) {
            Column c = table.columns().get(i);
            if (c.references().isPresent() && !(row.get(i) instanceof Value.Null)) {
                pending.add(new ParentCheck(table, c, row.get(i)));
            }
        }
        store.put(key, RowEncoding.encode(row));
        for (Index index : table.indexes()) {
            store.put(KeyEncoding.indexKey(table.name(), index.name(), row.get(table.position(index.column())), pk), EMPTY);
        }
    }

    /**
     * Deletes a row and its index entries. Foreign keys that point at it are checked when the
     * statement ends ({@link #finishStatement}).
     */
    public void delete(Table table, List<Value> row) {
        Value pk = row.get(table.primaryKey());
        deleted.add(new ChildCheck(table, pk));
        store.delete(KeyEncoding.rowKey(table.name(), pk));
        for (Index index : table.indexes()) {
            store.delete(KeyEncoding.indexKey(table.name(), index.name(), row.get(table.position(index.column())), pk));
        }
    }

    /**
     * Checks the foreign keys the statement's writes touched, now that all of them are done:
     * every new reference points at an existing row (a point read), and no deleted key is still
     * referenced (a prefix scan of each referencing column's index). Call once per statement.
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
            String parentName = p.column().references().orElseThrow();
            Table parent = parentName.equals(p.table().name()) ? p.table() : catalog.require(parentName);
            if (get(parent, p.value()).isEmpty()) {
                throw new ConstraintViolation(SqlState.FOREIGN_KEY_VIOLATION, "referenced primary key " + Operators.literal(p.value())
                        + " does not exist in table " + parentName + " (column " + p.table().name() + "."
                        + p.column().name() + ")");
            }
        }
        for (ChildCheck d : deleted) {
            checkUnreferenced(d.table(), d.pk());
        }
    }

    /**
     * Fails if any row references primary key {@code pk} of {@code table}, unless a row with that
     * key still exists (an UPDATE that kept it). Uses the referencing columns' indexes.
     */
    private void checkUnreferenced(Table table, Value pk) {
        if (store.get(KeyEncoding.rowKey(table.name(), pk)).isPresent()) {
            return;
        }
        for (Table child : referencingTables(table)) {
            for (Column c : child.columns()) {
                if (c.references().filter(table.name()::equals).isEmpty()) {
                    continue;
                }
                Index index = child.indexesOn(c.name()).stream().findFirst().orElseThrow(
                        () -> new io.mynode.kernel.error.InternalFailure("foreign key column " + child.name() + "."
                                + c.name() + " has no index"));
                if (!lookup(child, index, pk).isEmpty()) {
                    throw new ConstraintViolation(SqlState.FOREIGN_KEY_VIOLATION, "primary key " + Operators.literal(pk) + " of table " + table.name()
                            + " is referenced by table " + child.name() + " (column " + c.name() + ")");
                }
            }
        }
    }

    private List<Table> referencingTables(Table table) {
        List<Table> out = new ArrayList<>(catalog.referencing(table.name()));
        if (table.columns().stream().anyMatch(c -> c.references().filter(table.name()::equals).isPresent())) {
            out.add(table);
        }
        return out;
    }

    /** Deletes every row and index entry of a table (DROP TABLE). */
    public void truncate(Table table) {
        deleteRange(KeyRange.prefix(KeyEncoding.rowPrefix(table.name())));
        for (Index index : table.indexes()) {
            dropIndexEntries(table, index);
        }
    }

    /** Deletes the entries of one index (DROP INDEX). */
    public void dropIndexEntries(Table table, Index index) {
        deleteRange(KeyRange.prefix(KeyEncoding.indexPrefix(table.name(), index.name())));
    }

    /** Writes the entries of a new index for every existing row, checking uniqueness (CREATE INDEX). */
    public void backfill(Table table, Index index) {
        int column = table.position(index.column());
        List<List<Value>> rows = new ArrayList<>();
        try (RowStream s = scan(table)) {
            s.forEachRemaining(rows::add);
        }
        for (List<Value> row : rows) {
            Value v = row.get(column);
            if (index.unique() && !(v instanceof Value.Null) && !lookup(table, index, v).isEmpty()) {
                throw new ConstraintViolation(SqlState.UNIQUE_VIOLATION, "cannot create unique index " + index.name() + ": value "
                        + Operators.literal(v) + " occurs more than once in column " + table.name() + "." + index.column());
            }
            store.put(KeyEncoding.indexKey(table.name(), index.name(), v, row.get(table.primaryKey())), EMPTY);
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
