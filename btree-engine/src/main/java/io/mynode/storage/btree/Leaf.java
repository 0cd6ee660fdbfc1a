package io.mynode.storage.btree;

import java.util.Arrays;

/**
 * A leaf: sorted keys and their values. A value is a {@code byte[]} (stored inline in the page, or
 * a large value not yet flushed to overflow pages) or an {@link Overflow} reference.
 *
 * <p>The arrays may be longer than {@link #count}: an owned leaf grows in place. Callers keep
 * {@link #bytes} right; the leaf does not know the page format.
 */
final class Leaf extends Node {
    byte[][] keys;
    Object[] values;

    Leaf(long owner, byte[][] keys, Object[] values, int count, int bytes) {
        super(owner, count, bytes);
        this.keys = keys;
        this.values = values;
    }

    static Leaf empty(long owner) {
        return new Leaf(owner, new byte[4][], new Object[4], 0, PageFormat.HEADER);
    }

    @Override
    int level() {
        return 0;
    }

    @Override
    Leaf copy(long version) {
        int capacity = count + 4;
        return new Leaf(version, Arrays.copyOf(keys, capacity), Arrays.copyOf(values, capacity), count, bytes);
    }

    /** Index of {@code key}, or {@code -(insertion point) - 1} as {@link Arrays#binarySearch}. */
    int search(byte[] key) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(keys[mid], key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    void insert(int index, byte[] key, Object value) {
        if (count == keys.length) {
            int capacity = Math.max(8, count + (count >> 1));
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        System.arraycopy(keys, index, keys, index + 1, count - index);
        System.arraycopy(values, index, values, index + 1, count - index);
        keys[index] = key;
        values[index] = value;
        count++;
    }

    void remove(int index) {
        System.arraycopy(keys, index + 1, keys, index, count - index - 1);
        System.arraycopy(values, index + 1, values, index, count - index - 1);
        count--;
        keys[count] = null;
        values[count] = null;
    }

    /** Moves entries {@code [from, count)} into a new leaf owned by {@code version}. */
    Leaf splitOff(int from, int movedBytes, long version) {
        int n = count - from;
        Leaf right = new Leaf(version, Arrays.copyOfRange(keys, from, from + n + 4),
                Arrays.copyOfRange(values, from, from + n + 4), n, PageFormat.HEADER + movedBytes);
        Arrays.fill(keys, from, count, null);
        Arrays.fill(values, from, count, null);
        count = from;
        bytes -= movedBytes;
        return right;
    }

    /** Appends every entry of {@code right}, whose keys all sort after this leaf's. */
    void absorb(Leaf right) {
        int total = count + right.count;
        if (total > keys.length) {
            keys = Arrays.copyOf(keys, total + 4);
            values = Arrays.copyOf(values, total + 4);
        }
        System.arraycopy(right.keys, 0, keys, count, right.count);
        System.arraycopy(right.values, 0, values, count, right.count);
        count = total;
        bytes += right.bytes - PageFormat.HEADER;
    }
}
