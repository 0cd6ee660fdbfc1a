package io.mynode.kernel.storage;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The one key order of mynode: unsigned lexicographic comparison of bytes, shorter first on a tie.
 * Every engine, the MVCC layer and the SQL key encodings rely on exactly this order.
 */
public final class Keys {
    /** Unsigned lexicographic order, as {@link Arrays#compareUnsigned(byte[], byte[])}. */
    public static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    private Keys() {}

    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}, or empty when there
     * is none (the prefix is all 0xFF bytes): the exclusive end of a prefix scan.
     */
    public static java.util.Optional<byte[]> prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return java.util.Optional.of(end);
            }
        }
        return java.util.Optional.empty();
    }
}
