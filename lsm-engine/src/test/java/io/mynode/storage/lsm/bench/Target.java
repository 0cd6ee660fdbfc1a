package io.mynode.storage.lsm.bench;

import io.mynode.kernel.Providers;
import io.mynode.kernel.config.Settings;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.StorageContext;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageEngineProvider;
import io.mynode.kernel.storage.WriteBatch;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * One engine under test, reduced to what the workloads need. Kernel engines are found by provider
 * name through {@link Providers#select}, exactly as a node finds them, so this tool never imports
 * an engine module; RocksDB is driven through its JNI binding.
 */
sealed interface Target extends AutoCloseable {
    String name();

    void put(byte[] key, byte[] value);

    byte[] get(byte[] key);

    /** Reads up to {@code limit} entries from {@code from} on; returns how many. */
    int scan(byte[] from, int limit);

    /** Reads every entry in order; returns how many. */
    long scanAll();

    /** Makes everything written durable. */
    void flush();

    @Override
    void close();

    /**
     * Opens engine {@code name} in {@code dir}, or explains why it cannot: a kernel engine whose
     * module is not on the class path is reported, not fatal.
     */
    static Optional<Target> open(String name, Path dir, Map<String, String> lsmSettings, long cacheBytes) {
        if (name.equals("rocksdb")) {
            return Optional.of(new Rocks(dir, cacheBytes));
        }
        StorageEngineProvider provider;
        try {
            provider = Providers.select(StorageEngineProvider.class, name);
        } catch (ConfigException e) {
            return Optional.empty();
        }
        Map<String, String> settings = name.equals("lsm") ? lsmSettings : Map.of();
        return Optional.of(new Kernel(name, provider.open(new StorageContext(dir, new Settings(name, settings)))));
    }

    /** A kernel {@link StorageEngine}: one single-put batch per put, as db_bench's batch size 1. */
    record Kernel(String name, StorageEngine engine) implements Target {
        @Override
        public void put(byte[] key, byte[] value) {
            engine.write(new WriteBatch().put(key, value));
        }

        @Override
        public byte[] get(byte[] key) {
            return engine.get(key).orElse(null);
        }

        @Override
        public int scan(byte[] from, int limit) {
            int n = 0;
            try (Cursor c = engine.scan(KeyRange.atLeast(from))) {
                while (n < limit && c.hasNext()) {
                    c.next();
                    n++;
                }
            }
            return n;
        }

        @Override
        public long scanAll() {
            long n = 0;
            try (Cursor c = engine.scan(KeyRange.all())) {
                while (c.hasNext()) {
                    c.next();
                    n++;
                }
            }
            return n;
        }

        @Override
        public void flush() {
            engine.flush();
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    /**
     * RocksDB with settings matching the lsm engine's defaults: 64 MiB memtables (three at most),
     * 4 KiB blocks, 10-bit bloom filters, the same block cache size, 32 MiB tables, 256 MiB level 1,
     * multiplier 10, level-0 triggers 4/20/36, no compression, and the write-ahead log off, because
     * the lsm engine has none either (in mynode the Raft log is the write-ahead log) and both
     * engines then make data durable at {@link #flush}, which flushes memtables to tables.
     */
    final class Rocks implements Target {
        static {
            RocksDB.loadLibrary();
        }

        private final LRUCache cache;
        private final Options options;
        private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
        private final ReadOptions readOptions = new ReadOptions();
        private final RocksDB db;

        Rocks(Path dir, long cacheBytes) {
            cache = new LRUCache(cacheBytes);
            BlockBasedTableConfig table = new BlockBasedTableConfig()
                    .setBlockSize(4096)
                    .setBlockCache(cache)
                    .setFilterPolicy(new org.rocksdb.BloomFilter(10, false));
            options = new Options()
                    .setCreateIfMissing(true)
                    .setWriteBufferSize(64L << 20)
                    .setMaxWriteBufferNumber(3)
                    .setTargetFileSizeBase(32L << 20)
                    .setMaxBytesForLevelBase(256L << 20)
                    .setMaxBytesForLevelMultiplier(10)
                    .setLevel0FileNumCompactionTrigger(4)
                    .setLevel0SlowdownWritesTrigger(20)
                    .setLevel0StopWritesTrigger(36)
                    .setCompressionType(CompressionType.NO_COMPRESSION)
                    .setMaxBackgroundJobs(2)
                    .setTableFormatConfig(table);
            try {
                db = RocksDB.open(options, dir.toString());
            } catch (RocksDBException e) {
                throw new IllegalStateException("opening RocksDB in " + dir, e);
            }
        }

        @Override
        public String name() {
            return "rocksdb";
        }

        @Override
        public void put(byte[] key, byte[] value) {
            try {
                db.put(writeOptions, key, value);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public byte[] get(byte[] key) {
            try {
                return db.get(readOptions, key);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int scan(byte[] from, int limit) {
            int n = 0;
            try (RocksIterator it = db.newIterator(readOptions)) {
                for (it.seek(from); n < limit && it.isValid(); it.next()) {
                    it.key();
                    it.value();
                    n++;
                }
            }
            return n;
        }

        @Override
        public long scanAll() {
            long n = 0;
            try (RocksIterator it = db.newIterator(readOptions)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    it.key();
                    it.value();
                    n++;
                }
            }
            return n;
        }

        @Override
        public void flush() {
            try (FlushOptions f = new FlushOptions().setWaitForFlush(true)) {
                db.flush(f);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            db.close();
            options.close();
            writeOptions.close();
            readOptions.close();
            cache.close();
        }
    }
}
