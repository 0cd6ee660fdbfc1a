package io.mynode.storage.lsm.sstable;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.StorageIoException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.zip.CRC32C;

/**
 * An open, immutable sorted string table (written by {@link TableWriter}). Opening maps the file
 * read-only, checks the footer's checksum and magic, and loads the index and the bloom filter into
 * memory, each checked by its CRC32C; data blocks are read on demand through the {@link BlockCache}
 * and checked on every read from the file. A checksum mismatch anywhere is a
 * {@link CorruptionException} naming the file and offset; nothing unchecked is ever served.
 *
 * <p>Thread-safe: everything is immutable except the reference count. A table is shared by every
 * level set ("version") that lists it; the last {@link #release} closes it, and deletes the file if
 * compaction has {@linkplain #markObsolete made it obsolete}.
 */
public final class Table {
    /** Footer: index offset u64, length u32, filter offset u64, length u32, entries u64, tombstones u64, crc u32, magic u64. */
    static final int FOOTER_BYTES = 52;
    /** "mynodeLS" in ASCII: the last eight bytes of every table. */
    static final long MAGIC = 0x534C65646F6E796DL;
    /** Returned by {@link #get} for a key whose newest entry here is a tombstone. */
    public static final byte[] DELETED = new byte[0];

    private final Path path;
    private final TableMeta meta;
    private final MappedByteBuffer map;
    private final BlockCache cache;
    private final BloomFilter filter;
    private final byte[][] lastKeys;
    private final long[] offsets;
    private final int[] sizes;
    private final AtomicReferenceArray<Block> cached;
    private final AtomicInteger refs = new AtomicInteger(1);
    private volatile boolean obsolete;

    /** Where a data block came from, for error messages; built per read, formatted only on error. */
    private record Origin(Path path, long offset) {
        @Override
        public String toString() {
            return path + " @" + offset;
        }
    }

