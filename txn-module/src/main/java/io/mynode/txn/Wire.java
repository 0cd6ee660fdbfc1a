package io.mynode.txn;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.storage.KeyRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * The MessagePack encodings of what crosses the log: requests the transaction client proposes and
 * the outcomes the state machine returns (and remembers for exactly-once). Private to this module.
 *
 * <pre>
 *   request  = [1, snapshot, retention, [read key...], [[start|nil, incl, end|nil, incl]...], [[key, value|nil]...]]
 *            | [2, count]
 *   outcome  = [1, version] committed | [2, message] conflict | [3, message] rejected | [4, first] id block
 * </pre>
 */
final class Wire {
    /** Small first buffer: the default 8 KiB per packer is most of a small commit's allocation. */
    private static final MessagePack.PackerConfig PACKER = new MessagePack.PackerConfig().withBufferSize(256);

    private Wire() {}

    private static MessageBufferPacker packer() {
        return PACKER.newBufferPacker();
    }

    /** What a transaction client asks the state machine to do. */
    sealed interface Request permits Commit, AllocateIds {}

    /**
     * Validate and apply one transaction.
     *
     * @param snapshot the version the transaction read at
     * @param retention the proposer's {@code mvcc.retention.versions}; the garbage-collection horizon moves with it
     * @param reads keys read from the store (not from the transaction's own writes)
     * @param ranges key ranges scanned, as far as the scans went
     * @param writes the buffered writes, each key at most once
     */
    record Commit(long snapshot, long retention, List<byte[]> reads, List<KeyRange> ranges, List<Write> writes)
            implements Request {}

    /** A buffered write; {@code value} is {@code null} for a delete. */
    record Write(byte[] key, byte[] value) {}

    /** Reserve {@code count} transaction ids, unique in the cluster because the log orders the reservations. */
    record AllocateIds(int count) implements Request {}

    /** What applying a request produced; never an exception. */
    sealed interface Outcome permits Committed, Conflict, Rejected, IdBlock {}

    record Committed(long version) implements Outcome {}

    /** A serialization failure: the transaction may be retried. */
    record Conflict(String message) implements Outcome {}

    /** The request was malformed or stale; nothing changed. */
    record Rejected(String message) implements Outcome {}

    record IdBlock(long first) implements Outcome {}

    static byte[] encode(Request request) {
        try (MessageBufferPacker p = packer()) {
            switch (request) {
                case Commit c -> {
                    p.packArrayHeader(6).packInt(1).packLong(c.snapshot()).packLong(c.retention());
                    p.packArrayHeader(c.reads().size());
                    for (byte[] k : c.reads()) {
                        bytes(p, k);
                    }
                    p.packArrayHeader(c.ranges().size());
                    for (KeyRange r : c.ranges()) {
                        p.packArrayHeader(4);
                        nullableBytes(p, r.start());
                        p.packBoolean(r.startInclusive());
                        nullableBytes(p, r.end());
                        p.packBoolean(r.endInclusive());
                    }
                    p.packArrayHeader(c.writes().size());
                    for (Write w : c.writes()) {
                        p.packArrayHeader(2);
                        bytes(p, w.key());
                        nullableBytes(p, w.value());
                    }
                }
                case AllocateIds a -> p.packArrayHeader(2).packInt(2).packInt(a.count());
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("packing into memory cannot fail", e);
        }
    }

    /** Decodes a request; malformed bytes are a {@link CorruptionException} naming what was wrong. */
    static Request decodeRequest(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            int n = u.unpackArrayHeader();
            int type = u.unpackInt();
            Request r = switch (type) {
                case 1 -> {
                    expect(n == 6, "commit request with " + n + " fields");
                    long snapshot = u.unpackLong();
                    long retention = u.unpackLong();
                    int nr = size(u.unpackArrayHeader(), bytes.length);
                    List<byte[]> reads = new ArrayList<>(nr);
                    for (int i = 0; i < nr; i++) {
                        reads.add(bytes(u, bytes.length));
                    }
                    int ns = size(u.unpackArrayHeader(), bytes.length);
                    List<KeyRange> ranges = new ArrayList<>(ns);
                    for (int i = 0; i < ns; i++) {
                        expect(u.unpackArrayHeader() == 4, "range with wrong arity");
                        byte[] start = nullableBytes(u, bytes.length);
                        boolean si = u.unpackBoolean();
                        byte[] end = nullableBytes(u, bytes.length);
                        boolean ei = u.unpackBoolean();
                        ranges.add(new KeyRange(start, si, end, ei));
                    }
                    int nw = size(u.unpackArrayHeader(), bytes.length);
                    List<Write> writes = new ArrayList<>(nw);
                    for (int i = 0; i < nw; i++) {
                        expect(u.unpackArrayHeader() == 2, "write with wrong arity");
                        writes.add(new Write(bytes(u, bytes.length), nullableBytes(u, bytes.length)));
                    }
                    yield new Commit(snapshot, retention, reads, ranges, writes);
                }
                case 2 -> {
                    expect(n == 2, "id request with " + n + " fields");
                    yield new AllocateIds(u.unpackInt());
                }
                default -> throw new CorruptionException("unknown request type " + type);
            };
            expect(!u.hasNext(), "trailing bytes after the request");
            return r;
        } catch (IOException | MessagePackException e) {
            throw new CorruptionException("malformed request: " + e.getMessage(), e);
        }
    }

