package io.mynode.storage.lsm.sstable;

import io.mynode.kernel.error.StorageIoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes one sorted string table, streaming: data blocks as they fill, then the bloom filter, the
 * index and the footer, then {@code fsync}. The file is immutable from then on. Layout:
 *
 * <pre>
 *   data block | crc32c          (many, each about blockBytes, prefix-compressed)
 *   filter     | crc32c          (blocked bloom filter over every key)
 *   index      | crc32c          (per data block: its last key, offset and length)
 *   footer                       (fixed {@value Table#FOOTER_BYTES} bytes, checksummed, ends in the magic)
 * </pre>
 *
 * <p>Keys must be added in strictly ascending order. Not thread-safe: one flush or compaction owns a
 * writer. A writer that is not finished must be {@linkplain #abandon abandoned}, which deletes the file.
 */
public final class TableWriter {
    private final Path path;
    private final long fileNumber;
    private final FileChannel channel;
    private final int blockBytes;
    private final int bitsPerKey;
    private final BlockBuilder data;
    private final BlockBuilder index = new BlockBuilder(1);
    private final ByteBuffer out = ByteBuffer.allocate(1 << 18);
    private final CRC32C crc = new CRC32C();
    private long[] hashes = new long[1024];
    private long offset;
    private long entries;
    private long tombstones;
    private byte[] smallest;
    private byte[] lastKey;

    public TableWriter(Path path, long fileNumber, int blockBytes, int restartInterval, int bitsPerKey) {
        this.path = path;
        this.fileNumber = fileNumber;
        this.blockBytes = blockBytes;
        this.bitsPerKey = bitsPerKey;
        this.data = new BlockBuilder(restartInterval);
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageIoException("creating table " + path, e);
        }
    }

    /** Adds a put ({@code value != null}) or a tombstone ({@code value == null}). */
    public void add(byte[] key, byte[] value) {
        if (smallest == null) {
            smallest = key.clone();
        }
        lastKey = key;
        if (entries == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        hashes[(int) entries] = BloomFilter.hash(key);
        entries++;
        if (value == null) {
            tombstones++;
            data.add(key, Block.KIND_DELETE, key, 0, 0);
        } else {
            data.add(key, Block.KIND_PUT, value, 0, value.length);
        }
        if (data.estimatedSize() >= blockBytes) {
            finishDataBlock();
        }
    }

    /** Bytes written so far plus the open block: what the file would be if finished now. */
    public long estimatedSize() {
        return offset + out.position() + data.estimatedSize();
    }

    public long entries() {
        return entries;
    }

    private void finishDataBlock() {
        if (data.isEmpty()) {
            return;
        }
        byte[] last = data.lastKey();
        long at = offset + out.position();
        byte[] block = data.finish();
        writeBlock(block);
        byte[] handle = new byte[20];
        int n = Varint.write(handle, 0, at);
        n = Varint.write(handle, n, block.length);
        index.add(last, Block.KIND_PUT, handle, 0, n);
        data.reset();
    }

    private void writeBlock(byte[] block) {
        crc.reset();
        crc.update(block, 0, block.length);
        write(block, 0, block.length);
        byte[] trailer = new byte[4];
        Block.putInt(trailer, 0, (int) crc.getValue());
        write(trailer, 0, 4);
    }

    private void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (!out.hasRemaining()) {
                drain();
            }
            int n = Math.min(len, out.remaining());
            out.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    private void drain() {
        out.flip();
        try {
            while (out.hasRemaining()) {
                offset += channel.write(out);
            }
        } catch (IOException e) {
            throw new StorageIoException("writing table " + path, e);
        }
        out.clear();
    }

    /** Writes filter, index and footer, fsyncs and closes; returns what the manifest records. */
    public TableMeta finish() {
        finishDataBlock();
        long filterOffset = offset + out.position();
        byte[] filter = BloomFilter.build(hashes, (int) entries, bitsPerKey).serialize();
        writeBlock(filter);
        long indexOffset = offset + out.position();
        byte[] indexBlock = index.finish();
        writeBlock(indexBlock);
        byte[] footer = new byte[Table.FOOTER_BYTES];
        ByteBuffer f = ByteBuffer.wrap(footer).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        f.putLong(indexOffset).putInt(indexBlock.length).putLong(filterOffset).putInt(filter.length)
                .putLong(entries).putLong(tombstones);
        crc.reset();
        crc.update(footer, 0, f.position());
        f.putInt((int) crc.getValue()).putLong(Table.MAGIC);
        write(footer, 0, footer.length);
        drain();
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            throw new StorageIoException("syncing table " + path, e);
        }
        return new TableMeta(fileNumber, offset, smallest, lastKey.clone(), entries, tombstones);
    }

    /** Closes and deletes an unfinished table (a failed or abandoned flush or compaction). */
    public void abandon() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new StorageIoException("removing unfinished table " + path, e);
        }
    }
}
