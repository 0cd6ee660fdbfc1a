package io.mynode.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.ConstraintViolation;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import io.mynode.sql.parse.Ast;
import io.mynode.sql.parse.Parser;
import io.mynode.sql.plan.Optimizer;
import io.mynode.sql.plan.Plan;
import io.mynode.sql.plan.Planner;
import io.mynode.sql.store.Catalog;
import io.mynode.sql.store.KeyEncoding;
import io.mynode.sql.store.Store;
import io.mynode.sql.store.TableData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The executor over a store that counts what it reads: checks that constraints go through
 * indexes rather than table scans, and that iterators stream (a LIMIT stops reading).
 */
class ExecutionTests {

    /** The key space of rows: what the first byte of a row's key is. */
    static final byte ROW = 0x03;

    /** A TreeMap store that counts entries read from each table's rows. */
    static final class CountingStore implements Store {
        final TreeMap<byte[], byte[]> map = new TreeMap<>(Keys.ORDER);
        final List<KeyRange> scans = new ArrayList<>();
        int rowsRead;
        long ids;

        @Override
        public long uniqueId() {
            return ids++;
        }

        @Override
        public Optional<byte[]> get(byte[] key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public Cursor scan(KeyRange range) {
            scans.add(range);
            Iterator<Map.Entry<byte[], byte[]>> it = map.entrySet().stream().filter(e -> range.contains(e.getKey()))
                    .toList().iterator();
            return Cursor.of(new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Entry next() {
                    Map.Entry<byte[], byte[]> e = it.next();
                    if (e.getKey()[0] == ROW) {
                        rowsRead++;
                    }
                    return new Entry(e.getKey(), e.getValue());
                }
            });
        }

        @Override
        public void put(byte[] key, byte[] value) {
            map.put(key, value);
        }

        @Override
        public void delete(byte[] key) {
            map.remove(key);
        }

        /** Whether any scan covered the rows of {@code table}. */
        boolean scannedRowsOf(String table) {
            byte[] prefix = KeyEncoding.rowPrefix(new Catalog(this).require(Catalog.DEFAULT_DATABASE, table));
            return scans.stream().anyMatch(r -> r.contains(prefix) || (r.start() != null
                    && java.util.Arrays.equals(java.util.Arrays.copyOf(r.start(), Math.min(r.start().length, prefix.length)), prefix)));
        }
    }

    private CountingStore store;
    private TableData data;

    @BeforeEach
    void setUp() {
        store = new CountingStore();
        data = new TableData(new Catalog(store));
        run("CREATE TABLE parent (id INTEGER PRIMARY KEY, code STRING UNIQUE)");
        run("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent)");
        StringBuilder parents = new StringBuilder("INSERT INTO parent VALUES (0, 'c0')");
        for (int i = 1; i < 500; i++) {
            parents.append(", (").append(i).append(", 'c").append(i).append("')");
        }
        run(parents.toString());
        run("INSERT INTO child VALUES (1, 1), (2, 1), (3, 7)");
        store.scans.clear();
        store.rowsRead = 0;
    }

    private long run(String sql) {
        // One TableData per statement, as sessions use them.
        data = new TableData(new Catalog(store));
        Ast.Statement s = Parser.parse(sql);
        if (s instanceof Ast.CreateTable || s instanceof Ast.CreateIndex) {
            new SchemaChanges(data, Catalog.DEFAULT_DATABASE).run(s);
            return 0;
        }
        return new Executor(data).write(Optimizer.optimize(new Planner(data.catalog(), Catalog.DEFAULT_DATABASE).plan(s).plan()));
    }

    private List<List<Value>> query(String sql) {
        Plan plan = Optimizer.optimize(new Planner(data.catalog(), Catalog.DEFAULT_DATABASE).plan(Parser.parse(sql)).plan());
        List<List<Value>> out = new ArrayList<>();
        try (RowStream rows = new Executor(data).rows(plan)) {
            rows.forEachRemaining(out::add);
        }
        return out;
    }

    @Nested
    class Constraints {
        @Test
        void uniqueAndForeignKeyChecksNeverScanATable() {
            run("INSERT INTO parent VALUES (1000, 'new')");
            assertThrows(ConstraintViolation.class, () -> run("INSERT INTO parent VALUES (1001, 'c5')"));
            run("INSERT INTO child VALUES (4, 499)");
            assertThrows(ConstraintViolation.class, () -> run("INSERT INTO child VALUES (5, 5000)"));
            assertThrows(ConstraintViolation.class, () -> run("DELETE FROM parent WHERE id = 7"));
            run("DELETE FROM parent WHERE id = 8");
            assertTrue(!store.scannedRowsOf("parent") && !store.scannedRowsOf("child"), "scans: " + store.scans);
        }
    }

    @Nested
    class Streaming {
        @Test
        void aLimitStopsReadingRows() {
            assertEquals(List.of(List.of(Value.of(0L)), List.of(Value.of(1L))), query("SELECT id FROM parent LIMIT 2"));
            assertTrue(store.rowsRead <= 3, "read " + store.rowsRead + " rows for LIMIT 2");
        }

        @Test
        void aKeyLookupReadsNoRangeAtAll() {
            assertEquals(List.of(List.of(Value.of("c42"))), query("SELECT code FROM parent WHERE id = 42"));
            assertEquals(0, store.rowsRead);
        }
    }
}
