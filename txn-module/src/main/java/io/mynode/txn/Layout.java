package io.mynode.txn;

import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where the MVCC state lives in the storage engine's one ordered key space. Three regions, kept
 * apart by their first byte:
 *
 * <pre>
 *   0x00 name                     metadata: applied index, low-water mark, next txn id, dedup table
 *   0x01 escaped(key) 00 00 ~ver  a version of a user key; value: 0x01 bytes (put) or 0x00 (delete)
 *   0x02 ver                      write log: the user keys the commit at version ver wrote
 * </pre>
 *
 * <p>User keys are escaped (0x00 becomes 0x00 0xFF) and terminated by 0x00 0x00, so the encoding
 * keeps their order and no key's versions interleave with a longer key's ({@code a} before
 * {@code a\0}). The version follows as its bitwise complement, big-endian, so that for one key
 * the newest version sorts first and a seek to {@code (key, v)} lands on the newest version at or
 * below {@code v}. Versions are never negative, so the complement orders correctly unsigned.
 */
final class Layout {
    static final byte META = 0x00;
    static final byte DATA = 0x01;
    static final byte LOG = 0x02;

    /** Longest user key accepted: escaped, prefixed and versioned it stays under 4 KiB. */
    static final int MAX_KEY = 2000;
    /** Largest user value accepted: one tag byte short of the engines' 1 MiB limit, with room. */
    static final int MAX_VALUE = (1 << 20) - 64;

    static final byte[] APPLIED = meta("applied");
    static final byte[] LOW_WATER = meta("lowwater");
    static final byte[] NEXT_TXN_ID = meta("nexttxnid");
    private static final byte[] CLIENT_PREFIX = meta("client/");

    private static final byte[] TOMBSTONE = {0x00};

    private Layout() {}

