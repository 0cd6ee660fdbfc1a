package io.mynode.txn;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.Snapshot;
import io.mynode.kernel.storage.StorageEngine;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

/**
 * The state machine's snapshot format: every key of the MVCC state as it stood in one storage
 * snapshot, as a MessagePack stream.
 *
 * <pre>
 *   "mynode-mvcc-snapshot"  format(1)  appliedIndex  (key value)*  nil  crc32c(all keys and values)
 * </pre>
 *
 * <p>The whole state travels, metadata included (dedup table, low-water mark, next transaction
 * id), so a restored replica decides every later command exactly as the sender would. Reading
 * buffers the snapshot in memory and checks it completely before the caller touches its state;
 * that bounds snapshots by the heap, which is acceptable at this project's sizes and is the first
 * thing to change (spill to a file) for bigger ones.
 */
final class Snapshots {
    private static final String MAGIC = "mynode-mvcc-snapshot";
    private static final int FORMAT = 1;

    private Snapshots() {}

    /** Writes the state of {@code storage} now; returns the applied index it covers. */
    static long write(StorageEngine storage, OutputStream out) {
        try (Snapshot snap = storage.snapshot()) {
            long applied = snap.get(Layout.APPLIED).map(Layout::longOf).orElse(0L);
            MessagePacker p = MessagePack.newDefaultPacker(out);
            CRC32C crc = new CRC32C();
            p.packString(MAGIC).packInt(FORMAT).packLong(applied);
            try (Cursor all = snap.scan(Layout.everything())) {
                while (all.hasNext()) {
                    Entry e = all.next();
                    p.packBinaryHeader(e.key().length).writePayload(e.key());
                    p.packBinaryHeader(e.value().length).writePayload(e.value());
                    crc.update(e.key());
                    crc.update(e.value());
                }
            }
            p.packNil().packLong(crc.getValue());
            p.flush();
            return applied;
        } catch (IOException e) {
            throw new StorageIoException("writing the MVCC snapshot: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and checks a whole snapshot taken at {@code index}; a malformed, truncated or
     * mismatched one is a {@link CorruptionException}. Returns the entries in key order.
     */
    static List<Entry> read(long index, InputStream in) {
        try {
            MessageUnpacker u = MessagePack.newDefaultUnpacker(in);
            String magic = u.unpackString();
            if (!MAGIC.equals(magic)) {
                throw new CorruptionException("not an MVCC snapshot (starts with '" + magic + "')");
            }
            int format = u.unpackInt();
            if (format != FORMAT) {
                throw new CorruptionException("MVCC snapshot format " + format + " is not " + FORMAT);
            }
            long applied = u.unpackLong();
            if (applied != index) {
                throw new CorruptionException("MVCC snapshot covers index " + applied + ", expected " + index);
            }
            List<Entry> entries = new ArrayList<>();
            CRC32C crc = new CRC32C();
            byte[] previous = null;
            boolean sawApplied = applied == 0;
            while (u.getNextFormat() != MessageFormat.NIL) {
                byte[] key = u.readPayload(u.unpackBinaryHeader());
                byte[] value = u.readPayload(u.unpackBinaryHeader());
                if (key.length == 0 || (previous != null && Arrays.compareUnsigned(previous, key) >= 0)) {
                    throw new CorruptionException("MVCC snapshot keys are not in strictly ascending order");
                }
                if (Arrays.equals(key, Layout.APPLIED)) {
                    sawApplied = value.length == 8 && Layout.longOf(value) == applied;
                }
                crc.update(key);
                crc.update(value);
                entries.add(new Entry(key, value));
                previous = key;
            }
            u.unpackNil();
            long expected = u.unpackLong();
            if (expected != crc.getValue()) {
                throw new CorruptionException("MVCC snapshot checksum mismatch");
            }
            if (!sawApplied) {
                throw new CorruptionException("MVCC snapshot lacks its applied index " + applied);
            }
            return entries;
        } catch (MessageInsufficientBufferException | EOFException e) {
            throw new CorruptionException("MVCC snapshot is truncated", e);
        } catch (MessagePackException e) {
            throw new CorruptionException("MVCC snapshot is malformed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageIoException("reading the MVCC snapshot: " + e.getMessage(), e);
        }
    }
}
