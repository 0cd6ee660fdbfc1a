package io.mynode.sql.bench;

import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import io.mynode.sql.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A TreeMap {@link Store} without transactions: only for measuring the planner in isolation. */
final class MemoryStore implements Store {
    private final TreeMap<byte[], byte[]> map = new TreeMap<>(Keys.ORDER);
    private long ids;

    @Override
    public long uniqueId() {
        return ids++;
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        return Optional.ofNullable(map.get(key));
    }

    @Override
    public Cursor scan(KeyRange range) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
            if (range.contains(e.getKey())) {
                out.add(new Entry(e.getKey(), e.getValue()));
            }
        }
        return Cursor.of(out.iterator());
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        map.remove(key);
    }
}
