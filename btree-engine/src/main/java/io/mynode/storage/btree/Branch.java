package io.mynode.storage.btree;

import java.util.Arrays;

/**
 * An inner node: {@code count} children and {@code count - 1} separators. Child {@code i} holds
 * the keys {@code k} with {@code keys[i] <= k < keys[i + 1]}; {@code keys[0]} is unused (null), as
 * child 0 holds everything below {@code keys[1]}.
 *
 * <pre>
 *            [  ·  |  "f"  |  "m"  ]        keys
 *            [ c0  |  c1   |  c2   ]        children
 *   c0: k < "f"     c1: "f" <= k < "m"     c2: "m" <= k
 * </pre>
 */
final class Branch extends Node {
    final int level;
    byte[][] keys;
    Ref[] children;

    Branch(long owner, int level, byte[][] keys, Ref[] children, int count, int bytes) {
        super(owner, count, bytes);
        this.level = level;
        this.keys = keys;
        this.children = children;
    }

    @Override
    int level() {
        return level;
    }

    @Override
    Branch copy(long version) {
        int capacity = count + 4;
        return new Branch(version, level, Arrays.copyOf(keys, capacity), Arrays.copyOf(children, capacity), count, bytes);
    }

    /** The child whose key range holds {@code key}. */
    int childIndex(byte[] key) {
        int lo = 1;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(keys[mid], key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return lo - 1;
    }

    /** Inserts {@code child} at {@code index} (at least 1) with {@code separator} as its lower bound. */
    void insert(int index, byte[] separator, Ref child) {
        if (count == keys.length) {
            int capacity = Math.max(8, count + (count >> 1));
            keys = Arrays.copyOf(keys, capacity);
            children = Arrays.copyOf(children, capacity);
        }
        System.arraycopy(keys, index, keys, index + 1, count - index);
        System.arraycopy(children, index, children, index + 1, count - index);
        keys[index] = separator;
        children[index] = child;
        count++;
    }

    /**
     * Removes child {@code index} and the separator that bounds it. Removing child 0 drops the
     * separator of child 1, which then covers child 0's range as well.
     */
    void remove(int index) {
        System.arraycopy(keys, index + 1, keys, index, count - index - 1);
        System.arraycopy(children, index + 1, children, index, count - index - 1);
        count--;
        keys[count] = null;
        children[count] = null;
        keys[0] = null;
    }

    /**
     * Moves children {@code [from, count)} into a new branch; returns it. The separator of child
     * {@code from} is what the caller pushes up to the parent ({@code keys[from]} before the call).
     */
    Branch splitOff(int from, int movedBytes, long version) {
        int n = count - from;
        Branch right = new Branch(version, level, Arrays.copyOfRange(keys, from, from + n + 4),
                Arrays.copyOfRange(children, from, from + n + 4), n, PageFormat.HEADER + movedBytes);
        right.keys[0] = null;
        Arrays.fill(keys, from, count, null);
        Arrays.fill(children, from, count, null);
        count = from;
        bytes -= movedBytes;
        return right;
    }

    /** Appends {@code right}'s children; {@code separator} becomes the lower bound of its first child. */
    void absorb(byte[] separator, int separatorBytes, Branch right) {
        int total = count + right.count;
        if (total > keys.length) {
            keys = Arrays.copyOf(keys, total + 4);
            children = Arrays.copyOf(children, total + 4);
        }
        System.arraycopy(right.keys, 0, keys, count, right.count);
        System.arraycopy(right.children, 0, children, count, right.count);
        keys[count] = separator;
        count = total;
        bytes += right.bytes - PageFormat.HEADER + separatorBytes;
    }
}
