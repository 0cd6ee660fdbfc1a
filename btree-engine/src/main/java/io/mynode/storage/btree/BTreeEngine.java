package io.mynode.storage.btree;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Snapshot;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.storage.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The B+-tree engine: publishes one {@link Root} per write batch, pins roots for readers, and
 * flushes (pages, then meta, each followed by an fsync). See the package documentation for the
 * file layout and the commit protocol.
 */
final class BTreeEngine implements StorageEngine {
    /** Large values held in memory beyond this many bytes trigger a flush. */
    private static final long DIRTY_BYTES = 64L << 20;

    /**
     * What the provider read from {@code btree.*}.
     *
     * @param pageSize bytes per page of a new file
     * @param cachePages leaves the cache holds
     * @param dirtyPages pages copied since the last flush beyond which a write flushes
     * @param sync whether flushes fsync (off only for tests and benchmarks that accept losing
     *     the tail on a machine crash; a process crash loses nothing flushed either way)
     */
    record Options(int pageSize, int cachePages, int dirtyPages, boolean sync) {}

    private final PageFile file;
    private final PageCache cache;
    private final Tree tree;
    private final FreePages free;
    private final Options options;
    private final ReentrantLock writer = new ReentrantLock();
    /** Superseded roots that readers still pinned when they were retired. */
    private final List<Root> pinned = new ArrayList<>();
    private volatile Root current;
    private volatile boolean closed;
    private long durableVersion;
    private long generation;
    private long[] listPages;
    private long dirtyPages;
    private long dirtyBytes;
    private long flushes;
    private long pagesWritten;
    private StorageIoException broken;

    private BTreeEngine(PageFile file, Options options) {
        this.file = file;
        this.options = options;
        this.cache = new PageCache(options.cachePages());
        this.tree = new Tree(file, cache);
        Meta meta = file.recovered;
        List<Long> pages = new ArrayList<>();
        this.free = new FreePages(meta.pages(), file.readFreeList(meta, pages));
        this.listPages = pages.stream().mapToLong(Long::longValue).toArray();
        Ref root = meta.rootPage() == 0 ? new Ref(Leaf.empty(0)) : new Ref(meta.rootPage());
        this.current = new Root(root, meta.rootLevel(), meta.version(), meta.keys());
        this.durableVersion = meta.version();
        this.generation = meta.generation();
        tree.root(current); // a corrupt root is reported at open, not at the first read
    }

