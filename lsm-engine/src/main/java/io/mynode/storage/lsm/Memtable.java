package io.mynode.storage.lsm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The sorted in-memory table that takes every write: a skip list whose nodes, keys and values all
 * live in large byte arrays (an arena), after RocksDB's {@code InlineSkipList}. Each node is one
 * version of a key, stamped with the sequence number of the batch that wrote it, and the list is
 * ordered by key ascending, then sequence descending, so the newest version of a key comes first:
 *
 * <pre>
 *   head ─► ("apple",9,"red") ─► ("apple",4,⌫) ─► ("apple",2,"green") ─► ("pear",7,"ripe") ─► nil
 *            └── towers of 1..12 forward links; one in four nodes reaches each next level
 * </pre>
 *
 * <p>Why an arena and not a {@link java.util.concurrent.ConcurrentSkipListMap}: a memtable's
 * entries all live until it is flushed, which is the worst case for a copying garbage collector
 * (every entry is copied out of the young generation, often twice). Here a memtable is a handful
 * of one-megabyte arrays, which G1 places straight in the old generation, and a search step reads
 * one node (links, sequence and key together) instead of chasing an index node, a node and a key
 * object.
 *
 * <p>Two arenas: nodes in {@code long[]} chunks ({@code seq | value reference | key and value
 * lengths | height | next[height] | key}), so that links can be read with acquire and written
 * with release semantics and a search compares keys without leaving the node (the key is packed
 * big-endian into longs); values in {@code byte[]} chunks. A reference is {@code chunk << 32 |
 * index}; 0 is nil (index 0 of node chunk 0 is never a node).
 *
 * <p>A reader at sequence {@code s} takes, per key, the first version with {@code seq <= s}: that
 * is how a batch becomes visible at once (the engine publishes its number after inserting all of
 * it) and how a snapshot keeps its view while the writer goes on.
 *
 * <p>Threads: one writer at a time (the engine's write lock); any number of readers, without locks.
 * The writer fills a node completely, then links it bottom-up with release stores; readers follow
 * links with acquire loads, so a node they reach is always complete (Herlihy et al., "A Simple
 * Optimistic Skiplist Algorithm", without the locks a single writer does not need).
 */
final class Memtable {
    static final int MAX_HEIGHT = 12;
    private static final VarHandle LINK = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long HEAD = 1; // node chunk 0, index 1: 0 stays nil

    private final int dataChunkBytes;
    private final int nodeChunkLongs;
    private volatile long[][] nodeChunks = new long[8][];
    private volatile byte[][] dataChunks = new byte[8][];
    private int nodeChunkCount;
    private int dataChunkCount;
    private int nodeFree; // next free index in the last node chunk
    private int dataFree; // next free byte in the last data chunk
    private long random = 0x9E3779B97F4A7C15L;
    private final long[] prev = new long[MAX_HEIGHT]; // writer's scratch for put
    private volatile long bytes;
    private volatile long entries;
    private long lastSeq;

    /** A memtable sized for about {@code limitBytes}: its arenas grow in chunks of an eighth of that, 4 KiB to 1 MiB. */
    Memtable(long limitBytes) {
        this.dataChunkBytes = (int) Math.max(4096, Math.min(1 << 20, limitBytes / 8));
        this.nodeChunkLongs = dataChunkBytes / 8;
        newNodeChunk(nodeChunkLongs);
        nodeFree = (int) HEAD + 4 + MAX_HEIGHT;
        nodeChunks[0][(int) HEAD + 3] = MAX_HEIGHT;
        newDataChunk(dataChunkBytes);
    }

    private void newNodeChunk(int longs) {
        long[][] cs = nodeChunks;
        if (nodeChunkCount == cs.length) {
            cs = Arrays.copyOf(cs, cs.length * 2);
        }
        cs[nodeChunkCount++] = new long[longs];
        nodeChunks = cs; // volatile: published before any link into the new chunk
        nodeFree = 0;
    }

    private void newDataChunk(int size) {
        byte[][] cs = dataChunks;
        if (dataChunkCount == cs.length) {
            cs = Arrays.copyOf(cs, cs.length * 2);
        }
        cs[dataChunkCount++] = new byte[size];
        dataChunks = cs;
        dataFree = 0;
    }

    // Node layout in a long[] chunk:
    //   seq | value ref | keyLength << 32 | valueLength (-1: tombstone) | height | next[height] | key
    // The key is packed big-endian into longs, zero-padded, so comparing it is comparing longs
    // unsigned and then lengths, all inside the node. The value sits in a byte[] chunk at the
    // value ref (chunk << 32 | offset).

    /** {@code key} packed as nodes store it. */
    static long[] pack(byte[] key) {
        long[] out = new long[(key.length + 7) >>> 3];
        for (int i = 0; i < key.length; i++) {
            out[i >>> 3] |= (key[i] & 0xFFL) << (56 - 8 * (i & 7));
        }
        return out;
    }

    private long[] node(long ref) {
        return nodeChunks[(int) (ref >>> 32)];
    }

    private long next(long ref, int level) {
        return (long) LINK.getAcquire(node(ref), (int) ref + 4 + level);
    }

    private long seq(long ref) {
        return node(ref)[(int) ref];
    }

    private int keyLength(long ref) {
        return (int) (node(ref)[(int) ref + 2] >>> 32);
    }

    private int valueLength(long ref) {
        return (int) node(ref)[(int) ref + 2];
    }

    /** Orders node {@code ref}'s key against a packed key of {@code length} bytes. */
    private int compareKey(long ref, long[] packed, int length) {
        long[] n = node(ref);
        int base = (int) ref;
        int at = base + 4 + (int) n[base + 3];
        int len = (int) (n[base + 2] >>> 32);
        int words = Math.min((len + 7) >>> 3, packed.length);
        for (int i = 0; i < words; i++) {
            long a = n[at + i];
            long b = packed[i];
            if (a != b) {
                return Long.compareUnsigned(a, b);
            }
        }
        return Integer.compare(len, length);
    }

    /** Order of node {@code ref} against (key, seq): key ascending, then sequence descending. */
    private int compare(long ref, long[] packed, int length, long seq) {
        int c = compareKey(ref, packed, length);
        return c != 0 ? c : Long.compare(seq, seq(ref));
    }

    private int randomHeight() {
        long r = random;
        r ^= r << 13;
        r ^= r >>> 7;
        r ^= r << 17;
        random = r;
        int h = 1;
        while (h < MAX_HEIGHT && (r & 3) == 0) {
            h++;
            r >>>= 2;
        }
        return h;
    }

    /**
     * Adds a version. A later write of the same key in the same batch (same seq) lands before the
     * earlier one, so it wins. Writer only.
     */
    void put(byte[] key, long seq, byte[] value) {
        long[] packed = pack(key);
        long[] prev = this.prev;
        long x = HEAD;
        for (int level = MAX_HEIGHT - 1; level >= 0; level--) {
            for (long n = next(x, level); n != 0 && compare(n, packed, key.length, seq) < 0; n = next(x, level)) {
                x = n;
            }
            prev[level] = x;
        }
        int height = randomHeight();
        int vlen = value == null ? 0 : value.length;
        long valueRef = 0;
        if (vlen > 0) {
            if (vlen > dataChunkBytes / 4) {
                newDataChunk(vlen);
            } else if (dataFree + vlen > dataChunks[dataChunkCount - 1].length) {
                newDataChunk(dataChunkBytes);
            }
            valueRef = (long) (dataChunkCount - 1) << 32 | dataFree;
            System.arraycopy(value, 0, dataChunks[dataChunkCount - 1], dataFree, vlen);
            dataFree += vlen;
        }
        int longs = 4 + height + packed.length;
        if (longs > nodeChunkLongs / 4) {
            newNodeChunk(longs);
        } else if (nodeFree + longs > nodeChunks[nodeChunkCount - 1].length) {
            newNodeChunk(nodeChunkLongs);
        }
        long[] n = nodeChunks[nodeChunkCount - 1];
        int at = nodeFree;
        nodeFree += longs;
        long ref = (long) (nodeChunkCount - 1) << 32 | at;
        n[at] = seq;
        n[at + 1] = valueRef;
        n[at + 2] = (long) key.length << 32 | ((value == null ? -1 : vlen) & 0xFFFFFFFFL);
        n[at + 3] = height;
        System.arraycopy(packed, 0, n, at + 4 + height, packed.length);
        for (int level = 0; level < height; level++) {
            n[at + 4 + level] = next(prev[level], level);
            LINK.setRelease(node(prev[level]), (int) prev[level] + 4 + level, ref);
        }
        bytes += vlen + 8L * longs;
        entries++;
    }

    /**
     * First node at or after (key, seq) in list order, or nil. Returns the node the search compared
     * on the bottom level, never a fresh read of that link: the writer may have linked a newer
     * version of the key (which sorts before (key, seq)) in between, and returning it would show a
     * reader at {@code seq} a batch it must not see.
     */
    private long seek(long[] packed, int length, long seq) {
        long x = HEAD;
        long n = 0;
        for (int level = MAX_HEIGHT - 1; level >= 0; level--) {
            for (n = next(x, level); n != 0 && compare(n, packed, length, seq) < 0; n = next(x, level)) {
                x = n;
            }
        }
        return n;
    }

    /** Last node whose key is below {@code key} (at or below, if {@code inclusive}), or HEAD. */
    private long seekLast(byte[] key, boolean inclusive) {
        long[] packed = key == null ? null : pack(key);
        long x = HEAD;
        for (int level = MAX_HEIGHT - 1; level >= 0; level--) {
            for (long n = next(x, level); n != 0; n = next(x, level)) {
                int c = key == null ? -1 : compareKey(n, packed, key.length);
                if (c < 0 || (inclusive && c == 0)) {
                    x = n;
                } else {
                    break;
                }
            }
        }
        return x;
    }

    /**
     * The newest version of {@code key} at or below {@code seq}: a copy of its value,
     * {@code deleted} for a tombstone, or null if the key has no such version here.
     */
    byte[] get(byte[] key, long seq, byte[] deleted) {
        long[] packed = pack(key);
        long n = seek(packed, key.length, seq);
        if (n == 0 || compareKey(n, packed, key.length) != 0) {
            return null;
        }
        return valueOf(n, deleted);
    }

    private byte[] valueOf(long n, byte[] deleted) {
        int vlen = valueLength(n);
        if (vlen < 0) {
            return deleted;
        }
        if (vlen == 0) {
            return new byte[0];
        }
        long valueRef = node(n)[(int) n + 1];
        int vo = (int) valueRef;
        return Arrays.copyOfRange(dataChunks[(int) (valueRef >>> 32)], vo, vo + vlen);
    }

    private byte[] keyOf(long n) {
        long[] c = node(n);
        int at = (int) n + 4 + (int) c[(int) n + 3];
        byte[] key = new byte[keyLength(n)];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (c[at + (i >>> 3)] >>> (56 - 8 * (i & 7)));
        }
        return key;
    }

    boolean isEmpty() {
        return next(HEAD, 0) == 0;
    }

    /** Arena bytes used. */
    long bytes() {
        return bytes;
    }

    /** Versions stored. */
    long entries() {
        return entries;
    }

    /** The last batch written here; set by the writer after each batch, read after the table is frozen. */
    long lastSeq() {
        return lastSeq;
    }

    void lastSeq(long seq) {
        lastSeq = seq;
    }

    /**
     * A position over the newest version at or below {@code seq} of each key, in one direction.
     * Ascending walks the bottom level; descending finds each previous key by a search from the
     * top, as a singly linked skip list must. Used by one thread.
     */
    final class Walk {
        private final long seq;
        private final boolean ascending;
        private long node; // the current version, or 0
        private byte[] key;

        /** Starts at the first key at or after {@code start} (ascending) or at or before {@code end} (descending). */
        Walk(long seq, boolean ascending, byte[] bound, boolean inclusive) {
            this.seq = seq;
            this.ascending = ascending;
            if (ascending) {
                long n = bound == null ? next(HEAD, 0) : next(seekLast(bound, !inclusive), 0);
                forwardFrom(n);
            } else {
                backwardBelow(bound, inclusive);
            }
        }

        private void forwardFrom(long n) {
            while (n != 0 && seq(n) > seq) {
                n = next(n, 0);
            }
            node = n;
            key = n == 0 ? null : keyOf(n);
        }

        private void backwardBelow(byte[] bound, boolean inclusive) {
            for (;;) {
                long last = seekLast(bound, inclusive);
                if (last == HEAD) {
                    node = 0;
                    key = null;
                    return;
                }
                byte[] k = keyOf(last);
                long[] packed = pack(k);
                long v = seek(packed, k.length, seq);
                if (v != 0 && compareKey(v, packed, k.length) == 0) {
                    node = v;
                    key = k;
                    return;
                }
                bound = k; // no version of k is visible: look further down
                inclusive = false;
            }
        }

        boolean valid() {
            return node != 0;
        }

        byte[] key() {
            return key;
        }

        boolean isDelete() {
            return valueLength(node) < 0;
        }

        byte[] value() {
            return valueOf(node, null);
        }

        void advance() {
            if (ascending) {
                long[] packed = pack(key);
                long n = next(node, 0);
                while (n != 0 && compareKey(n, packed, key.length) == 0) {
                    n = next(n, 0);
                }
                forwardFrom(n);
            } else {
                backwardBelow(key, false);
            }
        }
    }
}
