package io.mynode.storage.lsm.sstable;

import io.mynode.kernel.error.CorruptionException;
import java.util.Arrays;

/**
 * One verified data block, immutable and shared through the {@link BlockCache}. Layout (after
 * LevelDB's table format):
 *
 * <pre>
 *   entry*   : shared varint | unshared varint | valueLength varint | kind u8 | key[shared..] | value
 *   restart* : u32 offset of an entry that stores its whole key (shared = 0)
 *   count    : u32 number of restarts
 * </pre>
 *
 * <p>The block's CRC32C was checked before this object was built, yet every decode is still
 * bounds-checked: the checksum makes a wrong answer unlikely, the checks make a crash impossible.
 */
public final class Block {
    static final byte KIND_DELETE = 0;
    static final byte KIND_PUT = 1;

    final byte[] data;
    /** Read since the cache's eviction hand last passed (a racy hint, never a correctness matter). */
    boolean referenced;
    private final int restartsOffset;
    private final int restartCount;
    private final Object where;

    /** {@code where} names the block in error messages; its {@code toString} runs only on error. */
    Block(byte[] data, Object where) {
        this.data = data;
        this.where = where;
        if (data.length < 4) {
            throw new CorruptionException("block too short in " + where);
        }
        restartCount = getInt(data, data.length - 4);
        long offset = data.length - 4 - 4L * restartCount;
        if (restartCount < 0 || offset < 0) {
            throw new CorruptionException("bad restart count in " + where);
        }
        restartsOffset = (int) offset;
    }

    int size() {
        return data.length;
    }

    private int restart(int i) {
        int off = getInt(data, restartsOffset + 4 * i);
        if (off < 0 || off >= restartsOffset) {
            throw new CorruptionException("bad restart offset in " + where);
        }
        return off;
    }

    static int getInt(byte[] b, int pos) {
        return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
    }

    static void putInt(byte[] b, int pos, int v) {
        b[pos] = (byte) v;
        b[pos + 1] = (byte) (v >>> 8);
        b[pos + 2] = (byte) (v >>> 16);
        b[pos + 3] = (byte) (v >>> 24);
    }

    /** A fresh cursor; cursors are cheap and used by one thread. */
    Cursor cursor() {
        return new Cursor();
    }

    /**
     * A position inside the block: {@link #valid()} or past either end. The current key lives in a
     * reused buffer; {@link #key()} copies it.
     */
    final class Cursor {
        private final int[] next = new int[1];
        private byte[] key = new byte[32];
        private int keyLength;
        private int pos = -1;
        private int nextPos;
        private int valueOffset;
        private int valueLength;
        private byte kind;

        boolean valid() {
            return pos >= 0;
        }

        byte[] key() {
            return Arrays.copyOf(key, keyLength);
        }

        int compareKey(byte[] other) {
            return Arrays.compareUnsigned(key, 0, keyLength, other, 0, other.length);
        }

        boolean isDelete() {
            return kind == KIND_DELETE;
        }

        byte[] value() {
            return Arrays.copyOfRange(data, valueOffset, valueOffset + valueLength);
        }

        /** Decodes the entry at {@code at}, whose predecessor's key is in the buffer. */
        private void decodeAt(int at) {
            if (at >= restartsOffset) {
                pos = -1;
                return;
            }
            int shared = Varint.readInt(data, at, restartsOffset, next);
            int unshared = Varint.readInt(data, next[0], restartsOffset, next);
            int vlen = Varint.readInt(data, next[0], restartsOffset, next);
            int p = next[0];
            if (shared > keyLength || (long) p + 1 + unshared + vlen > restartsOffset) {
                throw new CorruptionException("malformed entry at " + at + " in " + where);
            }
            kind = data[p++];
            if (kind != KIND_PUT && kind != KIND_DELETE) {
                throw new CorruptionException("unknown entry kind " + kind + " in " + where);
            }
            if (key.length < shared + unshared) {
                key = Arrays.copyOf(key, Math.max(shared + unshared, key.length * 2));
            }
            System.arraycopy(data, p, key, shared, unshared);
            keyLength = shared + unshared;
            p += unshared;
            valueOffset = p;
            valueLength = vlen;
            pos = at;
            nextPos = p + vlen;
        }

        void seekToFirst() {
            keyLength = 0;
            decodeAt(restartCount == 0 ? restartsOffset : restart(0));
        }

        void seekToLast() {
            if (restartCount == 0) {
                pos = -1;
                return;
            }
            keyLength = 0;
            decodeAt(restart(restartCount - 1));
            while (pos >= 0 && nextPos < restartsOffset) {
                decodeAt(nextPos);
            }
        }

        void next() {
            decodeAt(nextPos);
        }

        /** Moves to the entry before the current one (invalid if it was the first). */
        void prev() {
            int target = pos;
            int lo = 0;
            int hi = restartCount - 1;
            while (lo < hi) { // last restart whose offset is below target
                int mid = (lo + hi + 1) >>> 1;
                if (restart(mid) < target) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            if (restartCount == 0 || restart(lo) >= target) {
                pos = -1;
                return;
            }
            keyLength = 0;
            decodeAt(restart(lo));
            while (pos >= 0 && nextPos < target) {
                decodeAt(nextPos);
            }
            if (pos < 0 || nextPos != target) {
                throw new CorruptionException("entries do not chain in " + where);
            }
        }

        /** Moves to the first entry whose key is at or after {@code target}. */
        void seek(byte[] target) {
            int lo = 0;
            int hi = restartCount - 1;
            while (lo < hi) { // last restart whose key is below target
                int mid = (lo + hi + 1) >>> 1;
                keyLength = 0;
                decodeAt(restart(mid));
                if (compareKey(target) < 0) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            if (restartCount == 0) {
                pos = -1;
                return;
            }
            keyLength = 0;
            decodeAt(restart(lo));
            while (pos >= 0 && compareKey(target) < 0) {
                decodeAt(nextPos);
            }
        }
    }
}
