package io.mynode.sql.store;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.sql.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * The schemas of all tables, stored in the key-value store itself under their own keys and read
 * and written through the statement's transaction, so DDL is transactional: a CREATE TABLE
 * inside a transaction that rolls back leaves no trace, and two transactions that change the
 * same table conflict like any other writes.
 *
 * <p>Reading a table is one point {@code get} of its schema key, so a query only conflicts with
 * DDL on the tables it uses. Decoded schemas are cached by their exact bytes (a changed schema
 * has different bytes), which keeps the cache correct without invalidation.
 */
public final class Catalog {
    private static final Map<ByteBuffer, Table> DECODED = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 4096;

    private final Store store;

    public Catalog(Store store) {
        this.store = store;
    }

    public Store store() {
        return store;
    }

    public Optional<Table> table(String name) {
        return store.get(KeyEncoding.schemaKey(name)).map(Catalog::decodeCached);
    }

    /** The table named {@code name}, or a {@link SemanticException} saying it does not exist. */
    public Table require(String name) {
        return table(name).orElseThrow(() -> new SemanticException(SqlState.UNDEFINED_TABLE, "table " + name + " does not exist"));
    }

    /** Every table, ordered by name. */
    public List<Table> tables() {
        List<Table> out = new ArrayList<>();
        try (Cursor c = store.scan(KeyRange.prefix(new byte[] {KeyEncoding.TABLE_SCHEMA}))) {
            while (c.hasNext()) {
                out.add(decodeCached(c.next().value()));
            }
        }
        return out;
    }

    /** The table that owns index {@code name}. */
    public Optional<String> indexOwner(String name) {
        return store.get(KeyEncoding.indexNameKey(name)).map(b -> ((Value.Str) KeyEncoding.decode(b, 0).get(0)).value());
    }

    /** Stores a table's schema (new or changed) and registers the names of its indexes. */
    public void save(Table table) {
        store.put(KeyEncoding.schemaKey(table.name()), encode(table));
        for (Index i : table.indexes()) {
            store.put(KeyEncoding.indexNameKey(i.name()), nameBytes(table.name()));
        }
    }

    /** Removes a table's schema and index names; its rows are the caller's to delete. */
    public void remove(Table table) {
        store.delete(KeyEncoding.schemaKey(table.name()));
        for (Index i : table.indexes()) {
            store.delete(KeyEncoding.indexNameKey(i.name()));
        }
    }

    /** Unregisters one index name. */
    public void forgetIndex(String name) {
        store.delete(KeyEncoding.indexNameKey(name));
    }

    private static byte[] nameBytes(String name) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        KeyEncoding.write(out, Value.of(name));
        return out.toByteArray();
    }

    /** The tables whose columns reference {@code table}, other than itself. */
    public List<Table> referencing(String table) {
        List<Table> out = new ArrayList<>();
        for (Table t : tables()) {
            if (!t.name().equals(table)
                    && t.columns().stream().anyMatch(c -> c.references().filter(table::equals).isPresent())) {
                out.add(t);
            }
        }
        return out;
    }

    private static Table decodeCached(byte[] bytes) {
        ByteBuffer key = ByteBuffer.wrap(bytes);
        Table t = DECODED.get(key);
        if (t == null) {
            t = decode(bytes);
            if (DECODED.size() >= CACHE_LIMIT) {
                DECODED.clear();
            }
            DECODED.put(key, t);
        }
        return t;
    }

    static byte[] encode(Table t) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4);
            p.packString(t.name());
            p.packInt(t.primaryKey());
            p.packArrayHeader(t.columns().size());
            for (Column c : t.columns()) {
                p.packArrayHeader(5);
                p.packString(c.name());
                p.packString(c.type().name());
                p.packBoolean(c.nullable());
                if (c.defaultValue().isPresent()) {
                    p.packArrayHeader(1);
                    RowEncoding.pack(p, c.defaultValue().get());
                } else {
                    p.packNil();
                }
                if (c.references().isPresent()) {
                    p.packString(c.references().get());
                } else {
                    p.packNil();
                }
            }
            p.packArrayHeader(t.indexes().size());
            for (Index i : t.indexes()) {
                p.packArrayHeader(4);
                p.packString(i.name());
                p.packString(i.column());
                p.packBoolean(i.unique());
                p.packBoolean(i.implicit());
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new InternalFailure("encoding a schema in memory", e);
        }
    }

    static Table decode(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            u.unpackArrayHeader();
            String name = u.unpackString();
            int pk = u.unpackInt();
            int n = u.unpackArrayHeader();
            List<Column> columns = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                u.unpackArrayHeader();
                String cname = u.unpackString();
                DataType type = DataType.valueOf(u.unpackString());
                boolean nullable = u.unpackBoolean();
                Optional<Value> def = Optional.empty();
                if (u.tryUnpackNil()) {
                    def = Optional.empty();
                } else {
                    u.unpackArrayHeader();
                    def = Optional.of(RowEncoding.unpack(u));
                }
                Optional<String> refs = u.tryUnpackNil() ? Optional.empty() : Optional.of(u.unpackString());
                columns.add(new Column(cname, type, nullable, def, refs));
            }
            int m = u.unpackArrayHeader();
            List<Index> indexes = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                u.unpackArrayHeader();
                indexes.add(new Index(u.unpackString(), u.unpackString(), u.unpackBoolean(), u.unpackBoolean()));
            }
            return new Table(name, columns, pk, indexes);
        } catch (IOException | RuntimeException e) {
            throw new CorruptionException("decoding a table schema: " + e.getMessage(), e);
        }
    }
}
