package io.mynode.storage.lsm.sstable;

import io.mynode.kernel.error.CorruptionException;

/**
 * LEB128 variable-length integers, as LevelDB encodes lengths inside blocks: seven bits a byte,
 * high bit set on every byte but the last. Decoding is bounds-checked so that a flipped byte
 * (already caught by the block checksum) can never turn into an {@link ArrayIndexOutOfBoundsException}.
 */
final class Varint {
    private Varint() {}

    /** Writes {@code v} (treated as unsigned) at {@code out[pos]} and returns the position after it. */
    static int write(byte[] out, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            out[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[pos++] = (byte) v;
        return pos;
    }

    /** Bytes {@link #write} uses for {@code v}. */
    static int size(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /**
     * Reads an int at {@code in[pos]} that must end before {@code limit}; returns the value and
     * stores the next position in {@code next[0]}.
     */
    static int readInt(byte[] in, int pos, int limit, int[] next) {
        long v = readLong(in, pos, limit, next);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new CorruptionException("varint out of range at offset " + pos);
        }
        return (int) v;
    }

    static long readLong(byte[] in, int pos, int limit, int[] next) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new CorruptionException("truncated varint at offset " + pos);
            }
            byte b = in[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                next[0] = pos;
                return v;
            }
        }
        throw new CorruptionException("overlong varint at offset " + pos);
    }
}
