package io.mynode.storage.btree;

import io.mynode.kernel.error.CorruptionException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The page codec: how leaves, branches, overflow runs and free-list pages look on disk, and the
 * checksum that guards each of them. Every page starts with the same header:
 *
 * <pre>
 *   0  u32 crc32c of bytes [4, used)     16  u32 used   (bytes of the page that count)
 *   4  u8  type (leaf, branch, ...)      20  u32 extra  (overflow: payload bytes in this page)
 *   5  u8  level (0 = leaf)
 *   6  u16 count
 *   8  u64 page number (the page's own)
 * </pre>
 *
 * The page number inside the page catches a page written to the wrong place or a stale page
 * read in place of a fresh one; the checksum covers it. Bytes past {@code used} are not checked:
 * nothing reads them.
 *
 * <pre>
 *   leaf body:      { u16 keyLen, key, u32 valueLen, value }*        (value inline)
 *                   { u16 keyLen, key, u32 0x8000_0000|len, u64 first } (value in overflow pages)
 *   branch body:    u64 child0, { u16 keyLen, key, u64 child }*
 *   overflow body:  payload bytes (a value spans a run of consecutive overflow pages)
 *   free-list body: u64 next free-list page, { u32 first, u32 length }*  (runs of free pages)
 * </pre>
 *
 * <p>Decoding trusts nothing: the checksum is verified first, and a structure that still does not
 * add up (a length past the end) is a {@link CorruptionException}, never an index error.
 */
final class PageFormat {
    static final int HEADER = 24;
    static final byte LEAF = 1;
    static final byte BRANCH = 2;
    static final byte OVERFLOW = 3;
    static final byte FREE_LIST = 4;

    /** Largest key: 4 KiB, as the storage contract's suite expects. */
    static final int MAX_KEY = 4096;
    /** Largest value: 1 MiB. */
    static final int MAX_VALUE = 1 << 20;
    private static final int OVERFLOW_FLAG = 0x8000_0000;

    final int pageSize;
    /**
     * Largest leaf or branch cell. A third of the body, so a node that overflows by one cell can
     * always be split into two that fit, and a branch always holds at least two separators.
     */
    final int maxCell;
    /** Payload bytes per overflow page. */
    final int overflowPayload;

    PageFormat(int pageSize) {
        this.pageSize = pageSize;
        this.maxCell = (pageSize - HEADER - 8) / 3;
        this.overflowPayload = pageSize - HEADER;
        if (2 + MAX_KEY + 4 + 8 > maxCell) {
            throw new IllegalArgumentException("page size " + pageSize + " is too small for " + MAX_KEY + "-byte keys");
        }
    }

    /** Whether a value of {@code valueLength} bytes under a key of {@code keyLength} is stored inline. */
    boolean inline(int keyLength, int valueLength) {
        return 2 + keyLength + 4 + valueLength <= maxCell;
    }

    /** Encoded size of one leaf entry. */
    int leafCell(byte[] key, Object value) {
        int tail = value instanceof byte[] v && inline(key.length, v.length) ? v.length : 8;
        return 2 + key.length + 4 + tail;
    }

    /** Encoded size of branch child {@code i} (with its separator unless it is child 0). */
    static int branchCell(byte[][] keys, int i) {
        return i == 0 ? 8 : 2 + keys[i].length + 8;
    }

    int leafBytes(Leaf leaf) {
        int bytes = HEADER;
        for (int i = 0; i < leaf.count; i++) {
            bytes += leafCell(leaf.keys[i], leaf.values[i]);
        }
        return bytes;
    }

    static int branchBytes(Branch branch) {
        int bytes = HEADER;
        for (int i = 0; i < branch.count; i++) {
            bytes += branchCell(branch.keys, i);
        }
        return bytes;
    }

    /** Pages an overflow run of {@code length} bytes takes. */
    int overflowPages(int length) {
        return Math.max(1, (length + overflowPayload - 1) / overflowPayload);
    }

    // ---- encoding -------------------------------------------------------------------------

    /**
     * Encodes a leaf as page {@code page}. {@code spilled[i]}, when not null, replaces a large
     * in-memory value by the overflow run it was just written to.
     */
    byte[] encodeLeaf(long page, Leaf leaf, Overflow[] spilled) {
        ByteBuffer buf = ByteBuffer.wrap(new byte[pageSize]);
        buf.position(HEADER);
        for (int i = 0; i < leaf.count; i++) {
            byte[] key = leaf.keys[i];
            buf.putShort((short) key.length).put(key);
            Object value = spilled != null && spilled[i] != null ? spilled[i] : leaf.values[i];
            switch (value) {
                case byte[] v -> buf.putInt(v.length).put(v);
                case Overflow o -> buf.putInt(OVERFLOW_FLAG | o.length()).putLong(o.first());
                default -> throw new IllegalStateException("leaf value of type " + value.getClass());
            }
        }
        return seal(buf, LEAF, 0, leaf.count, page, 0);
    }

    /** Encodes a branch whose children all have pages. */
    byte[] encodeBranch(long page, Branch branch) {
        ByteBuffer buf = ByteBuffer.wrap(new byte[pageSize]);
        buf.position(HEADER);
        buf.putLong(branch.children[0].page);
        for (int i = 1; i < branch.count; i++) {
            byte[] key = branch.keys[i];
            buf.putShort((short) key.length).put(key).putLong(branch.children[i].page);
        }
        return seal(buf, BRANCH, branch.level, branch.count, page, 0);
    }

    /** Encodes {@code value} as a run of overflow pages starting at {@code first}, back to back. */
    byte[] encodeOverflow(long first, byte[] value) {
        int pages = overflowPages(value.length);
        byte[] run = new byte[pages * pageSize];
        for (int p = 0; p < pages; p++) {
            int from = p * overflowPayload;
            int n = Math.min(overflowPayload, value.length - from);
            ByteBuffer buf = ByteBuffer.wrap(run, p * pageSize, pageSize).slice();
            buf.position(HEADER);
            buf.put(value, from, n);
            seal(buf, OVERFLOW, 0, 0, first + p, n);
        }
        return run;
    }

    /** Runs of free pages one free-list page holds. */
    int runsPerFreeListPage() {
        return (pageSize - HEADER - 8) / 8;
    }

    byte[] encodeFreeList(long page, long next, long[] runs, int from, int to) {
        ByteBuffer buf = ByteBuffer.wrap(new byte[pageSize]);
        buf.position(HEADER);
        buf.putLong(next);
        for (int i = from; i < to; i++) {
            buf.putInt((int) (runs[i] >>> 32)).putInt((int) runs[i]);
        }
        return seal(buf, FREE_LIST, 0, to - from, page, 0);
    }

    private static byte[] seal(ByteBuffer buf, byte type, int level, int count, long page, int extra) {
        int used = buf.position();
        buf.put(4, type).put(5, (byte) level).putShort(6, (short) count).putLong(8, page)
                .putInt(16, used).putInt(20, extra);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), buf.arrayOffset() + 4, used - 4);
        buf.putInt(0, (int) crc.getValue());
        return buf.array();
    }

    // ---- decoding -------------------------------------------------------------------------

    /**
     * Checks the checksum, type and page number of the page at {@code offset} in {@code bytes};
     * returns a buffer positioned at the body and limited to the used bytes.
     */
    ByteBuffer verify(byte[] bytes, int offset, long page, byte type, String file) {
        ByteBuffer buf = ByteBuffer.wrap(bytes, offset, pageSize).slice();
        int used = buf.getInt(16);
        if (used < HEADER || used > pageSize) {
            throw corrupt(file, page, "used length " + used + " is impossible");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset + 4, used - 4);
        if ((int) crc.getValue() != buf.getInt(0)) {
            throw corrupt(file, page, "checksum mismatch");
        }
        if (buf.get(4) != type) {
            throw corrupt(file, page, "type " + buf.get(4) + " where " + type + " was expected");
        }
        if (buf.getLong(8) != page) {
            throw corrupt(file, page, "page claims to be page " + buf.getLong(8));
        }
        buf.limit(used).position(HEADER);
        return buf;
    }

    /** Decodes a leaf or branch page; {@code level} is what the parent expects. */
    Node decodeNode(byte[] bytes, long page, int level, String file) {
        ByteBuffer buf = verify(bytes, 0, page, level == 0 ? LEAF : BRANCH, file);
        int found = buf.get(5) & 0xFF;
        if (found != level) {
            throw corrupt(file, page, "level " + found + " where " + level + " was expected");
        }
        int count = buf.getShort(6) & 0xFFFF;
        try {
            return level == 0 ? decodeLeaf(buf, count, page, file) : decodeBranch(buf, level, count, page, file);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw corrupt(file, page, "entries run past the end of the page");
        }
    }

    private Leaf decodeLeaf(ByteBuffer buf, int count, long page, String file) {
        byte[][] keys = new byte[count + 4][];
        Object[] values = new Object[count + 4];
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[buf.getShort() & 0xFFFF];
            buf.get(key);
            keys[i] = key;
            int tag = buf.getInt();
            if ((tag & OVERFLOW_FLAG) != 0) {
                int length = tag & ~OVERFLOW_FLAG;
                long first = buf.getLong();
                if (length > MAX_VALUE || first <= 0) {
                    throw corrupt(file, page, "overflow reference " + first + "/" + length + " is impossible");
                }
                values[i] = new Overflow(first, length, overflowPages(length));
            } else {
                byte[] value = new byte[tag];
                buf.get(value);
                values[i] = value;
            }
        }
        return new Leaf(0, keys, values, count, buf.position());
    }

    private Branch decodeBranch(ByteBuffer buf, int level, int count, long page, String file) {
        if (count < 1) {
            throw corrupt(file, page, "branch without children");
        }
        byte[][] keys = new byte[count + 4][];
        Ref[] children = new Ref[count + 4];
        children[0] = new Ref(buf.getLong());
        for (int i = 1; i < count; i++) {
            byte[] key = new byte[buf.getShort() & 0xFFFF];
            buf.get(key);
            keys[i] = key;
            children[i] = new Ref(buf.getLong());
        }
        return new Branch(0, level, keys, children, count, buf.position());
    }

    /** Reassembles a value from its overflow run, checking every page. */
    byte[] decodeOverflow(byte[] run, Overflow overflow, String file) {
        byte[] value = new byte[overflow.length()];
        int at = 0;
        for (int p = 0; p < overflow.pages(); p++) {
            long page = overflow.first() + p;
            ByteBuffer buf = verify(run, p * pageSize, page, OVERFLOW, file);
            int n = buf.getInt(20);
            if (n != Math.min(overflowPayload, value.length - at) || buf.remaining() != n) {
                throw corrupt(file, page, "overflow payload of " + n + " bytes does not match the value length");
            }
            buf.get(value, at, n);
            at += n;
        }
        return value;
    }

    /** One free-list page: appends its runs to {@code into}; returns the next page (0 at the end). */
    long decodeFreeList(byte[] bytes, long page, java.util.List<long[]> into, String file) {
        ByteBuffer buf = verify(bytes, 0, page, FREE_LIST, file);
        int count = buf.getShort(6) & 0xFFFF;
        try {
            long next = buf.getLong();
            for (int i = 0; i < count; i++) {
                into.add(new long[] {Integer.toUnsignedLong(buf.getInt()), Integer.toUnsignedLong(buf.getInt())});
            }
            return next;
        } catch (BufferUnderflowException e) {
            throw corrupt(file, page, "free list runs past the end of the page");
        }
    }

    static CorruptionException corrupt(String file, long page, String what) {
        return new CorruptionException("page " + page + " of " + file + " is corrupt: " + what);
    }
}
