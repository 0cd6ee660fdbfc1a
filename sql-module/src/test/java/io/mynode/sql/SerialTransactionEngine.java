package io.mynode.sql;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.ReadOnlyException;
import io.mynode.kernel.error.SerializationFailure;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import io.mynode.kernel.txn.Transaction;
import io.mynode.kernel.txn.TransactionEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * TEST DOUBLE: a small in-memory MVCC {@link TransactionEngine} over TreeMaps, with serializable
 * validation at commit (a commit fails if any key or range it read was written by a transaction
 * that committed after its snapshot). Commits take one lock, so they are serial. It stands in
 * for the real txn-module in fast unit tests of the SQL layer; the golden and differential tests
 * run over the real stack.
 */
final class SerialTransactionEngine implements TransactionEngine {
    private final TreeMap<byte[], TreeMap<Long, Optional<byte[]>>> versions = new TreeMap<>(Keys.ORDER);
    private final List<Committed> log = new ArrayList<>();
    private long latest;
    private long nextId = 1;

    private record Committed(long version, List<byte[]> keys) {}

    @Override
    public synchronized Transaction begin() {
        return new Txn(nextId++, latest, false);
    }

    @Override
    public synchronized Transaction beginReadOnly() {
        return new Txn(nextId++, latest, true);
    }

    @Override
    public synchronized Transaction beginAsOf(long version) {
        if (version > latest || version < 0) {
            throw new InvalidInputException("version " + version + " is not available; latest is " + latest);
        }
        return new Txn(nextId++, version, true);
    }

    private synchronized Optional<byte[]> read(byte[] key, long at) {
        TreeMap<Long, Optional<byte[]>> v = versions.get(key);
        if (v == null) {
            return Optional.empty();
        }
        Map.Entry<Long, Optional<byte[]>> e = v.floorEntry(at);
        return e == null ? Optional.empty() : e.getValue();
    }

    private synchronized TreeMap<byte[], byte[]> snapshot(KeyRange range, long at) {
        TreeMap<byte[], byte[]> out = new TreeMap<>(Keys.ORDER);
        for (Map.Entry<byte[], TreeMap<Long, Optional<byte[]>>> e : versions.entrySet()) {
            if (range.contains(e.getKey())) {
                Map.Entry<Long, Optional<byte[]>> v = e.getValue().floorEntry(at);
                if (v != null && v.getValue().isPresent()) {
                    out.put(e.getKey(), v.getValue().get());
                }
            }
        }
        return out;
    }

    private synchronized long commit(Txn t) {
        for (Committed c : log) {
            if (c.version() > t.version) {
                for (byte[] k : c.keys()) {
                    if (t.readKeys.containsKey(k) || t.readRanges.stream().anyMatch(r -> r.contains(k))) {
                        throw new SerializationFailure("transaction " + t.id + " conflicts with a commit at version "
                                + c.version());
                    }
                }
            }
        }
        long version = ++latest;
        for (Map.Entry<byte[], Optional<byte[]>> w : t.writes.entrySet()) {
            versions.computeIfAbsent(w.getKey(), k -> new TreeMap<>()).put(version, w.getValue());
        }
        log.add(new Committed(version, new ArrayList<>(t.writes.keySet())));
        return version;
    }

    private final class Txn implements Transaction {
        final long id;
        final long version;
        final boolean readOnly;
        State state = State.ACTIVE;
        final TreeMap<byte[], Optional<byte[]>> writes = new TreeMap<>(Keys.ORDER);
        final TreeMap<byte[], Boolean> readKeys = new TreeMap<>(Keys.ORDER);
        final List<KeyRange> readRanges = new ArrayList<>();

        Txn(long id, long version, boolean readOnly) {
            this.id = id;
            this.version = version;
            this.readOnly = readOnly;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public boolean readOnly() {
            return readOnly;
        }

        @Override
        public State state() {
            return state;
        }

        private void active() {
            if (state != State.ACTIVE) {
                throw new IllegalStateException("transaction " + id + " is " + state);
            }
        }

        @Override
        public Optional<byte[]> get(byte[] key) {
            active();
            Optional<byte[]> own = writes.get(key);
            if (own != null) {
                return own;
            }
            readKeys.put(key, true);
            return read(key, version);
        }

        @Override
        public Cursor scan(KeyRange range, Direction direction) {
            active();
            readRanges.add(range);
            TreeMap<byte[], byte[]> view = snapshot(range, version);
            for (Map.Entry<byte[], Optional<byte[]>> w : writes.entrySet()) {
                if (range.contains(w.getKey())) {
                    if (w.getValue().isPresent()) {
                        view.put(w.getKey(), w.getValue().get());
                    } else {
                        view.remove(w.getKey());
                    }
                }
            }
            List<Entry> entries = new ArrayList<>();
            view.forEach((k, v) -> entries.add(new Entry(k, v)));
            if (direction == Direction.DESCENDING) {
                java.util.Collections.reverse(entries);
            }
            return Cursor.of(entries.iterator());
        }

        @Override
        public void put(byte[] key, byte[] value) {
            active();
            if (readOnly) {
                throw new ReadOnlyException("transaction " + id + " is read-only");
            }
            writes.put(key, Optional.of(value));
        }

        @Override
        public void delete(byte[] key) {
            active();
            if (readOnly) {
                throw new ReadOnlyException("transaction " + id + " is read-only");
            }
            writes.put(key, Optional.empty());
        }

        @Override
        public long commit() {
            active();
            try {
                long v = readOnly || writes.isEmpty() ? version : SerialTransactionEngine.this.commit(this);
                state = State.COMMITTED;
                return v;
            } catch (SerializationFailure e) {
                state = State.ROLLED_BACK;
                throw e;
            }
        }

        @Override
        public void rollback() {
            if (state == State.ACTIVE) {
                state = State.ROLLED_BACK;
            }
        }
    }
}
