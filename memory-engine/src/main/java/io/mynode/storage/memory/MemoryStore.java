package io.mynode.storage.memory;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import io.mynode.kernel.storage.Snapshot;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.storage.WriteBatch;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store: one published, never-changed sorted map, replaced by a copy per write batch (see the
 * package docs). Keys of 1..4096 bytes, values up to 1 MiB, as the other engines.
 */
final class MemoryStore implements StorageEngine {
    static final int MAX_KEY = 4096;
    static final int MAX_VALUE = 1 << 20;

    /** A published state: the map and the bytes it holds. */
    private record State(NavigableMap<byte[], byte[]> map, long bytes) {}

    private final long maxBytes;
    private final ReentrantLock writer = new ReentrantLock();
    private volatile State state = new State(Collections.unmodifiableNavigableMap(new TreeMap<>(Keys.ORDER)), 0);
    private volatile boolean closed;

    MemoryStore(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        return get(current(), key);
    }

    @Override
    public Cursor scan(KeyRange range, Direction direction) {
        return scan(current(), range, direction);
    }

    @Override
    public void write(WriteBatch batch) {
        for (WriteBatch.Op op : batch.ops()) {
            if (op.key().length == 0 || op.key().length > MAX_KEY) {
                throw new InvalidInputException("key of " + op.key().length + " bytes is outside 1.." + MAX_KEY);
            }
            if (op instanceof WriteBatch.Put p && p.value().length > MAX_VALUE) {
                throw new InvalidInputException("value of " + p.value().length + " bytes is over " + MAX_VALUE);
            }
        }
        writer.lock();
        try {
            State before = current();
            TreeMap<byte[], byte[]> next = new TreeMap<>(before.map());
            long bytes = before.bytes();
            for (WriteBatch.Op op : batch.ops()) {
                byte[] old = switch (op) {
                    case WriteBatch.Put p -> next.put(p.key().clone(), p.value().clone());
                    case WriteBatch.Delete d -> next.remove(d.key());
                };
                if (old != null) {
                    bytes -= op.key().length + old.length;
                }
                if (op instanceof WriteBatch.Put p) {
                    bytes += p.key().length + p.value().length;
                }
            }
            if (bytes > maxBytes) {
                throw new StorageIoException("the memory engine is full: the batch would hold " + bytes
                        + " bytes, over memory.max.bytes=" + maxBytes + "; nothing was written");
            }
            state = new State(Collections.unmodifiableNavigableMap(next), bytes);
        } finally {
            writer.unlock();
        }
    }

    @Override
    public Snapshot snapshot() {
        State at = current();
        return new Snapshot() {
            private volatile boolean released;

            @Override
            public Optional<byte[]> get(byte[] key) {
                check();
                return MemoryStore.get(at, key);
            }

            @Override
            public Cursor scan(KeyRange range, Direction direction) {
                check();
                return MemoryStore.scan(at, range, direction);
            }

            @Override
            public void close() {
                released = true;
            }

            private void check() {
                if (released) {
                    throw new IllegalStateException("snapshot is closed");
                }
            }
        };
    }

    /** Nothing to do: this engine is not durable (see the package docs). */
    @Override
    public void flush() {
        current();
    }

    @Override
    public StorageStatus status() {
        State s = state;
        return new StorageStatus("memory", s.map().size(), 0, Map.of("bytes", Long.toString(s.bytes())));
    }

    @Override
    public void close() {
        closed = true;
    }

    private State current() {
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
        return state;
    }

    private static Optional<byte[]> get(State s, byte[] key) {
        return Optional.ofNullable(s.map().get(key)).map(byte[]::clone);
    }

    /** The entries of {@code range} in {@code s}: a view of a map that never changes, so no copy. */
    private static Cursor scan(State s, KeyRange range, Direction direction) {
        NavigableMap<byte[], byte[]> sub = s.map();
        byte[] start = range.start();
        byte[] end = range.end();
        if (start != null && end != null) {
            int c = Keys.compare(start, end);
            if (c > 0 || (c == 0 && !(range.startInclusive() && range.endInclusive()))) {
                return Cursor.of(Collections.emptyIterator());
            }
        }
        if (start != null) {
            sub = sub.tailMap(start, range.startInclusive());
        }
        if (end != null) {
            sub = sub.headMap(end, range.endInclusive());
        }
        Iterator<Map.Entry<byte[], byte[]>> it =
                (direction == Direction.ASCENDING ? sub : sub.descendingMap()).entrySet().iterator();
        return Cursor.of(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Entry next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<byte[], byte[]> e = it.next();
                return new Entry(e.getKey().clone(), e.getValue().clone());
            }
        });
    }
}
