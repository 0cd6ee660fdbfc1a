package io.mynode.storage.lsm;

import io.mynode.kernel.error.AbortedException;
import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Snapshot;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.storage.WriteBatch;
import io.mynode.storage.lsm.View.State;
import io.mynode.storage.lsm.sstable.BlockCache;
import io.mynode.storage.lsm.sstable.Table;
import io.mynode.storage.lsm.sstable.TableMeta;
import io.mynode.storage.lsm.sstable.TableWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The LSM engine: writes go to a memtable, full memtables are frozen and flushed to level-0 tables
 * by a background thread, and a second background thread compacts tables down the levels. See the
 * package documentation for the design; this class holds the moving parts together.
 *
 * <p>Locks, outermost first: {@code writeLock} serializes writers and {@link #flush}; {@code
 * installLock} serializes changes to the levels with their manifest writes (flusher and compactor);
 * {@code mutex} guards swapping {@link State} and is what stalled writers and idle background
 * threads wait on. Readers take none of them: they pin a {@link View} and go.
 */
public final class LsmEngine implements StorageEngine {
    /** Largest key accepted, in bytes. */
    public static final int MAX_KEY_BYTES = 4096;
    /** Largest value accepted, in bytes. */
    public static final int MAX_VALUE_BYTES = 1 << 20;

    private final Path dir;
    private final LsmOptions options;
    private final BlockCache cache;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object installLock = new Object();
    private final Object mutex = new Object();
    private final AtomicLong nextFile;
    private final byte[][] pointers = new byte[Levels.COUNT][];
    private final Thread flusher;
    private final Thread compactor;

    private volatile State state;
    private volatile long visibleSeq;
    private volatile Throwable failure;
    private volatile boolean closing;
    private volatile boolean closed;
    private long durableSeq; // guarded by installLock

    private final AtomicLong userBytes = new AtomicLong();
    private final AtomicLong flushedBytes = new AtomicLong();
    private final AtomicLong compactedBytes = new AtomicLong();
    private final AtomicLong compactions = new AtomicLong();
    private final AtomicLong trivialMoves = new AtomicLong();
    private final AtomicLong stallNanos = new AtomicLong();

    private LsmEngine(Path dir, LsmOptions options, BlockCache cache, FileChannel lockChannel, FileLock lock,
            Manifest manifest, Levels levels) {
        this.dir = dir;
        this.options = options;
        this.cache = cache;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.nextFile = new AtomicLong(manifest.nextFileNumber());
        this.durableSeq = manifest.lastSequence();
        this.visibleSeq = manifest.lastSequence();
        this.state = new State(new Memtable(options.memtableBytes()), List.of(), levels);
        this.flusher = Thread.ofPlatform().daemon().name("lsm-flush " + dir).unstarted(this::flushLoop);
        this.compactor = Thread.ofPlatform().daemon().name("lsm-compact " + dir).unstarted(this::compactLoop);
    }

