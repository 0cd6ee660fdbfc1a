package io.mynode.sql.store;

import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.KeyRange;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog: databases and the tables in them, stored in the key-value store itself and read
 * and written through the statement's transaction, so DDL is transactional: a CREATE TABLE
 * inside a transaction that rolls back leaves no trace, and two transactions that change the
 * same table conflict like any other writes.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 *   05 "relation" database name   → a table ({@link SchemaFormat})
 *   05 "index" database index     → the name of the table that owns the index
 *   01 name                       → a table of the first format, in the default database
 *   02 index                      → its indexes' owners, likewise
 * </pre>
 *
 * Every key names the kind of object first, so a new kind (users, privileges) is a new key
 * range beside these with no change to them. Reading a table is one point {@code get} (two for a
 * table of the first format, which is looked up where it was written when the new key is
 * absent), so a query conflicts only with DDL on the tables it uses. A table of the first format
 * moves to the new layout the first time DDL saves it; its rows never move (see
 * {@link Table#key()}). Decoded schemas are cached by their exact bytes (a changed schema has
 * different bytes), which keeps the cache correct without invalidation.
 *
 * <p>The default database, {@value #DEFAULT_DATABASE}, always exists and holds what the first
 * format stored.
 */
public final class Catalog {
    /** The database sessions start in, and the one every table of the first format belongs to. */
    public static final String DEFAULT_DATABASE = "main";

    private static final Map<ByteBuffer, Table> DECODED = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 4096;

    private final Store store;

    public Catalog(Store store) {
        this.store = store;
    }

    public Store store() {
        return store;
    }

    static byte[] relationKey(String database, String name) {
        return KeyEncoding.key(KeyEncoding.CATALOG, Value.of("relation"), Value.of(database), Value.of(name));
    }

    static byte[] indexNameKey(String database, String index) {
        return KeyEncoding.key(KeyEncoding.CATALOG, Value.of("index"), Value.of(database), Value.of(index));
    }

    static byte[] legacyKey(String name) {
        return KeyEncoding.key(KeyEncoding.LEGACY_SCHEMA, Value.of(name));
    }

    static byte[] legacyIndexKey(String index) {
        return KeyEncoding.key(KeyEncoding.LEGACY_INDEX_NAME, Value.of(index));
    }

    /** The table {@code name} of {@code database}, if there is one. */
    public Optional<Table> table(String database, String name) {
        Optional<byte[]> bytes = store.get(relationKey(database, name));
        if (bytes.isEmpty() && database.equals(DEFAULT_DATABASE)) {
            bytes = store.get(legacyKey(name));
        }
        return bytes.map(b -> decodeCached(b, "table " + database + "." + name));
    }

    /** The table {@code name} of {@code database}, or a {@link SemanticException} saying it does not exist. */
    public Table require(String database, String name) {
        return table(database, name).orElseThrow(() -> new SemanticException(SqlState.UNDEFINED_TABLE, "table " + display(database, name)
                + " does not exist"));
    }

    /** How messages name a table: bare in the default database, qualified elsewhere. */
    public static String display(String database, String name) {
        return database.equals(DEFAULT_DATABASE) ? name : database + "." + name;
    }

    /** Every table of {@code database}, ordered by name. */
    public List<Table> tables(String database) {
        List<Table> out = new ArrayList<>();
        scan(KeyRange.prefix(KeyEncoding.key(KeyEncoding.CATALOG, Value.of("relation"), Value.of(database))), out);
        if (database.equals(DEFAULT_DATABASE)) {
            scan(KeyRange.prefix(new byte[] {KeyEncoding.LEGACY_SCHEMA}), out);
        }
        out.sort(Comparator.comparing(Table::name, io.mynode.sql.types.ValueOrder::compareStrings));
        return out;
    }

    /** Every table of every database. */
    public List<Table> allTables() {
        List<Table> out = new ArrayList<>();
        scan(KeyRange.prefix(KeyEncoding.key(KeyEncoding.CATALOG, Value.of("relation"))), out);
        scan(KeyRange.prefix(new byte[] {KeyEncoding.LEGACY_SCHEMA}), out);
        return out;
    }

    private void scan(KeyRange range, List<Table> out) {
        try (Cursor c = store.scan(range)) {
            while (c.hasNext()) {
                var e = c.next();
                out.add(decodeCached(e.value(), "the catalog entry at " + java.util.HexFormat.of().formatHex(e.key())));
            }
        }
    }

    /** The table of {@code database} that owns index {@code name}. */
    public Optional<String> indexOwner(String database, String name) {
        Optional<byte[]> owner = store.get(indexNameKey(database, name));
        if (owner.isEmpty() && database.equals(DEFAULT_DATABASE)) {
            owner = store.get(legacyIndexKey(name));
        }
        return owner.map(b -> ((Value.Str) KeyEncoding.decode(b, 0).getFirst()).value());
    }

    /**
     * Stores a table's schema (new or changed) and registers the names of its indexes. A table
     * read in the first format leaves its old keys here.
     */
    public void save(Table table) {
        if (table.database().equals(DEFAULT_DATABASE) && store.get(legacyKey(table.name())).isPresent()) {
            store.delete(legacyKey(table.name()));
        }
        store.put(relationKey(table.database(), table.name()), SchemaFormat.encode(table));
        for (Index i : table.indexes()) {
            registerIndex(table.database(), i.name(), table.name());
        }
    }

    private void registerIndex(String database, String index, String owner) {
        if (database.equals(DEFAULT_DATABASE) && store.get(legacyIndexKey(index)).isPresent()) {
            store.delete(legacyIndexKey(index));
        }
        store.put(indexNameKey(database, index), KeyEncoding.encode(Value.of(owner)));
    }

    /** Removes a table's schema and index names; its rows are the caller's to delete. */
    public void remove(Table table) {
        store.delete(relationKey(table.database(), table.name()));
        if (table.database().equals(DEFAULT_DATABASE) && store.get(legacyKey(table.name())).isPresent()) {
            store.delete(legacyKey(table.name()));
        }
        for (Index i : table.indexes()) {
            forgetIndex(table.database(), i.name());
        }
    }

    /** Unregisters one index name. */
    public void forgetIndex(String database, String name) {
        store.delete(indexNameKey(database, name));
        if (database.equals(DEFAULT_DATABASE) && store.get(legacyIndexKey(name)).isPresent()) {
            store.delete(legacyIndexKey(name));
        }
    }

    /** The tables with a foreign key to {@code table}, other than itself. */
    public List<Table> referencing(Table table) {
        List<Table> out = new ArrayList<>();
        for (Table t : allTables()) {
            boolean self = t.database().equals(table.database()) && t.name().equals(table.name());
            if (!self && t.foreignKeys().stream().anyMatch(f -> f.references(table.database(), table.name()))) {
                out.add(t);
            }
        }
        return out;
    }

    private static Table decodeCached(byte[] bytes, String what) {
        ByteBuffer key = ByteBuffer.wrap(bytes);
        Table t = DECODED.get(key);
        if (t == null) {
            t = SchemaFormat.decodeTable(bytes, what);
            if (DECODED.size() >= CACHE_LIMIT) {
                DECODED.clear();
            }
            DECODED.put(key, t);
        }
        return t;
    }
}
