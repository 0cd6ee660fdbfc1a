package io.mynode.sql.store;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The order-preserving key encoding: for two values of one column, the unsigned
 * byte order of their encodings is their SQL order, with NULL first. So a primary-key range or
 * an index lookup is a plain byte range in the store.
 *
 * <pre>
 *   NULL     00
 *   BOOLEAN  01 00|01
 *   INTEGER  02 + 8 bytes big-endian with the sign bit flipped
 *   FLOAT    03 + 8 bytes: IEEE bits, sign bit flipped for positives, all bits for negatives
 *            (-0.0 is written as 0.0 and every NaN as one NaN, above +Infinity)
 *   STRING   04 + UTF-8 with 00 escaped as 00 FF, then 00 00
 * </pre>
 *
 * <p>Every encoding is self-delimiting, so a key made of several values (table, index, values,
 * primary key) concatenates them and a prefix of values is a prefix of bytes.
 *
 * <pre>
 *   03 table pk...                 → row, by slot (RowEncoding)
 *   04 table index values... pk... → empty (an index entry)
 *   05 kind names...               → catalog entry (Catalog)
 * </pre>
 *
 * {@code table} and {@code index} are the {@link Table#key()} and {@link Index#key()}: unique
 * integers, or for tables and indexes of the first catalog format their names (strings), so the
 * two kinds never share a prefix.
 */
public final class KeyEncoding {
    /**
     * Key spaces: the first byte of every key this module writes. The first two hold the catalog
     * of the first format, read but no longer written (see {@link Catalog}).
     */
    static final byte LEGACY_SCHEMA = 0x01;
    static final byte LEGACY_INDEX_NAME = 0x02;
    static final byte ROW = 0x03;
    static final byte INDEX_ENTRY = 0x04;
    static final byte CATALOG = 0x05;

    private KeyEncoding() {}

    /** Appends one value's encoding. */
    public static void write(ByteArrayOutputStream out, Value v) {
        switch (v) {
            case Value.Null n -> out.write(0x00);
            case Value.Bool(boolean b) -> {
                out.write(0x01);
                out.write(b ? 1 : 0);
            }
            case Value.Int(long i) -> {
                out.write(0x02);
                writeLong(out, i ^ Long.MIN_VALUE);
            }
            case Value.Float(double d) -> {
                out.write(0x03);
                double canonical = d == 0.0 ? 0.0 : Double.isNaN(d) ? Double.NaN : d;
                long bits = Double.doubleToLongBits(canonical);
                writeLong(out, bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
            }
            case Value.Str(String s) -> {
                out.write(0x04);
                writeString(out, s);
            }
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
        out.write(0);
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
    }

    /** A key of a key-space tag followed by values. */
    public static byte[] key(byte space, Value... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.write(space);
        for (Value p : parts) {
            write(out, p);
        }
        return out.toByteArray();
    }

    /** A row of {@code table}, by its primary key values. */
    public static byte[] rowKey(Table table, List<Value> pk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.write(ROW);
        write(out, table.key());
        for (Value v : pk) {
            write(out, v);
        }
        return out.toByteArray();
    }

    /** The prefix of every row of a table. */
    public static byte[] rowPrefix(Table table) {
        return key(ROW, table.key());
    }

    /** An index entry: the indexed values, then the row's primary key, with an empty value. */
    public static byte[] indexKey(Table table, Index index, List<Value> values, List<Value> pk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(48);
        out.write(INDEX_ENTRY);
        write(out, table.key());
        write(out, index.key());
        values.forEach(v -> write(out, v));
        pk.forEach(v -> write(out, v));
        return out.toByteArray();
    }

    /** The prefix of an index's entries that start with {@code values} (all of them for none). */
    public static byte[] indexPrefix(Table table, Index index, List<Value> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.write(INDEX_ENTRY);
        write(out, table.key());
        write(out, index.key());
        values.forEach(v -> write(out, v));
        return out.toByteArray();
    }

    /**
     * The keys under {@code base} (a table's row prefix or an index's prefix) that {@code span}
     * selects, as one half-open byte range. A bounded span starts after NULL on its bounded
     * column when it has no lower bound, since NULL's tag sorts first.
     */
    public static KeyRange range(byte[] base, Span span) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(base.length + 16);
        out.writeBytes(base);
        for (Value v : span.prefix()) {
            write(out, v);
        }
        byte[] prefix = out.toByteArray();
        if (!span.bounded()) {
            return KeyRange.prefix(prefix);
        }
        byte[] start = span.lower()
                .map(b -> b.inclusive() ? append(prefix, b.value()) : end(append(prefix, b.value())))
                .orElseGet(() -> {
                    byte[] afterNull = java.util.Arrays.copyOf(prefix, prefix.length + 1);
                    afterNull[prefix.length] = 0x01; // the smallest tag after NULL's 0x00
                    return afterNull;
                });
        byte[] end = span.upper()
                .map(b -> b.inclusive() ? end(append(prefix, b.value())) : append(prefix, b.value()))
                .orElseGet(() -> end(prefix));
        return KeyRange.closedOpen(start, end);
    }

    private static byte[] append(byte[] prefix, Value v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(prefix.length + 10);
        out.writeBytes(prefix);
        write(out, v);
        return out.toByteArray();
    }

    /** The first key after every key that starts with {@code prefix}. */
    private static byte[] end(byte[] prefix) {
        // Every prefix here starts with a key-space byte below 0xFF, so it has an end.
        return Keys.prefixEnd(prefix).orElseThrow();
    }

    /** Decodes the values that follow the first {@code skip} bytes of {@code key}. */
    public static List<Value> decode(byte[] key, int skip) {
        List<Value> values = new ArrayList<>();
        int[] pos = {skip};
        try {
            while (pos[0] < key.length) {
                values.add(read(key, pos));
            }
        } catch (IndexOutOfBoundsException e) {
            throw new CorruptionException("a stored key ends inside a value, at byte " + key.length, e);
        }
        return values;
    }

    /** Decodes every value of a key after its key-space byte. */
    public static List<Value> decode(byte[] key) {
        return decode(key, 1);
    }

    /** The encoding of one value, as a key of its own. */
    public static byte[] encode(Value v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        write(out, v);
        return out.toByteArray();
    }

    private static Value read(byte[] key, int[] pos) {
        int tag = key[pos[0]++];
        switch (tag) {
            case 0x00 -> {
                return Value.NULL;
            }
            case 0x01 -> {
                return Value.of(key[pos[0]++] != 0);
            }
            case 0x02 -> {
                long v = readLong(key, pos[0]);
                pos[0] += 8;
                return Value.of(v ^ Long.MIN_VALUE);
            }
            case 0x03 -> {
                long v = readLong(key, pos[0]);
                pos[0] += 8;
                long bits = v < 0 ? v ^ Long.MIN_VALUE : ~v;
                return Value.of(Double.longBitsToDouble(bits));
            }
            case 0x04 -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int i = pos[0];
                while (true) {
                    byte b = key[i++];
                    if (b == 0) {
                        byte next = key[i++];
                        if (next == 0) {
                            break;
                        }
                        out.write(0);
                    } else {
                        out.write(b);
                    }
                }
                pos[0] = i;
                return Value.of(out.toString(StandardCharsets.UTF_8));
            }
            default -> throw new CorruptionException("bad key encoding tag " + tag + " at byte " + (pos[0] - 1));
        }
    }

    private static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
