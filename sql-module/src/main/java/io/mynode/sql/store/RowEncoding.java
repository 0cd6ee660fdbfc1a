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
 * Rows as MessagePack arrays: one element per column in the table's order;
 * nil, boolean, 64-bit integer, 64-bit float or UTF-8 string. Private to this module.
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
