package io.mynode.sql.store;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.types.DataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.MapValue;
import org.msgpack.value.ValueFactory;

/**
 * How catalog entries are stored: MessagePack, private to this module.
 *
 * <h2>Formats</h2>
 *
 * <ol>
 *   <li>The seed's tables: an array {@code [name, pk position, [[name, type, nullable, [default]
 *       | nil, references | nil] ...], [[index name, column, unique, implicit] ...]]}. Read
 *       only; a table of this format is rewritten in format 2 by the first DDL that changes it.
 *   <li>A map with string keys, starting with {@code "format": 2} and {@code "kind"}
 *       ({@code "table"}, {@code "view"}, {@code "database"}), so new fields and new kinds of
 *       catalog object can be added by name.
 * </ol>
 *
 * A reader tells the two apart by the first byte (an array or a map), refuses a format number it
 * does not know with a message saying so (a newer mynode wrote it), and reports anything else
 * malformed as corruption, naming the entry. Adding a field that an older reader could ignore
 * keeps the format number; adding one it must not ignore (a new constraint) raises it.
 */
final class SchemaFormat {
    /** The newest format this code reads and the one it writes. */
    static final int FORMAT = 2;

    private SchemaFormat() {}

    static byte[] encode(Table t) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(10);
            header(p, "table", t.database(), t.name());
            p.packString("key");
            RowEncoding.pack(p, t.key());
            p.packString("columns");
            p.packArrayHeader(t.columns().size());
            for (Column c : t.columns()) {
                p.packMapHeader(7);
                p.packString("name").packString(c.name());
                p.packString("type").packString(c.type().name());
                p.packString("nullable").packBoolean(c.nullable());
                p.packString("default");
                p.packArrayHeader(c.defaultValue().isPresent() ? 1 : 0);
                if (c.defaultValue().isPresent()) {
                    RowEncoding.pack(p, c.defaultValue().get());
                }
                p.packString("hidden").packBoolean(c.hidden());
                p.packString("slot").packInt(c.slot());
                p.packString("missing");
                RowEncoding.pack(p, c.missing());
            }
            p.packString("primary_key");
            p.packArrayHeader(t.primaryKey().size());
            for (int i : t.primaryKey()) {
                p.packInt(i);
            }
            p.packString("indexes");
            p.packArrayHeader(t.indexes().size());
            for (Index i : t.indexes()) {
                p.packMapHeader(5);
                p.packString("name").packString(i.name());
                p.packString("key");
                RowEncoding.pack(p, i.key());
                p.packString("columns");
                strings(p, i.columns());
                p.packString("unique").packBoolean(i.unique());
                p.packString("origin").packString(i.origin().name());
            }
            p.packString("foreign_keys");
            p.packArrayHeader(t.foreignKeys().size());
            for (ForeignKey f : t.foreignKeys()) {
                p.packMapHeader(4);
                p.packString("name").packString(f.name());
                p.packString("columns");
                strings(p, f.columns());
                p.packString("parent_database").packString(f.parentDatabase());
                p.packString("parent_table").packString(f.parentTable());
            }
            p.packString("next_slot").packInt(t.nextSlot());
            return p.toByteArray();
        } catch (IOException e) {
            throw new InternalFailure("encoding a schema in memory", e);
        }
    }

    private static void header(MessageBufferPacker p, String kind, String database, String name) throws IOException {
        p.packString("format").packInt(FORMAT);
        p.packString("kind").packString(kind);
        p.packString("database").packString(database);
        p.packString("name").packString(name);
    }

    private static void strings(MessageBufferPacker p, List<String> values) throws IOException {
        p.packArrayHeader(values.size());
        for (String s : values) {
            p.packString(s);
        }
    }

    /** Decodes a table stored under {@code what} (named in errors), in either format. */
    static Table decodeTable(byte[] bytes, String what) {
        org.msgpack.value.Value root = parse(bytes, what);
        if (root.isArrayValue()) {
            return legacy(root.asArrayValue(), what);
        }
        Fields f = entry(root, what);
        String kind = f.string("kind");
        if (!kind.equals("table")) {
            throw new CorruptionException(what + " is a " + kind + ", where a table was expected");
        }
        return table(f, what);
    }

    private static org.msgpack.value.Value parse(byte[] bytes, String what) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            org.msgpack.value.Value v = u.unpackValue();
            if (u.hasNext()) {
                throw new CorruptionException(what + " has bytes after its end");
            }
            return v;
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptionException c) {
                throw c;
            }
            throw new CorruptionException("decoding " + what + ": " + e.getMessage(), e);
        }
    }

    /** The fields of a format-2 entry, after checking its format number. */
    private static Fields entry(org.msgpack.value.Value root, String what) {
        if (!root.isMapValue()) {
            throw new CorruptionException(what + " is neither a catalog map nor a first-format array");
        }
        Fields f = new Fields(root.asMapValue(), what);
        long format = f.integer("format");
        if (format != FORMAT) {
            throw new CorruptionException(what + " is in catalog format " + format + ", and this mynode reads formats 1 to "
                    + FORMAT + (format > FORMAT ? ": it was written by a newer version" : ""));
        }
        return f;
    }

    private static Table table(Fields f, String what) {
        List<Column> columns = new ArrayList<>();
        for (Fields c : f.maps("columns")) {
            List<Value> def = c.values("default");
            columns.add(new Column(c.string("name"), type(c.string("type"), what), c.bool("nullable"),
                    def.isEmpty() ? Optional.empty() : Optional.of(def.getFirst()), c.bool("hidden"),
                    (int) c.integer("slot"), c.value("missing")));
        }
        List<Integer> pk = new ArrayList<>();
        for (org.msgpack.value.Value v : f.array("primary_key")) {
            int i = (int) Fields.integer(v, what + ": primary_key");
            if (i < 0 || i >= columns.size()) {
                throw new CorruptionException(what + ": primary key column " + i + " does not exist");
            }
            pk.add(i);
        }
        List<Index> indexes = new ArrayList<>();
        for (Fields i : f.maps("indexes")) {
            Index.Origin origin;
            try {
                origin = Index.Origin.valueOf(i.string("origin"));
            } catch (IllegalArgumentException e) {
                throw new CorruptionException(what + ": unknown index origin " + i.string("origin"), e);
            }
            indexes.add(new Index(i.string("name"), i.value("key"), i.strings("columns"), i.bool("unique"), origin));
        }
        List<ForeignKey> keys = new ArrayList<>();
        for (Fields k : f.maps("foreign_keys")) {
            keys.add(new ForeignKey(k.string("name"), k.strings("columns"), k.string("parent_database"),
                    k.string("parent_table")));
        }
        return new Table(f.string("database"), f.string("name"), f.value("key"), columns, pk, indexes, keys,
                (int) f.integer("next_slot"));
    }

    private static DataType type(String name, String what) {
        try {
            return DataType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(what + ": unknown column type " + name, e);
        }
    }

    /**
     * A table of the first format: it lives in the default database, keeps its name as the key of
     * its rows and its indexes' names as theirs, and its {@code REFERENCES} columns become
     * foreign keys named as that option names them.
     */
    private static Table legacy(ArrayValue a, String what) {
        try {
            String name = a.get(0).asStringValue().asString();
            int pk = a.get(1).asIntegerValue().asInt();
            ArrayValue cols = a.get(2).asArrayValue();
            List<Column> columns = new ArrayList<>();
            List<ForeignKey> keys = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                ArrayValue c = cols.get(i).asArrayValue();
                String cname = c.get(0).asStringValue().asString();
                Optional<Value> def = c.get(3).isNilValue() ? Optional.empty()
                        : Optional.of(value(c.get(3).asArrayValue().get(0), what));
                columns.add(new Column(cname, type(c.get(1).asStringValue().asString(), what), c.get(2).asBooleanValue()
                        .getBoolean(), def, i));
                if (!c.get(4).isNilValue()) {
                    keys.add(new ForeignKey(name + "_" + cname + "_fkey", List.of(cname), Catalog.DEFAULT_DATABASE,
                            c.get(4).asStringValue().asString()));
                }
            }
            List<Index> indexes = new ArrayList<>();
            for (org.msgpack.value.Value v : a.get(3).asArrayValue()) {
                ArrayValue i = v.asArrayValue();
                String iname = i.get(0).asStringValue().asString();
                String column = i.get(1).asStringValue().asString();
                boolean unique = i.get(2).asBooleanValue().getBoolean();
                boolean implicit = i.get(3).asBooleanValue().getBoolean();
                String prefix = name + "_" + column + "_";
                Index.Origin origin = !implicit ? Index.Origin.CREATED
                        : iname.equals(prefix + "key") ? Index.Origin.UNIQUE_CONSTRAINT
                        : iname.equals(prefix + "idx") ? Index.Origin.COLUMN_OPTION : Index.Origin.FOREIGN_KEY;
                indexes.add(new Index(iname, Value.of(iname), List.of(column), unique, origin));
            }
            if (pk < 0 || pk >= columns.size()) {
                throw new CorruptionException(what + ": primary key column " + pk + " does not exist");
            }
            return new Table(Catalog.DEFAULT_DATABASE, name, Value.of(name), columns, List.of(pk), indexes, keys,
                    columns.size());
        } catch (RuntimeException e) {
            if (e instanceof CorruptionException c) {
                throw c;
            }
            throw new CorruptionException("decoding " + what + " (catalog format 1): " + e.getMessage(), e);
        }
    }

    private static Value value(org.msgpack.value.Value v, String what) {
        return switch (v.getValueType()) {
            case NIL -> Value.NULL;
            case BOOLEAN -> Value.of(v.asBooleanValue().getBoolean());
            case INTEGER -> Value.of(v.asIntegerValue().asLong());
            case FLOAT -> Value.of(v.asFloatValue().toDouble());
            case STRING -> Value.of(v.asStringValue().asString());
            default -> throw new CorruptionException(what + ": unexpected " + v.getValueType() + " where a value belongs");
        };
    }

    /** Typed access to the fields of one map, every failure a CorruptionException naming the entry. */
    private record Fields(MapValue map, String what) {
        private org.msgpack.value.Value get(String field) {
            org.msgpack.value.Value v = map.map().get(ValueFactory.newString(field));
            if (v == null) {
                throw new CorruptionException(what + " has no field " + field);
            }
            return v;
        }

        String string(String field) {
            org.msgpack.value.Value v = get(field);
            if (!v.isStringValue()) {
                throw new CorruptionException(what + ": field " + field + " is not a string");
            }
            return v.asStringValue().asString();
        }

        boolean bool(String field) {
            org.msgpack.value.Value v = get(field);
            if (!v.isBooleanValue()) {
                throw new CorruptionException(what + ": field " + field + " is not a boolean");
            }
            return v.asBooleanValue().getBoolean();
        }

        long integer(String field) {
            return integer(get(field), what + ": field " + field);
        }

        static long integer(org.msgpack.value.Value v, String what) {
            if (!v.isIntegerValue() || !v.asIntegerValue().isInLongRange()) {
                throw new CorruptionException(what + " is not an integer");
            }
            return v.asIntegerValue().asLong();
        }

        Value value(String field) {
            return SchemaFormat.value(get(field), what);
        }

        List<org.msgpack.value.Value> array(String field) {
            org.msgpack.value.Value v = get(field);
            if (!v.isArrayValue()) {
                throw new CorruptionException(what + ": field " + field + " is not an array");
            }
            return v.asArrayValue().list();
        }

        List<Value> values(String field) {
            return array(field).stream().map(v -> SchemaFormat.value(v, what)).toList();
        }

        List<String> strings(String field) {
            List<String> out = new ArrayList<>();
            for (org.msgpack.value.Value v : array(field)) {
                if (!v.isStringValue()) {
                    throw new CorruptionException(what + ": field " + field + " holds a non-string");
                }
                out.add(v.asStringValue().asString());
            }
            return out;
        }

        List<Fields> maps(String field) {
            List<Fields> out = new ArrayList<>();
            for (org.msgpack.value.Value v : array(field)) {
                if (!v.isMapValue()) {
                    throw new CorruptionException(what + ": field " + field + " holds a non-map");
                }
                out.add(new Fields(v.asMapValue(), what));
            }
            return out;
        }
    }
}
