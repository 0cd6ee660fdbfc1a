package io.mynode.storage.btree;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.StorageIoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The page file {@code btree.db}: positional page reads for any thread, page and meta writes for
 * the one writer, and the recovery of the newest valid meta when the file is opened.
 *
 * <p>Every {@link IOException} is wrapped here with the file and the page involved; every short
 * read of a page the tree points to is a {@link CorruptionException} (the file was truncated).
 */
final class PageFile implements AutoCloseable {
    static final String NAME = "btree.db";

    private final Path path;
    private final String name;
    private final FileChannel channel;
    private final FileLock lock;
    final PageFormat format;
    final Meta recovered;
    /** Pages in the file as the tree knows it; reads past it are corruption. */
    private volatile long pages;

    private PageFile(Path path, FileChannel channel, FileLock lock, PageFormat format, Meta recovered) {
        this.path = path;
        this.name = path.toString();
        this.channel = channel;
        this.lock = lock;
        this.format = format;
        this.recovered = recovered;
        this.pages = recovered.pages();
    }

    /**
     * Opens the file in {@code directory}, creating it with {@code pageSize} pages if it does not
     * exist. An existing file keeps the page size it was created with.
     */
    static PageFile open(Path directory, int pageSize) {
        Path path = directory.resolve(NAME);
        try {
            Files.createDirectories(directory);
            if (!Files.exists(path)) {
                create(directory, path, pageSize);
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new StorageIoException(path + " is in use by another engine");
            }
            try {
                int[] size = new int[1];
                Meta meta = recover(channel, path, size);
                if (Integer.bitCount(size[0]) != 1 || size[0] < 16 << 10 || size[0] > 1 << 20) {
                    throw new CorruptionException(path + ": impossible page size " + size[0] + " in the meta page");
                }
                if (channel.size() < meta.pages() * (long) size[0]) {
                    throw new CorruptionException(path + " is truncated: " + channel.size() + " bytes, the tree needs "
                            + meta.pages() + " pages of " + size[0]);
                }
                return new PageFile(path, channel, lock, new PageFormat(size[0]), meta);
            } catch (RuntimeException e) {
                lock.release();
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new StorageIoException("opening " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes a fresh file beside the target and renames it in, so a crash never leaves half a file. */
    private static void create(Path directory, Path path, int pageSize) throws IOException {
        Path fresh = directory.resolve(NAME + ".new");
        byte[] page0 = new byte[pageSize];
        byte[] meta = new Meta(1, 0, 0, 0, 0, 1, 0, 0, 0).encode(pageSize);
        System.arraycopy(meta, 0, page0, 0, meta.length);
        System.arraycopy(meta, 0, page0, Meta.SLOT_SPACING, meta.length);
        try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(page0), 0);
            out.force(true);
        }
        Files.move(fresh, path, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static Meta recover(FileChannel channel, Path path, int[] pageSize) throws IOException {
        byte[] head = new byte[Meta.SLOT_SPACING + Meta.SIZE];
        int n = readFully(channel, ByteBuffer.wrap(head), 0);
        if (n < head.length) {
            throw new CorruptionException(path + " is too short (" + channel.size() + " bytes) to hold its meta pages");
        }
        int[] sizeA = new int[1];
        int[] sizeB = new int[1];
        Optional<Meta> a = Meta.decode(head, 0, sizeA);
        Optional<Meta> b = Meta.decode(head, Meta.SLOT_SPACING, sizeB);
        if (a.isEmpty() && b.isEmpty()) {
            throw new CorruptionException(path + ": both meta copies fail their checksum");
        }
        boolean useA = a.isPresent() && (b.isEmpty() || a.get().generation() >= b.get().generation());
        pageSize[0] = useA ? sizeA[0] : sizeB[0];
        return useA ? a.get() : b.get();
    }

    private static int readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    Path path() {
        return path;
    }

    void pages(long pages) {
        this.pages = pages;
    }

    /** Reads {@code count} consecutive pages starting at {@code page}. */
    byte[] read(long page, int count) {
        if (page < 1 || page + count > pages) {
            throw new CorruptionException(name + ": reference to page " + page + (count > 1 ? "+" + count : "")
                    + " outside the file's " + pages + " pages");
        }
        byte[] bytes = new byte[count * format.pageSize];
        try {
            int n = readFully(channel, ByteBuffer.wrap(bytes), page * format.pageSize);
            if (n < bytes.length) {
                throw new CorruptionException(name + " is truncated: page " + page + " lies past its end");
            }
        } catch (IOException e) {
            throw new StorageIoException("reading page " + page + " of " + name + ": " + e.getMessage(), e);
        }
        return bytes;
    }

    Node readNode(long page, int level) {
        return format.decodeNode(read(page, 1), page, level, name);
    }

    byte[] readValue(Overflow overflow) {
        return format.decodeOverflow(read(overflow.first(), overflow.pages()), overflow, name);
    }

    /** The free runs listed by {@code meta}'s free list, and the pages the list occupies. */
    List<long[]> readFreeList(Meta meta, List<Long> listPages) {
        List<long[]> runs = new ArrayList<>();
        long page = meta.freeListHead();
        while (page != 0) {
            if (listPages.size() > meta.freeListPages()) {
                throw new CorruptionException(name + ": the free list is longer than its meta says");
            }
            listPages.add(page);
            page = format.decodeFreeList(read(page, 1), page, runs, name);
        }
        return runs;
    }

    /** Writes consecutive pages starting at {@code page}, as one positional write. */
    void write(long page, ByteBuffer[] buffers) {
        try {
            long position = page * format.pageSize;
            channel.position(position);
            long remaining = 0;
            for (ByteBuffer b : buffers) {
                remaining += b.remaining();
            }
            while (remaining > 0) {
                remaining -= channel.write(buffers);
            }
        } catch (IOException e) {
            throw new StorageIoException("writing page " + page + " of " + name + ": " + e.getMessage(), e);
        }
    }

    /** Writes meta copy {@code slot} (0 or 1). */
    void writeMeta(Meta meta, int slot) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(meta.encode(format.pageSize));
            long position = (long) slot * Meta.SLOT_SPACING;
            while (buf.hasRemaining()) {
                channel.write(buf, position + buf.position());
            }
        } catch (IOException e) {
            throw new StorageIoException("writing meta copy " + slot + " of " + name + ": " + e.getMessage(), e);
        }
    }

    /** Forces every write so far to the device. */
    void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new StorageIoException("syncing " + name + ": " + e.getMessage(), e);
        }
    }

    long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new StorageIoException("measuring " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StorageIoException("closing " + name + ": " + e.getMessage(), e);
        }
    }
}