    static BTreeEngine open(Path directory, Options options) {
        PageFile file = PageFile.open(directory, options.pageSize());
        try {
            return new BTreeEngine(file, options);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    // ---- reads ---------------------------------------------------------------------------

    /** Pins the current root; the caller unpins it. */
    private Root pin() {
        while (true) {
            Root root = current;
            if (root.tryPin()) {
                return root;
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the B+-tree engine at " + file.path() + " is closed");
        }
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        requireOpen();
        Root root = pin();
        try {
            return tree.get(root, key);
        } finally {
            root.unpin();
        }
    }

    @Override
    public Cursor scan(KeyRange range, Direction direction) {
        requireOpen();
        return new TreeCursor(tree, pin(), range, direction);
    }

    @Override
    public Snapshot snapshot() {
        requireOpen();
        return new BTreeSnapshot(this, tree, pin());
    }

    boolean isClosed() {
        return closed;
    }

    // ---- writes --------------------------------------------------------------------------

    @Override
    public void write(WriteBatch batch) {
        requireOpen();
        if (batch.isEmpty()) {
            return;
        }
        for (WriteBatch.Op op : batch.ops()) {
            validate(op);
        }
        writer.lock();
        try {
            requireWritable();
            Root base = current;
            long version = base.version + 1;
            TreeWriter w = new TreeWriter(tree, base, version);
            for (WriteBatch.Op op : batch.ops()) {
                switch (op) {
                    case WriteBatch.Put p -> w.put(p.key().clone(), p.value().clone());
                    case WriteBatch.Delete d -> w.delete(d.key());
                }
            }
            Root next = new Root(w.root(), w.rootLevel(), version, base.keys + w.keysDelta());
            current = next;
            if (base.retire()) {
                pinned.add(base);
            }
            free.freeLater(version, w.freed());
            dirtyPages += w.dirtied();
            dirtyBytes += w.dirtyBytes();
            if (dirtyPages > options.dirtyPages() || dirtyBytes > DIRTY_BYTES) {
                flushLocked();
            }
        } finally {
            writer.unlock();
        }
    }

    private static void validate(WriteBatch.Op op) {
        byte[] key = op.key();
        if (key == null || key.length == 0 || key.length > PageFormat.MAX_KEY) {
            throw new InvalidInputException("B+-tree keys are 1 to " + PageFormat.MAX_KEY + " bytes; got "
                    + (key == null ? "null" : key.length + " bytes") + "; nothing was written");
        }
        if (op instanceof WriteBatch.Put p && (p.value() == null || p.value().length > PageFormat.MAX_VALUE)) {
            throw new InvalidInputException("B+-tree values are at most " + PageFormat.MAX_VALUE + " bytes; got "
                    + (p.value() == null ? "null" : p.value().length + " bytes") + "; nothing was written");
        }
    }

    private void requireWritable() {
        requireOpen();
        if (broken != null) {
            throw new StorageIoException("the B+-tree engine at " + file.path()
                    + " stopped writing after a failed flush: " + broken.getMessage(), broken);
        }
    }

    @Override
    public void flush() {
        requireOpen();
        writer.lock();
        try {
            requireWritable();
            flushLocked();
        } finally {
            writer.unlock();
        }
    }

    /** The oldest version a reader still holds (the current one when nobody holds an older one). */
    private long oldestPinned() {
        long oldest = current.version;
        pinned.removeIf(r -> !r.pinned());
        for (Root r : pinned) {
            oldest = Math.min(oldest, r.version);
        }
        return oldest;
    }

    /**
     * The commit protocol: pages, fsync, meta copy A, fsync, meta copy B. Copy B reaches the disk
     * with the next flush's first fsync (or at close); until then copy A alone is the newest, and
     * either copy may be torn by a crash without losing the other.
     */
    private void flushLocked() {
        Root root = current;
        if (root.version == durableVersion) {
            return;
        }
        try {
            free.release(Math.min(durableVersion, oldestPinned()));
            Flush flush = new Flush(file.format, free);
            long rootPage = flush.nodes(root.ref);
            flush.freeList(listPages);
            flush.write(file);
            file.pages(free.end());
            sync();
            Meta meta = new Meta(generation + 1, rootPage, root.level, root.version, root.keys, free.end(),
                    flush.listHead(), flush.freeOnDisk(), flush.listPages().length);
            file.writeMeta(meta, 0);
            sync();
            file.writeMeta(meta, 1);
            flush.publish(cache);
            free.freeNow(listPages);
            listPages = flush.listPages();
            generation++;
            durableVersion = root.version;
            dirtyPages = 0;
            dirtyBytes = 0;
            flushes++;
            pagesWritten += flush.pagesWritten();
        } catch (StorageIoException e) {
            broken = e;
            throw e;
        }
    }

    private void sync() {
        if (options.sync()) {
            file.sync();
        }
    }

    // ---- status and lifecycle ------------------------------------------------------------

    @Override
    public StorageStatus status() {
        requireOpen();
        writer.lock();
        try {
            Root root = current;
            long end = free.end();
            long hits = cache.hits();
            long misses = cache.misses();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("page.size", Integer.toString(file.format.pageSize));
            details.put("height", Integer.toString(root.level + 1));
            details.put("pages.total", Long.toString(end));
            details.put("pages.live", Long.toString(end - 1 - free.freeCount() - free.pendingCount() - listPages.length));
            details.put("pages.free", Long.toString(free.freeCount()));
            details.put("pages.pending", Long.toString(free.pendingCount()));
            details.put("pages.dirty", Long.toString(dirtyPages));
            details.put("cache.pages", Integer.toString(cache.size()));
            details.put("cache.capacity", Integer.toString(cache.capacity()));
            details.put("cache.hits", Long.toString(hits));
            details.put("cache.misses", Long.toString(misses));
            details.put("cache.hit.rate", hits + misses == 0 ? "n/a"
                    : String.format(Locale.ROOT, "%.4f", hits / (double) (hits + misses)));
            details.put("version", Long.toString(root.version));
            details.put("durable.version", Long.toString(durableVersion));
            details.put("flushes", Long.toString(flushes));
            details.put("pages.written", Long.toString(pagesWritten));
            return new StorageStatus("btree", root.keys, file.size(), details);
        } finally {
            writer.unlock();
        }
    }

    @Override
    public void close() {
        writer.lock();
        try {
            if (closed) {
                return;
            }
            try {
                if (broken == null) {
                    flushLocked();
                    sync(); // meta copy B
                }
            } finally {
                closed = true;
                file.close();
            }
        } finally {
            writer.unlock();
        }
    }
}
