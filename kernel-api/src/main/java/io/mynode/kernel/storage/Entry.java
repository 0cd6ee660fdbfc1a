package io.mynode.kernel.storage;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One key and its value, as a scan yields them. The arrays belong to the receiver: engines hand
 * out copies (or arrays they never touch again), so a caller may keep them.
 */
public record Entry(byte[] key, byte[] value) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && Arrays.equals(key, e.key) && Arrays.equals(value, e.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(key) + "=" + HexFormat.of().formatHex(value);
    }
}
