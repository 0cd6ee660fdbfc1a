package io.mynode.storage.lsm.sstable;

import java.util.Arrays;

/**
 * Builds one prefix-compressed block (the layout {@link Block} reads). Keys must arrive in strictly
 * ascending order. Every {@code restartInterval}-th entry stores its whole key and is recorded as a
 * restart point, so a reader can binary-search the restarts and decode at most one interval.
 */
final class BlockBuilder {
    private final int restartInterval;
    private byte[] buf = new byte[8192];
    private int size;
    private int[] restarts = new int[64];
    private int restartCount;
    private int sinceRestart;
    private byte[] lastKey = new byte[64];
    private int lastKeyLength;
    private int entries;

    BlockBuilder(int restartInterval) {
        this.restartInterval = restartInterval;
    }

    void add(byte[] key, byte kind, byte[] value, int valueOffset, int valueLength) {
        int shared = 0;
        if (sinceRestart < restartInterval && entries > 0) {
            int max = Math.min(lastKeyLength, key.length);
            int mismatch = Arrays.mismatch(lastKey, 0, max, key, 0, max);
            shared = mismatch < 0 ? max : mismatch;
        } else {
            if (restartCount == restarts.length) {
                restarts = Arrays.copyOf(restarts, restartCount * 2);
            }
            restarts[restartCount++] = size;
            sinceRestart = 0;
        }
        int unshared = key.length - shared;
        ensure(15 + 1 + unshared + valueLength);
        size = Varint.write(buf, size, shared);
        size = Varint.write(buf, size, unshared);
        size = Varint.write(buf, size, valueLength);
        buf[size++] = kind;
        System.arraycopy(key, shared, buf, size, unshared);
        size += unshared;
        System.arraycopy(value, valueOffset, buf, size, valueLength);
        size += valueLength;
        if (lastKey.length < key.length) {
            lastKey = new byte[Math.max(key.length, lastKey.length * 2)];
        }
        System.arraycopy(key, 0, lastKey, 0, key.length);
        lastKeyLength = key.length;
        sinceRestart++;
        entries++;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    /** Bytes the finished block would take. */
    int estimatedSize() {
        return size + 4 * restartCount + 4;
    }

    boolean isEmpty() {
        return entries == 0;
    }

    /** The last key added, copied. */
    byte[] lastKey() {
        return Arrays.copyOf(lastKey, lastKeyLength);
    }

    /** Appends the restart array and returns the block; {@code out[0..length)} is valid. */
    byte[] finish() {
        ensure(4 * restartCount + 4);
        for (int i = 0; i < restartCount; i++) {
            Block.putInt(buf, size, restarts[i]);
            size += 4;
        }
        Block.putInt(buf, size, restartCount);
        size += 4;
        return Arrays.copyOf(buf, size);
    }

    void reset() {
        size = 0;
        restartCount = 0;
        sinceRestart = 0;
        entries = 0;
        lastKeyLength = 0;
    }
}
