package io.mynode.sql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.storage.Keys;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.ValueOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EncodingTests {
    private static Value randomValue(Random r, DataType type) {
        if (r.nextInt(10) == 0) {
            return Value.NULL;
        }
        return switch (type) {
            case BOOLEAN -> Value.of(r.nextBoolean());
            case INTEGER -> Value.of(switch (r.nextInt(4)) {
                case 0 -> Long.MIN_VALUE + r.nextInt(3);
                case 1 -> Long.MAX_VALUE - r.nextInt(3);
                default -> (long) r.nextInt(2001) - 1000;
            });
            case FLOAT -> Value.of(switch (r.nextInt(6)) {
                case 0 -> Double.NEGATIVE_INFINITY;
                case 1 -> Double.POSITIVE_INFINITY;
                case 2 -> r.nextBoolean() ? 0.0 : -0.0;
                default -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20) - 10);
            });
            case STRING -> {
                StringBuilder sb = new StringBuilder();
                for (int i = r.nextInt(6); i > 0; i--) {
                    sb.appendCodePoint(new int[] {0, 1, 'a', 'A', 'z', 0xE9, 0x2713, 0xFFFD, 0x1F600}[r.nextInt(9)]);
                }
                yield Value.of(sb.toString());
            }
            case NULL -> Value.NULL;
        };
    }

    @Nested
    class Keys_ {
        @Test
        void byteOrderIsValueOrderWithNullFirst() {
            Random r = new Random(3);
            for (DataType type : List.of(DataType.BOOLEAN, DataType.INTEGER, DataType.FLOAT, DataType.STRING)) {
                for (int i = 0; i < 5000; i++) {
                    Value a = randomValue(r, type);
                    Value b = randomValue(r, type);
                    int bytes = Integer.signum(Keys.compare(KeyEncoding.key((byte) 0, a), KeyEncoding.key((byte) 0, b)));
                    int values = a instanceof Value.Null || b instanceof Value.Null
                            ? Boolean.compare(!(a instanceof Value.Null), !(b instanceof Value.Null))
                            : Integer.signum(ValueOrder.INSTANCE.compare(a, b));
                    assertEquals(values, bytes, a + " vs " + b);
                }
            }
        }

        @Test
        void decodeInvertsEncodeForCompositeKeys() {
            Random r = new Random(5);
            for (int i = 0; i < 2000; i++) {
                List<Value> parts = new ArrayList<>();
                for (DataType t : List.of(DataType.STRING, DataType.INTEGER, DataType.FLOAT, DataType.BOOLEAN)) {
                    Value v = randomValue(r, t);
                    // -0.0 is written as 0.0 on purpose: equal keys for equal values.
                    parts.add(v instanceof Value.Float(double d) && d == 0.0 ? Value.of(0.0) : v);
                }
                assertEquals(parts, KeyEncoding.decode(KeyEncoding.key((byte) 9, parts.toArray(Value[]::new))));
            }
        }

        @Test
        void aStringKeyIsNeverAPrefixOfAnother() {
            byte[] ab = KeyEncoding.key((byte) 0, Value.of("ab"));
            byte[] a = KeyEncoding.key((byte) 0, Value.of("a"));
            byte[] prefix = KeyEncoding.key((byte) 4, Value.of("t"), Value.of("i"), Value.of("a"));
            byte[] entry = KeyEncoding.key((byte) 4, Value.of("t"), Value.of("i"), Value.of("ab"), Value.of(1L));
            assertEquals(-1, Integer.signum(Keys.compare(a, ab)));
            assertEquals(false, io.mynode.kernel.storage.KeyRange.prefix(prefix).contains(entry));
        }
    }

    @Nested
    class Rows {
        @Test
        void roundTripEveryType() {
            List<Value> row = List.of(Value.NULL, Value.TRUE, Value.of(Long.MIN_VALUE), Value.of(Double.NaN),
                    Value.of(-0.0), Value.of("héllo"), Value.of(""));
            assertEquals(row, RowEncoding.decode(RowEncoding.encode(row)));
        }

        @Test
        void reportGarbageAsCorruption() {
            assertThrows(CorruptionException.class, () -> RowEncoding.decode(new byte[] {(byte) 0x93, (byte) 0xc1}));
        }

        @Test
        void schemasRoundTrip() {
            Table t = new Table("main", "movie", Value.of(77L), List.of(
                    new Column("rowid", DataType.INTEGER, false, Optional.empty(), true, 0, Value.NULL),
                    new Column("g", DataType.INTEGER, true, Optional.of(Value.of(1L)), 3),
                    new Column("s", DataType.STRING, true, Optional.of(Value.NULL), false, 1, Value.of("old"))),
                    List.of(0), List.of(new Index("movie_g_fkey", Value.of(78L), List.of("g"), false,
                            Index.Origin.FOREIGN_KEY), new Index("s_idx", Value.of("s_idx"), List.of("s", "g"), true,
                            Index.Origin.CREATED)),
                    List.of(new ForeignKey("movie_g_fkey", List.of("g"), "other", "genre")), 4);
            assertEquals(t, SchemaFormat.decodeTable(SchemaFormat.encode(t), "test"));
        }
    }

    @Nested
    class LookupValues {
        @Test
        void coerceToTheColumnTypeOrFindNothing() {
            assertEquals(Optional.of(Value.of(1.0)), TableData.keyValue(Value.of(1L), DataType.FLOAT));
            assertEquals(Optional.of(Value.of(2L)), TableData.keyValue(Value.of(2.0), DataType.INTEGER));
            assertEquals(Optional.empty(), TableData.keyValue(Value.of(2.5), DataType.INTEGER));
            assertEquals(Optional.empty(), TableData.keyValue(Value.of(Double.NaN), DataType.FLOAT));
            assertEquals(Optional.empty(), TableData.keyValue(Value.of("1"), DataType.INTEGER));
        }
    }
}
