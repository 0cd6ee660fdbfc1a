package io.mynode.storage.btree.bench;

import io.mynode.kernel.config.Settings;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.StorageContext;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.WriteBatch;
import io.mynode.storage.btree.BTreeProvider;
import java.nio.file.Path;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.openjdk.jmh.infra.Blackhole;

/** The three operations the benchmark times, over the B+-tree engine or H2's MVStore. */
sealed interface Store extends AutoCloseable {
    /** Stores the pairs; for the B+-tree one atomic batch, for MVStore plain puts. */
    void put(byte[][] keys, byte[][] values);

    byte[] get(byte[] key);

    /** Makes everything stored so far durable: the B+-tree's flush; MVStore's commit and sync. */
    void flush();

    /** Reads {@code n} entries from {@code start} on, ascending. */
    void scan(byte[] start, int n, Blackhole sink);

    @Override
    void close();

    static Store open(String kind, Path dir, int cacheMiB) {
        return switch (kind) {
            case "btree" -> new BTree(dir, cacheMiB);
            case "mvstore" -> new MvStore(dir, cacheMiB);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** mynode's engine, opened through its provider as a node would. */
    final class BTree implements Store {
        private final StorageEngine engine;

        BTree(Path dir, int cacheMiB) {
            engine = new BTreeProvider().open(new StorageContext(dir, new Settings("btree",
                    Map.of("cache.pages", Integer.toString(cacheMiB * 64)))));
        }

        @Override
        public void put(byte[][] keys, byte[][] values) {
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < keys.length; i++) {
                batch.put(keys[i], values[i]);
            }
            engine.write(batch);
        }

        @Override
        public byte[] get(byte[] key) {
            return engine.get(key).orElse(null);
        }

        @Override
        public void flush() {
            engine.flush();
        }

        @Override
        public void scan(byte[] start, int n, Blackhole sink) {
            try (Cursor c = engine.scan(KeyRange.atLeast(start))) {
                for (int i = 0; i < n && c.hasNext(); i++) {
                    sink.consume(c.next());
                }
            }
        }

        @Override
        public void close() {
            engine.close();
        }

        @Override
        public String toString() {
            return engine.status().toString();
        }
    }

    /** H2's MVStore on a file, with its default background commits, and a cache of the same size. */
    final class MvStore implements Store {
        private final MVStore store;
        private final MVMap<byte[], byte[]> map;

        MvStore(Path dir, int cacheMiB) {
            store = new MVStore.Builder().fileName(dir.resolve("mv.db").toString()).cacheSize(cacheMiB).open();
            map = store.openMap("data");
        }

        @Override
        public void put(byte[][] keys, byte[][] values) {
            for (int i = 0; i < keys.length; i++) {
                map.put(keys[i], values[i]);
            }
        }

        @Override
        public byte[] get(byte[] key) {
            return map.get(key);
        }

        @Override
        public void flush() {
            store.commit();
            store.sync();
        }

        @Override
        public void scan(byte[] start, int n, Blackhole sink) {
            org.h2.mvstore.Cursor<byte[], byte[]> c = map.cursor(start);
            for (int i = 0; i < n && c.hasNext(); i++) {
                sink.consume(c.next());
                sink.consume(c.getValue());
            }
        }

        @Override
        public void close() {
            store.close();
        }

        @Override
        public String toString() {
            return "MVStore[keys=" + map.sizeAsLong() + ", fileBytes=" + store.getFileStore().size()
                    + ", cacheHitRatio=" + store.getFileStore().getCacheHitRatio() + "%]";
        }
    }
}
