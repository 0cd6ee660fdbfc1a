package io.mynode.kernel.storage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A test double: the storage contract over a {@link TreeMap}, with no durability at all. It is
 * the model the conformance suite compares real engines against, and a quick engine for tests of
 * the layers above storage. Snapshots copy the map, which is fine at test sizes.
 */
public final class MemoryEngine implements StorageEngine {
    private final TreeMap<byte[], byte[]> map = new TreeMap<>(Keys.ORDER);
    private volatile boolean closed;

    @Override
    public synchronized Optional<byte[]> get(byte[] key) {
        checkOpen();
        return Optional.ofNullable(map.get(key)).map(byte[]::clone);
    }

    @Override
    public synchronized Cursor scan(KeyRange range, Direction direction) {
        checkOpen();
        return Cursor.of(slice(map, range, direction).iterator());
    }

    /** Refuses what real engines refuse: empty keys, keys over 4 KiB, values over 1 MiB. */
    @Override
    public synchronized void write(WriteBatch batch) {
        checkOpen();
        for (WriteBatch.Op op : batch.ops()) {
            if (op.key().length == 0 || op.key().length > 4096
                    || (op instanceof WriteBatch.Put p && p.value().length > (1 << 20))) {
                throw new io.mynode.kernel.error.InvalidInputException(
                        "key of " + op.key().length + " bytes or its value is outside the limits (1..4096, 1 MiB)");
            }
        }
        for (WriteBatch.Op op : batch.ops()) {
            switch (op) {
                case WriteBatch.Put p -> map.put(p.key().clone(), p.value().clone());
                case WriteBatch.Delete d -> map.remove(d.key());
            }
        }
    }

    @Override
    public synchronized Snapshot snapshot() {
        checkOpen();
        TreeMap<byte[], byte[]> copy = new TreeMap<>(map);
        return new Snapshot() {
            private volatile boolean snapshotClosed;

            @Override
            public Optional<byte[]> get(byte[] key) {
                check();
                return Optional.ofNullable(copy.get(key)).map(byte[]::clone);
            }

            @Override
            public Cursor scan(KeyRange range, Direction direction) {
                check();
                return Cursor.of(slice(copy, range, direction).iterator());
            }

            @Override
            public void close() {
                snapshotClosed = true;
            }

            private void check() {
                if (snapshotClosed) {
                    throw new IllegalStateException("snapshot is closed");
                }
            }
        };
    }

    @Override
    public void flush() {
        checkOpen();
    }

    @Override
    public synchronized StorageStatus status() {
        return new StorageStatus("memory", map.size(), 0, Map.of());
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
    }

    /** The entries of {@code map} in {@code range}, copied, in {@code direction} order. */
    static List<Entry> slice(NavigableMap<byte[], byte[]> map, KeyRange range, Direction direction) {
        NavigableMap<byte[], byte[]> sub = map;
        if (range.start() != null && range.end() != null && Keys.compare(range.start(), range.end()) > 0) {
            return List.of();
        }
        if (range.start() != null) {
            sub = sub.tailMap(range.start(), range.startInclusive());
        }
        if (range.end() != null) {
            if (range.start() != null && Keys.compare(range.start(), range.end()) == 0
                    && !(range.startInclusive() && range.endInclusive())) {
                return List.of();
            }
            sub = sub.headMap(range.end(), range.endInclusive());
        }
        Iterator<Map.Entry<byte[], byte[]>> it =
                (direction == Direction.ASCENDING ? sub : sub.descendingMap()).entrySet().iterator();
        List<Entry> out = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<byte[], byte[]> e = it.next();
            out.add(new Entry(e.getKey().clone(), e.getValue().clone()));
        }
        return out;
    }
}