    static byte[] encode(Outcome outcome) {
        try (MessageBufferPacker p = packer()) {
            p.packArrayHeader(2);
            switch (outcome) {
                case Committed c -> p.packInt(1).packLong(c.version());
                case Conflict c -> p.packInt(2).packString(c.message());
                case Rejected r -> p.packInt(3).packString(r.message());
                case IdBlock b -> p.packInt(4).packLong(b.first());
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("packing into memory cannot fail", e);
        }
    }

    static Outcome decodeOutcome(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            expect(u.unpackArrayHeader() == 2, "outcome with wrong arity");
            int type = u.unpackInt();
            return switch (type) {
                case 1 -> new Committed(u.unpackLong());
                case 2 -> new Conflict(u.unpackString());
                case 3 -> new Rejected(u.unpackString());
                case 4 -> new IdBlock(u.unpackLong());
                default -> throw new CorruptionException("unknown outcome type " + type);
            };
        } catch (IOException | MessagePackException e) {
            throw new CorruptionException("malformed outcome: " + e.getMessage(), e);
        }
    }

    /** The dedup record of one consensus client: its last sequence and that command's outcome. */
    record Dedup(long sequence, byte[] outcome) {}

    static byte[] encode(Dedup d) {
        try (MessageBufferPacker p = packer()) {
            p.packArrayHeader(2).packLong(d.sequence());
            bytes(p, d.outcome());
            return p.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("packing into memory cannot fail", e);
        }
    }

    static Dedup decodeDedup(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            expect(u.unpackArrayHeader() == 2, "dedup record with wrong arity");
            return new Dedup(u.unpackLong(), bytes(u, bytes.length));
        } catch (IOException | MessagePackException e) {
            throw new CorruptionException("malformed dedup record: " + e.getMessage(), e);
        }
    }

    /** The write-log entry: the user keys one commit wrote. */
    static byte[] encodeKeys(List<byte[]> keys) {
        try (MessageBufferPacker p = packer()) {
            p.packArrayHeader(keys.size());
            for (byte[] k : keys) {
                bytes(p, k);
            }
            return p.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("packing into memory cannot fail", e);
        }
    }

    static List<byte[]> decodeKeys(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            int n = size(u.unpackArrayHeader(), bytes.length);
            List<byte[]> keys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                keys.add(bytes(u, bytes.length));
            }
            return keys;
        } catch (IOException | MessagePackException e) {
            throw new CorruptionException("malformed write-log entry: " + e.getMessage(), e);
        }
    }

    private static void bytes(MessageBufferPacker p, byte[] b) throws IOException {
        p.packBinaryHeader(b.length).writePayload(b);
    }

    private static void nullableBytes(MessageBufferPacker p, byte[] b) throws IOException {
        if (b == null) {
            p.packNil();
        } else {
            bytes(p, b);
        }
    }

    private static byte[] bytes(MessageUnpacker u, int limit) throws IOException {
        return u.readPayload(size(u.unpackBinaryHeader(), limit));
    }

    /**
     * A length or count read from the input, refused when it exceeds the bytes the input has
     * (every element takes at least one): a damaged header must not make us allocate gigabytes.
     */
    private static int size(int n, int limit) {
        if (n < 0 || n > limit) {
            throw new CorruptionException("malformed encoding: a length of " + n + " exceeds the input");
        }
        return n;
    }

    private static byte[] nullableBytes(MessageUnpacker u, int limit) throws IOException {
        if (u.getNextFormat() == MessageFormat.NIL) {
            u.unpackNil();
            return null;
        }
        return bytes(u, limit);
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new CorruptionException("malformed encoding: " + what);
        }
    }
}