    private static byte[] meta(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] k = new byte[n.length + 1];
        k[0] = META;
        System.arraycopy(n, 0, k, 1, n.length);
        return k;
    }

    /** The dedup record of consensus client {@code clientId}. */
    static byte[] client(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] k = Arrays.copyOf(CLIENT_PREFIX, CLIENT_PREFIX.length + id.length);
        System.arraycopy(id, 0, k, CLIENT_PREFIX.length, id.length);
        return k;
    }

    /** {@code 0x01 escaped(key) 00 00}: the common prefix of every version of {@code key}. */
    static byte[] keyPrefix(byte[] key) {
        int zeros = 0;
        for (byte b : key) {
            if (b == 0) {
                zeros++;
            }
        }
        byte[] out = new byte[1 + key.length + zeros + 2];
        out[0] = DATA;
        int i = 1;
        for (byte b : key) {
            out[i++] = b;
            if (b == 0) {
                out[i++] = (byte) 0xFF;
            }
        }
        // out[i], out[i + 1] stay 0x00 0x00: the terminator.
        return out;
    }

    /** The storage key of {@code key} at {@code version}. */
    static byte[] data(byte[] key, long version) {
        byte[] prefix = keyPrefix(key);
        byte[] out = Arrays.copyOf(prefix, prefix.length + 8);
        putLong(out, prefix.length, ~version);
        return out;
    }

    /** The version of a data key. */
    static long version(byte[] dataKey) {
        return ~getLong(dataKey, dataKey.length - 8);
    }

    /** The user key of a data key. */
    static byte[] userKey(byte[] dataKey) {
        int end = dataKey.length - 10; // before terminator and version
        byte[] out = new byte[end - 1];
        int n = 0;
        for (int i = 1; i < end; i++) {
            out[n++] = dataKey[i];
            if (dataKey[i] == 0) {
                i++; // skip the 0xFF escape
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Whether two data keys belong to the same user key (their versions aside). */
    static boolean sameUserKey(byte[] a, byte[] b) {
        return a.length == b.length && Arrays.equals(a, 0, a.length - 8, b, 0, b.length - 8);
    }

    /** Every version of {@code key} at or below {@code version}, newest first in ascending order. */
    static KeyRange versionsAtOrBelow(byte[] key, long version) {
        byte[] prefix = keyPrefix(key);
        byte[] from = Arrays.copyOf(prefix, prefix.length + 8);
        putLong(from, prefix.length, ~version);
        byte[] to = Arrays.copyOf(prefix, prefix.length + 8);
        putLong(to, prefix.length, ~0L);
        return KeyRange.closed(from, to);
    }

    /** The storage range holding every version of every user key in {@code range}. */
    static KeyRange dataRange(KeyRange range) {
        byte[] from;
        if (range.start() == null) {
            from = new byte[] {DATA};
        } else if (range.startInclusive()) {
            from = keyPrefix(range.start());
        } else {
            from = Keys.prefixEnd(keyPrefix(range.start())).orElseThrow();
        }
        byte[] to;
        if (range.end() == null) {
            to = new byte[] {LOG};
        } else if (range.endInclusive()) {
            to = Keys.prefixEnd(keyPrefix(range.end())).orElseThrow();
        } else {
            to = keyPrefix(range.end());
        }
        return KeyRange.closedOpen(from, to);
    }

    /**
     * Most bytes of keys one write-log entry holds. A commit that wrote more keys than fit gets
     * several entries (parts), because one engine value is at most {@link #MAX_VALUE} bytes and a
     * transaction's write set is bounded only by {@link #MAX_COMMIT_BYTES}.
     */
    static final int LOG_PART_BYTES = 256 << 10;

    /**
     * Largest commit command a transaction may propose. It bounds what one Raft entry carries, so
     * that every entry fits a peer message ({@code grpc.max.message.bytes}, 32 MiB by default)
     * with room to spare; a larger transaction fails with a clear error before anything is logged.
     */
    static final int MAX_COMMIT_BYTES = 8 << 20;

    /** The write-log key of the commit at {@code version} (its first part). */
    static byte[] log(long version) {
        byte[] k = new byte[9];
        k[0] = LOG;
        putLong(k, 1, version);
        return k;
    }

    /**
     * The key of part {@code part} of the write-log entry at {@code version}: part 0 is
     * {@link #log(long)}, later parts append the part number, so they sort right after it and
     * before the next version's entry.
     */
    static byte[] log(long version, int part) {
        if (part == 0) {
            return log(version);
        }
        byte[] k = Arrays.copyOf(log(version), 13);
        k[9] = (byte) (part >>> 24);
        k[10] = (byte) (part >>> 16);
        k[11] = (byte) (part >>> 8);
        k[12] = (byte) part;
        return k;
    }

    /** Write-log entries (every part) with versions in {@code [from, to]}. */
    static KeyRange logRange(long from, long to) {
        return KeyRange.closed(log(from), log(to, -1)); // part 0xffffffff: past every part of {@code to}
    }

    static long logVersion(byte[] logKey) {
        return getLong(logKey, 1);
    }

    /** Every key of the MVCC state. */
    static KeyRange everything() {
        return KeyRange.all();
    }

    static byte[] putValue(byte[] value) {
        byte[] out = new byte[value.length + 1];
        out[0] = 0x01;
        System.arraycopy(value, 0, out, 1, value.length);
        return out;
    }

    static byte[] tombstone() {
        return TOMBSTONE.clone();
    }

    static boolean isTombstone(byte[] stored) {
        return stored.length == 0 || stored[0] == 0x00;
    }

    /** The user value of a stored version that is not a tombstone. */
    static byte[] userValue(byte[] stored) {
        return Arrays.copyOfRange(stored, 1, stored.length);
    }

    static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        putLong(b, 0, v);
        return b;
    }

    static long longOf(byte[] b) {
        return getLong(b, 0);
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    /** A user key as messages show it: text when it is printable ASCII, hex otherwise. */
    static String show(byte[] key) {
        for (byte b : key) {
            if (b < 0x20 || b > 0x7E) {
                return "0x" + HexFormat.of().formatHex(key);
            }
        }
        return "'" + new String(key, StandardCharsets.US_ASCII) + "'";
    }
}
