package io.mynode.kernel.storage;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A contiguous range of keys in {@link Keys#ORDER}. Each end is either unbounded or a key that is
 * included or excluded. A range whose start lies after its end is empty, never an error.
 *
 * @param start lower end, or {@code null} for unbounded
 * @param startInclusive whether {@code start} itself is in the range
 * @param end upper end, or {@code null} for unbounded
 * @param endInclusive whether {@code end} itself is in the range
 */
public record KeyRange(byte[] start, boolean startInclusive, byte[] end, boolean endInclusive) {

    private static final KeyRange ALL = new KeyRange(null, true, null, true);

    /** Every key. */
    public static KeyRange all() {
        return ALL;
    }

    /** {@code [from, to)}: the common half-open range. */
    public static KeyRange closedOpen(byte[] from, byte[] to) {
        return new KeyRange(from, true, to, false);
    }

    /** {@code [from, to]}. */
    public static KeyRange closed(byte[] from, byte[] to) {
        return new KeyRange(from, true, to, true);
    }

    /** {@code [from, +inf)}. */
    public static KeyRange atLeast(byte[] from) {
        return new KeyRange(from, true, null, true);
    }

    /** {@code (from, +inf)}. */
    public static KeyRange greaterThan(byte[] from) {
        return new KeyRange(from, false, null, true);
    }

    /** {@code (-inf, to)}. */
    public static KeyRange lessThan(byte[] to) {
        return new KeyRange(null, true, to, false);
    }

    /** {@code (-inf, to]}. */
    public static KeyRange atMost(byte[] to) {
        return new KeyRange(null, true, to, true);
    }

    /** Every key that begins with {@code prefix}. */
    public static KeyRange prefix(byte[] prefix) {
        return new KeyRange(prefix, true, Keys.prefixEnd(prefix).orElse(null), false);
    }

    /** Whether {@code key} lies at or after the start of this range. */
    public boolean afterStart(byte[] key) {
        if (start == null) {
            return true;
        }
        int c = Keys.compare(key, start);
        return startInclusive ? c >= 0 : c > 0;
    }

    /** Whether {@code key} lies at or before the end of this range. */
    public boolean beforeEnd(byte[] key) {
        if (end == null) {
            return true;
        }
        int c = Keys.compare(key, end);
        return endInclusive ? c <= 0 : c < 0;
    }

    /** Whether {@code key} is in this range. */
    public boolean contains(byte[] key) {
        return afterStart(key) && beforeEnd(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRange r
                && Arrays.equals(start, r.start) && startInclusive == r.startInclusive
                && Arrays.equals(end, r.end) && endInclusive == r.endInclusive;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(start) * 31 + Arrays.hashCode(end) + (startInclusive ? 2 : 0) + (endInclusive ? 1 : 0);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return (start == null ? "(-inf" : (startInclusive ? "[" : "(") + hex.formatHex(start)) + ", "
                + (end == null ? "+inf)" : hex.formatHex(end) + (endInclusive ? "]" : ")"));
    }
}
