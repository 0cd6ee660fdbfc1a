package io.mynode.sql.types;

import io.mynode.kernel.sql.Value;
import java.util.Comparator;
import java.util.List;

/**
 * A total order on values for sorting, grouping and DISTINCT, unlike SQL's comparison
 * operators (which are three-valued and follow IEEE). Within a type the natural order;
 * integers and floats compare numerically; {@code -0.0} equals {@code 0.0}; NaN equals NaN and
 * sorts above every number; NULL sorts above everything (PostgreSQL's {@code NULLS LAST} for
 * ascending order). Values of different non-numeric types do not meet in one column, but are
 * still ordered by type so the order stays total.
 */
public final class ValueOrder implements Comparator<Value> {
    public static final ValueOrder INSTANCE = new ValueOrder();

    private ValueOrder() {}

    @Override
    public int compare(Value a, Value b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (a) {
            case Value.Null n -> 0;
            case Value.Bool(boolean x) -> Boolean.compare(x, ((Value.Bool) b).value());
            case Value.Str(String x) -> compareStrings(x, ((Value.Str) b).value());
            case Value.Int(long x) when b instanceof Value.Int(long y) -> Long.compare(x, y);
            default -> compareNumbers(a, b);
        };
    }

    /**
     * Strings compare by Unicode code point, which is the byte order of their UTF-8 encodings
     * (and so of their keys), and PostgreSQL's order under the C collation. Java's
     * {@link String#compareTo} compares UTF-16 units, which differs above U+FFFF.
     */
    public static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static int compareNumbers(Value a, Value b) {
        double x = asDouble(a);
        double y = asDouble(b);
        boolean nx = Double.isNaN(x);
        boolean ny = Double.isNaN(y);
        if (nx || ny) {
            return Boolean.compare(nx, ny);
        }
        if (x < y) {
            return -1;
        }
        if (x > y) {
            return 1;
        }
        // Numerically equal doubles; an integer beyond 2^53 may still differ from the float.
        if (a instanceof Value.Int(long i) && b instanceof Value.Float(double f)) {
            return new java.math.BigDecimal(i).compareTo(new java.math.BigDecimal(f));
        }
        if (a instanceof Value.Float(double f) && b instanceof Value.Int(long i)) {
            return new java.math.BigDecimal(f).compareTo(new java.math.BigDecimal(i));
        }
        return 0;
    }

    private static double asDouble(Value v) {
        return v instanceof Value.Int(long i) ? i : ((Value.Float) v).value();
    }

    private static int rank(Value v) {
        return switch (v) {
            case Value.Bool b -> 0;
            case Value.Int i -> 1;
            case Value.Float f -> 1;
            case Value.Str s -> 2;
            case Value.Null n -> 3;
        };
    }

    /**
     * A value made canonical for hashing, so that values this order calls equal are
     * {@code equals}: {@code -0.0} becomes {@code 0.0}, every NaN the same NaN, and a float
     * holding an exact integer becomes that integer.
     */
    public static Value canonical(Value v) {
        if (v instanceof Value.Float(double d)) {
            if (Double.isNaN(d)) {
                return Value.of(Double.NaN);
            }
            if (d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
                return Value.of((long) d);
            }
        }
        return v;
    }

    /** A row made canonical value by value, for use as a hash key. */
    public static List<Value> canonical(List<Value> row) {
        Value[] out = new Value[row.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = canonical(row.get(i));
        }
        return List.of(out);
    }
}