    private Table(Path path, TableMeta meta, MappedByteBuffer map, BlockCache cache) {
        this.path = path;
        this.meta = meta;
        this.map = map;
        this.cache = cache;
        long size = meta.size();
        if (size < FOOTER_BYTES) {
            throw corrupt("file too short");
        }
        byte[] footer = new byte[FOOTER_BYTES];
        map.get((int) (size - FOOTER_BYTES), footer);
        var f = java.nio.ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN);
        long indexOffset = f.getLong();
        int indexSize = f.getInt();
        long filterOffset = f.getLong();
        int filterSize = f.getInt();
        long entries = f.getLong();
        long tombstones = f.getLong();
        CRC32C crc = new CRC32C();
        crc.update(footer, 0, f.position());
        int storedCrc = f.getInt();
        if (f.getLong() != MAGIC) {
            throw corrupt("bad magic number in footer");
        }
        if (storedCrc != (int) crc.getValue()) {
            throw corrupt("footer checksum mismatch");
        }
        if (entries != meta.entries() || tombstones != meta.tombstones()) {
            throw corrupt("footer disagrees with the manifest");
        }
        this.filter = BloomFilter.deserialize(readChecked(filterOffset, filterSize, "filter"), path.toString());
        Block index = new Block(readChecked(indexOffset, indexSize, "index"), path + " index");
        List<byte[]> keys = new ArrayList<>();
        List<long[]> handles = new ArrayList<>();
        int[] next = new int[1];
        Block.Cursor c = index.cursor();
        for (c.seekToFirst(); c.valid(); c.next()) {
            byte[] handle = c.value();
            long off = Varint.readLong(handle, 0, handle.length, next);
            int len = Varint.readInt(handle, next[0], handle.length, next);
            if (off < 0 || off + len + 4 > filterOffset) {
                throw corrupt("index points outside the data area");
            }
            keys.add(c.key());
            handles.add(new long[] {off, len});
        }
        if (keys.isEmpty()) {
            throw corrupt("empty index");
        }
        lastKeys = keys.toArray(new byte[0][]);
        offsets = new long[keys.size()];
        sizes = new int[keys.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = handles.get(i)[0];
            sizes[i] = (int) handles.get(i)[1];
        }
        cached = new AtomicReferenceArray<>(offsets.length);
        if (!Arrays.equals(lastKeys[lastKeys.length - 1], meta.largest())) {
            throw corrupt("index disagrees with the manifest on the largest key");
        }
    }

    /** Opens the table {@code meta} describes in {@code directory}. */
    public static Table open(Path directory, TableMeta meta, BlockCache cache) {
        Path path = directory.resolve(TableMeta.fileName(meta.fileNumber()));
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != meta.size()) {
                throw new CorruptionException(path + ": length " + size + " but the manifest says " + meta.size());
            }
            if (size > Integer.MAX_VALUE) {
                throw new CorruptionException(path + ": tables over 2 GiB are not written by this engine");
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return new Table(path, meta, map, cache);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CorruptionException(path + " is listed in the manifest but missing", e);
        } catch (IOException e) {
            throw new StorageIoException("opening table " + path, e);
        }
    }

    private CorruptionException corrupt(String what) {
        return new CorruptionException(path + ": " + what);
    }

    private byte[] readChecked(long offset, int size, String what) {
        if (offset < 0 || size < 0 || offset + size + 4 > meta.size() - FOOTER_BYTES) {
            throw corrupt(what + " block at " + offset + " lies outside the file");
        }
        byte[] buf = new byte[size + 4];
        map.get((int) offset, buf);
        CRC32C crc = new CRC32C();
        crc.update(buf, 0, size);
        if (Block.getInt(buf, size) != (int) crc.getValue()) {
            throw corrupt(what + " block at offset " + offset + " failed its checksum");
        }
        return Arrays.copyOf(buf, size);
    }

    /** Data block {@code i}, from the cache or read and verified (and cached if {@code fill}). */
    Block block(int i, boolean fill) {
        Block b = cached.getAcquire(i);
        if (b != null) {
            cache.hit(b);
            return b;
        }
        cache.miss();
        long off = offsets[i];
        b = new Block(readChecked(off, sizes[i], "data"), new Origin(path, off));
        return fill ? cache.admit(this, i, b) : b;
    }

    Block cached(int i) {
        return cached.getAcquire(i);
    }

    void cache(int i, Block b) {
        cached.setRelease(i, b);
    }

    void uncache(int i, Block b) {
        cached.compareAndSet(i, b, null);
    }

    int blockCount() {
        return offsets.length;
    }

    /** Index of the first block whose last key is at or after {@code key}, or blockCount(). */
    int findBlock(byte[] key) {
        int lo = 0;
        int hi = lastKeys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(lastKeys[mid], key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The newest entry for {@code key} here: its value (a copy), {@link #DELETED} for a tombstone,
     * or {@code null} if the table holds nothing for it. {@code hash} is {@link BloomFilter#hash}.
     */
    public byte[] get(byte[] key, long hash) {
        if (!filter.mayContain(hash)) {
            return null;
        }
        int i = findBlock(key);
        if (i == lastKeys.length) {
            return null;
        }
        Block.Cursor c = block(i, true).cursor();
        c.seek(key);
        if (!c.valid() || c.compareKey(key) != 0) {
            return null;
        }
        return c.isDelete() ? DELETED : c.value();
    }

    /** A cursor over every entry, tombstones included; {@code fillCache} false for bulk reads (compaction). */
    public TableCursor cursor(boolean fillCache) {
        return new TableCursor(this, fillCache);
    }

    public TableMeta meta() {
        return meta;
    }

    /** Bytes of index and filter held in memory. */
    public long memoryBytes() {
        long b = filter.memoryBytes() + offsets.length * 12L;
        for (byte[] k : lastKeys) {
            b += k.length + 16;
        }
        return b;
    }

    /** Takes a reference; false if the table was already released for good. */
    public boolean retain() {
        for (;;) {
            int r = refs.get();
            if (r == 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one deletes the file if the table is obsolete. */
    public void release() {
        if (refs.decrementAndGet() == 0 && obsolete) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // A leftover file is harmless: the next open removes files the manifest does not list.
            }
        }
    }

    /** Compaction replaced this table: delete its file once no reader holds it. */
    public void markObsolete() {
        obsolete = true;
    }
}
