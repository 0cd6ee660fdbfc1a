package io.mynode.sql.store;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.sql.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Rows as MessagePack arrays: one element per column slot ({@link Column#slot()}); nil,
 * boolean, 64-bit integer, 64-bit float or UTF-8 string. Private to this module.
 *
 * <p>Rows are versioned by their length: a column added to a table gets the next slot, so rows
 * stored before it are shorter and read its {@link Column#missing()} value, and a dropped
 * column's slot stays (NULL in rows written later) so no other column's position moves. Neither
 * rewrites a stored row, which is what lets ALTER TABLE change a table of any size in one small
 * transaction.
 */
public final class RowEncoding {
    /** A row packer starts small, not with msgpack's 8 KiB buffer zeroed for every row. */
    private static final MessagePack.PackerConfig PACKER = new MessagePack.PackerConfig().withBufferSize(256);

    private RowEncoding() {}

    public static byte[] encode(List<Value> row) {
        try (MessageBufferPacker p = PACKER.newBufferPacker()) {
            p.packArrayHeader(row.size());
            for (Value v : row) {
                pack(p, v);
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new InternalFailure("encoding a row in memory", e);
        }
    }

    /**
     * A full row of {@code table} (its columns in order) as stored: an array by slot, NULL in the
     * slots of dropped columns.
     */
    public static byte[] encode(Table table, List<Value> row) {
        Value[] stored = new Value[table.nextSlot()];
        java.util.Arrays.fill(stored, Value.NULL);
        for (int i = 0; i < row.size(); i++) {
            stored[table.columns().get(i).slot()] = row.get(i);
        }
        return encode(List.of(stored));
    }

    /**
     * A stored row of {@code table} as a full row: each column's slot, or its
     * {@link Column#missing()} value for a row stored before the column was added.
     */
    public static List<Value> decode(Table table, byte[] bytes) {
        List<Value> stored = decode(bytes);
        List<Column> columns = table.columns();
        Value[] row = new Value[columns.size()];
        for (int i = 0; i < row.length; i++) {
            Column c = columns.get(i);
            row[i] = c.slot() < stored.size() ? stored.get(c.slot()) : c.missing();
        }
        return List.of(row);
    }

    static void pack(MessageBufferPacker p, Value v) throws IOException {
        switch (v) {
            case Value.Null n -> p.packNil();
            case Value.Bool(boolean b) -> p.packBoolean(b);
            case Value.Int(long i) -> p.packLong(i);
            case Value.Float(double d) -> p.packDouble(d);
            case Value.Str(String s) -> p.packString(s);
        }
    }

    public static List<Value> decode(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            int n = u.unpackArrayHeader();
            Value[] row = new Value[n];
            for (int i = 0; i < n; i++) {
                row[i] = unpack(u);
            }
            return List.of(row);
        } catch (IOException | RuntimeException e) {
            throw new CorruptionException("decoding a stored row: " + e.getMessage(), e);
        }
    }

    static Value unpack(MessageUnpacker u) throws IOException {
        ValueType type = u.getNextFormat().getValueType();
        return switch (type) {
            case NIL -> {
                u.unpackNil();
                yield Value.NULL;
            }
            case BOOLEAN -> Value.of(u.unpackBoolean());
            case INTEGER -> Value.of(u.unpackLong());
            case FLOAT -> Value.of(u.unpackDouble());
            case STRING -> {
                // unpackString() goes through a CharsetDecoder and a CharBuffer per call; decoding
                // the payload directly is several times cheaper on the point-select path.
                int length = u.unpackRawStringHeader();
                yield Value.of(new String(u.readPayload(length), StandardCharsets.UTF_8));
            }
            default -> throw new CorruptionException("unexpected " + type + " in a stored row");
        };
    }
}