    /**
     * Opens the engine in {@code dir}, creating it if empty. Recovery is reading the manifest:
     * the tables it lists are the state as of its last durable batch; table files it does not list
     * are leftovers of a flush or compaction cut short and are deleted.
     */
    static LsmEngine open(Path dir, LsmOptions options) {
        FileChannel lockChannel;
        FileLock lock;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StorageIoException("opening LSM engine directory " + dir, e);
        }
        try {
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new StorageIoException(dir + " is already open in another engine");
            }
            Manifest manifest = Manifest.read(dir).orElse(null);
            if (manifest == null) {
                List<List<TableMeta>> none = new ArrayList<>();
                for (int i = 0; i < Levels.COUNT; i++) {
                    none.add(List.of());
                }
                manifest = new Manifest(1, 0, none);
                manifest.write(dir);
            }
            removeUnlisted(dir, manifest);
            BlockCache cache = new BlockCache(options.cacheBytes());
            List<List<Table>> opened = new ArrayList<>();
            for (List<TableMeta> level : manifest.levels()) {
                List<Table> tables = new ArrayList<>();
                for (TableMeta meta : level) {
                    tables.add(Table.open(dir, meta, cache));
                }
                opened.add(tables);
            }
            Levels levels = new Levels(opened);
            opened.forEach(l -> l.forEach(Table::release));
            LsmEngine engine = new LsmEngine(dir, options, cache, lockChannel, lock, manifest, levels);
            engine.flusher.start();
            engine.compactor.start();
            return engine;
        } catch (IOException | RuntimeException e) {
            try {
                lockChannel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new StorageIoException("opening LSM engine in " + dir, e);
        }
    }

    private static void removeUnlisted(Path dir, Manifest manifest) throws IOException {
        Set<String> listed = new HashSet<>();
        manifest.levels().forEach(l -> l.forEach(t -> listed.add(TableMeta.fileName(t.fileNumber()))));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if ((name.endsWith(".sst") && !listed.contains(name)) || name.equals(Manifest.NAME + ".tmp")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    // ---- writes -------------------------------------------------------------------------------

    @Override
    public void write(WriteBatch batch) {
        for (WriteBatch.Op op : batch.ops()) {
            int k = op.key().length;
            if (k == 0 || k > MAX_KEY_BYTES) {
                throw new InvalidInputException("key of " + k + " bytes; the lsm engine takes keys of 1.." + MAX_KEY_BYTES + " bytes");
            }
            if (op instanceof WriteBatch.Put p && p.value().length > MAX_VALUE_BYTES) {
                throw new InvalidInputException("value of " + p.value().length + " bytes; the lsm engine takes values up to "
                        + MAX_VALUE_BYTES + " bytes");
            }
        }
        writeLock.lock();
        try {
            checkOpen();
            throwIfFailed();
            if (batch.isEmpty()) {
                return;
            }
            makeRoomForWrite();
            long seq = visibleSeq + 1;
            Memtable m = state.active();
            for (WriteBatch.Op op : batch.ops()) {
                switch (op) {
                    case WriteBatch.Put p -> m.put(p.key().clone(), seq, p.value().clone());
                    case WriteBatch.Delete d -> m.put(d.key().clone(), seq, null);
                }
            }
            m.lastSeq(seq);
            userBytes.addAndGet(batch.bytes());
            visibleSeq = seq; // publishes the whole batch at once
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Freezes a full memtable, first waiting if the flusher or compaction is too far behind: the
     * write stall. Waits are bounded by design: a stall lasts until one flush (or, at
     * {@code lsm.l0.stop}, one level-0 compaction) completes, and at {@code lsm.l0.slowdown} a
     * freeze is delayed once by at most 20 ms so that compaction can catch up before it must.
     */
    private void makeRoomForWrite() {
        boolean delayed = false;
        for (;;) {
            throwIfFailed();
            if (state.active().bytes() < options.memtableBytes()) {
                return;
            }
            synchronized (mutex) {
                State s = state;
                int l0 = s.levels().level(0).size();
                long t0 = System.nanoTime();
                if (s.immutables().size() >= options.maxImmutables() || l0 >= options.l0StopTrigger()) {
                    await(100);
                } else if (l0 >= options.l0SlowdownTrigger() && !delayed) {
                    delayed = true;
                    await(20);
                } else {
                    freeze();
                    return;
                }
                stallNanos.addAndGet(System.nanoTime() - t0);
            }
        }
    }

    /** Makes the active memtable immutable and starts a new one. Holds {@code mutex}. */
    private void freeze() {
        State s = state;
        List<Memtable> frozen = new ArrayList<>(s.immutables().size() + 1);
        frozen.add(s.active());
        frozen.addAll(s.immutables());
        state = new State(new Memtable(options.memtableBytes()), List.copyOf(frozen), s.levels());
        mutex.notifyAll();
    }

    private void await(long millis) {
        try {
            mutex.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortedException("interrupted while waiting for the LSM engine's background work", e);
        }
    }

    /**
     * Durability point: freezes the memtable and waits until every frozen memtable is a table
     * listed in the manifest. Since memtables are flushed one at a time, oldest first, and each
     * holds whole batches, the manifest always names an atomic prefix of the batches written.
     */
    @Override
    public void flush() {
        writeLock.lock();
        try {
            checkOpen();
            flushAll();
        } finally {
            writeLock.unlock();
        }
    }

    private void flushAll() {
        throwIfFailed();
        synchronized (mutex) {
            if (!state.active().isEmpty()) {
                freeze();
            }
            while (!state.immutables().isEmpty()) {
                throwIfFailed();
                await(100);
            }
        }
        throwIfFailed();
    }

    // ---- reads --------------------------------------------------------------------------------

    /**
     * Pins the current state at the current sequence, exactly. The state is read first and
     * checked again after the sequence: if it did not change in between, every batch up to the
     * sequence went into that state's memtables or was flushed into its tables, and its tables hold
     * no batch after the sequence (a memtable is flushed only once frozen, so after its last batch
     * was published). Reading the sequence first instead would be safe but loose: a flush landing
     * in between shows the snapshot a whole later batch prefix from the new table, newer than its
     * sequence.
     */
    private View pin() {
        checkOpen();
        for (;;) {
            State s = state;
            long seq = visibleSeq;
            if (state == s && s.levels().tryRetain()) {
                return new View(seq, s);
            }
        }
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        View v = pin();
        try {
            return v.get(key);
        } finally {
            v.state().levels().release();
        }
    }

    @Override
    public Cursor scan(KeyRange range, Direction direction) {
        View v = pin();
        try {
            return v.scan(range, direction);
        } finally {
            v.state().levels().release();
        }
    }

    @Override
    public Snapshot snapshot() {
        return new LsmSnapshot(pin());
    }

    // ---- background work ----------------------------------------------------------------------

    private void flushLoop() {
        try {
            for (;;) {
                Memtable m;
                synchronized (mutex) {
                    while (state.immutables().isEmpty() && !closing) {
                        mutex.wait();
                    }
                    if (state.immutables().isEmpty() || failure != null) {
                        return;
                    }
                    List<Memtable> frozen = state.immutables();
                    m = frozen.get(frozen.size() - 1);
                }
                Table table = writeTable(m);
                synchronized (installLock) {
                    Levels next = state.levels().withFlushed(table);
                    table.release();
                    durableSeq = m.lastSeq();
                    writeManifest(next);
                    synchronized (mutex) {
                        State s = state;
                        List<Memtable> frozen = new ArrayList<>(s.immutables());
                        frozen.remove(frozen.size() - 1);
                        state = new State(s.active(), List.copyOf(frozen), next);
                        s.levels().release();
                        mutex.notifyAll();
                    }
                }
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    private Table writeTable(Memtable m) {
        TableWriter w = newWriter();
        try {
            // Newest version of each key only: readers older than this memtable's last batch keep
            // reading the memtable itself, through the view they pinned.
            for (Source.OfMemtable s = new Source.OfMemtable(m, Long.MAX_VALUE, KeyRange.all(), Direction.ASCENDING);
                    s.valid(); s.advance()) {
                w.add(s.key(), s.isDelete() ? null : s.value());
            }
            TableMeta meta = w.finish();
            w = null;
            flushedBytes.addAndGet(meta.size());
            return Table.open(dir, meta, cache);
        } finally {
            if (w != null) {
                w.abandon();
            }
        }
    }

    private TableWriter newWriter() {
        long number = nextFile.getAndIncrement();
        return new TableWriter(dir.resolve(TableMeta.fileName(number)), number, options.blockBytes(),
                options.restartInterval(), options.bloomBitsPerKey());
    }

    private void compactLoop() {
        try {
            for (;;) {
                Compaction c;
                synchronized (mutex) {
                    for (;;) {
                        if (closing || failure != null) {
                            return;
                        }
                        Optional<Compaction> picked = Compaction.pick(state.levels(), options, pointers);
                        if (picked.isPresent()) {
                            c = picked.get();
                            break;
                        }
                        mutex.wait();
                    }
                }
                compact(c);
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    private void compact(Compaction c) {
        if (c.trivialMove()) {
            synchronized (installLock) {
                Levels next = state.levels().withCompacted(c.inputs(), c.level() + 1, c.inputs());
                writeManifest(next);
                publish(next);
            }
            trivialMoves.incrementAndGet();
            return;
        }
        Optional<List<TableMeta>> outputs = c.run(options.tableBytes(), this::newWriter, () -> closing, w -> {
            TableMeta meta = w.finish();
            compactedBytes.addAndGet(meta.size());
            return meta;
        });
        if (outputs.isEmpty()) {
            return;
        }
        List<Table> tables = new ArrayList<>();
        for (TableMeta meta : outputs.get()) {
            tables.add(Table.open(dir, meta, cache));
        }
        synchronized (installLock) {
            Levels next = state.levels().withCompacted(c.removed(), c.level() + 1, tables);
            tables.forEach(Table::release);
            writeManifest(next);
            c.removed().forEach(Table::markObsolete);
            publish(next);
        }
        compactions.incrementAndGet();
    }

    /** Makes {@code next} the current levels. Holds {@code installLock}. */
    private void publish(Levels next) {
        synchronized (mutex) {
            State s = state;
            state = new State(s.active(), s.immutables(), next);
            s.levels().release();
            mutex.notifyAll();
        }
    }

    /** Holds {@code installLock}. */
    private void writeManifest(Levels levels) {
        List<List<TableMeta>> metas = new ArrayList<>();
        for (List<Table> level : levels.all()) {
            metas.add(level.stream().map(Table::meta).toList());
        }
        new Manifest(nextFile.get(), durableSeq, metas).write(dir);
    }

    private void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        }
        synchronized (mutex) {
            mutex.notifyAll();
        }
    }

    /** Rethrows a background failure to the caller, keeping its kind (corruption stays corruption). */
    private void throwIfFailed() {
        Throwable f = failure;
        if (f == null) {
            return;
        }
        if (f instanceof CorruptionException c) {
            throw new CorruptionException("background flush or compaction stopped: " + c.getMessage(), c);
        }
        throw new StorageIoException("background flush or compaction stopped: " + f, f);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the lsm engine in " + dir + " is closed");
        }
    }

    // ---- status and close ---------------------------------------------------------------------

    @Override
    public StorageStatus status() {
        State s = state;
        long keys = s.active().entries();
        for (Memtable m : s.immutables()) {
            keys += m.entries();
        }
        long disk = 0;
        Map<String, String> details = new LinkedHashMap<>();
        for (int l = 0; l < Levels.COUNT; l++) {
            List<Table> level = s.levels().level(l);
            long bytes = 0;
            for (Table t : level) {
                bytes += t.meta().size();
                keys += t.meta().entries() - t.meta().tombstones();
            }
            disk += bytes;
            if (!level.isEmpty()) {
                details.put("L" + l, level.size() + " tables, " + bytes + " B");
            }
        }
        try {
            disk += Files.size(dir.resolve(Manifest.NAME));
        } catch (IOException e) {
            // Status is best effort; the manifest's size is a rounding error.
        }
        long written = flushedBytes.get() + compactedBytes.get();
        long user = userBytes.get();
        details.put("keys", "estimate: versions in memtables plus live entries in tables, an overwritten key once per copy");
        details.put("sequence", Long.toString(visibleSeq));
        details.put("memtable.bytes", Long.toString(s.active().bytes()));
        details.put("memtable.immutables", Long.toString(s.immutables().size()));
        details.put("user.bytes", Long.toString(user));
        details.put("flushed.bytes", Long.toString(flushedBytes.get()));
        details.put("compacted.bytes", Long.toString(compactedBytes.get()));
        details.put("write.amplification", user == 0 ? "n/a" : String.format("%.2f", (double) written / user));
        details.put("compactions", compactions.get() + " (+" + trivialMoves.get() + " trivial moves)");
        long hits = cache.hits();
        long lookups = hits + cache.misses();
        details.put("cache", cache.usedBytes() + " B, hit rate " + (lookups == 0 ? "n/a" : String.format("%.3f", (double) hits / lookups)));
        details.put("stall.millis", Long.toString(stallNanos.get() / 1_000_000));
        return new StorageStatus("lsm", keys, disk, details);
    }

    /** Flushes, stops the background threads and releases the directory lock. Closing twice is harmless. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            RuntimeException error = null;
            try {
                flushAll();
            } catch (RuntimeException e) {
                error = e;
            }
            closed = true;
            synchronized (mutex) {
                closing = true;
                mutex.notifyAll();
            }
            try {
                flusher.join();
                compactor.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            state.levels().release();
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                if (error == null) {
                    error = new StorageIoException("releasing the lock on " + dir, e);
                }
            }
            if (error != null) {
                throw error;
            }
        } finally {
            writeLock.unlock();
        }
    }
}
