package io.mynode.txn;

import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.ReadOnlyException;
import io.mynode.kernel.error.SerializationFailure;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import io.mynode.kernel.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One transaction: reads at {@link #version()} from the local state machine with its own buffered
 * writes overlaid, records what it read (read-write only), and commits by proposing one command.
 *
 * <p>A read-write transaction that wrote nothing has nothing to make durable and commits at its
 * snapshot without a consensus round: that is serializable (it orders before every commit above
 * its snapshot). Its snapshot is this replica's applied index, so for reads that must also be
 * linearizable use {@link io.mynode.kernel.txn.TransactionEngine#beginReadOnly()}.
 */
final class MvccTransaction implements Transaction {
    /** Marks a buffered delete in {@link #writes}; compared by identity. */
    static final byte[] DELETED = new byte[0];

    private final MvccEngine engine;
    private final MvccStateMachine store;
    private final long id;
    private final long version;
    private final boolean readOnly;
    // Copy on write: an open scan iterates the map it was given, so the first write after a scan
    // opens replaces the map instead of changing it under the scan (cheap scans, one copy per scan
    // at most, and a scan never sees writes made after it opened).
    private NavigableMap<byte[], byte[]> writes = new TreeMap<>(Keys.ORDER);
    private boolean writesShared;
    private final TreeSet<byte[]> reads = new TreeSet<>(Keys.ORDER);
    private final List<TransactionScan> scans = new ArrayList<>();
    private State state = State.ACTIVE;

    MvccTransaction(MvccEngine engine, long id, long version, boolean readOnly) {
        this.engine = engine;
        this.store = engine.stateMachine();
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

    @Override
    public Optional<byte[]> get(byte[] key) {
        checkActive();
        checkKey(key);
        byte[] own = writes.get(key);
        if (own != null) {
            return own == DELETED ? Optional.empty() : Optional.of(own.clone());
        }
        Optional<byte[]> value = store.read(key, version);
        checkRetained();
        if (!readOnly) {
            reads.add(key.clone());
        }
        return value;
    }

    @Override
    public Cursor scan(KeyRange range, Direction direction) {
        checkActive();
        NavigableMap<byte[], byte[]> own = ownWrites(range);
        Cursor stored = store.scan(range, direction, version, this::checkRetained);
        TransactionScan scan = new TransactionScan(range, direction, stored,
                direction == Direction.ASCENDING ? own : own.descendingMap());
        if (!readOnly) {
            scans.add(scan);
        }
        return scan;
    }

    /** A view of the buffered writes inside {@code range}; later writes go to a fresh copy. */
    private NavigableMap<byte[], byte[]> ownWrites(KeyRange range) {
        if (writes.isEmpty()) {
            return java.util.Collections.emptyNavigableMap();
        }
        if (range.start() != null && range.end() != null && Keys.compare(range.start(), range.end()) > 0) {
            return java.util.Collections.emptyNavigableMap();
        }
        NavigableMap<byte[], byte[]> sub = writes;
        if (range.start() != null) {
            sub = sub.tailMap(range.start(), range.startInclusive());
        }
        if (range.end() != null) {
            sub = sub.headMap(range.end(), range.endInclusive());
        }
        writesShared = true;
        return sub;
    }

    private NavigableMap<byte[], byte[]> writable() {
        if (writesShared) {
            writes = new TreeMap<>(writes);
            writesShared = false;
        }
        return writes;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkWritable();
        checkKey(key);
        if (value.length > Layout.MAX_VALUE) {
            throw new InvalidInputException("value of " + value.length + " bytes exceeds the limit of " + Layout.MAX_VALUE);
        }
        writable().put(key.clone(), value.clone());
    }

    @Override
    public void delete(byte[] key) {
        checkWritable();
        checkKey(key);
        writable().put(key.clone(), DELETED);
    }

    @Override
    public long commit() {
        checkActive();
        if (readOnly || writes.isEmpty()) {
            state = State.COMMITTED;
            return version;
        }
        List<Wire.Write> ws = new ArrayList<>(writes.size());
        writes.forEach((k, v) -> ws.add(new Wire.Write(k, v == DELETED ? null : v)));
        List<KeyRange> ranges = new ArrayList<>(scans.size());
        for (TransactionScan s : scans) {
            s.covered().ifPresent(ranges::add);
        }
        Wire.Commit command = new Wire.Commit(version, store.retention(), List.copyOf(reads), ranges, ws);
        // Whatever happens from here, this transaction is over: a retry is a new transaction.
        state = State.ROLLED_BACK;
        MvccEngine.Decided d = engine.propose(command);
        return switch (d.outcome()) {
            case Wire.Committed c -> {
                state = State.COMMITTED;
                yield c.version();
            }
            case Wire.Conflict c -> throw new SerializationFailure("transaction " + id + ": " + c.message());
            case Wire.Rejected r -> throw new InvalidInputException("transaction " + id + " was rejected: " + r.message());
            case Wire.IdBlock b -> throw new InternalFailure("a commit returned an id block " + b);
        };
    }

    @Override
    public void rollback() {
        if (state == State.ACTIVE) {
            state = State.ROLLED_BACK;
            writes = java.util.Collections.emptyNavigableMap();
        }
    }

    private void checkRetained() {
        if (!store.retained(version)) {
            if (readOnly) {
                throw new InvalidInputException("version " + version + " was garbage collected while transaction "
                        + id + " was reading; the oldest readable is " + store.lowWater());
            }
            throw new SerializationFailure("transaction " + id + " at version " + version
                    + " fell below the low-water mark " + store.lowWater() + " (txn.retention.versions); retry it");
        }
    }

    private void checkActive() {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("transaction " + id + " is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void checkWritable() {
        checkActive();
        if (readOnly) {
            throw new ReadOnlyException("transaction " + id + " is read-only");
        }
    }

    private static void checkKey(byte[] key) {
        if (key.length < 1 || key.length > Layout.MAX_KEY) {
            throw new InvalidInputException("key of " + key.length + " bytes is outside 1.." + Layout.MAX_KEY);
        }
    }
}
