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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One transaction: reads at {@link #version()} from the local state machine with its own buffered
 * writes overlaid, records what it read (read-write only), and commits by proposing one command.
 *
 * <p>A read-write transaction that wrote nothing has nothing to make durable and commits without
 * a log entry: it checks its reads against a read index instead (see
 * {@link #failOnConflictUpTo}), which keeps it strictly serializable even when it began on
 * a lagging replica. That costs aborts PostgreSQL would not have (a reader whose data changed
 * while it ran); a transaction that only reads should be begun read-only, which never aborts.
 */
final class MvccTransaction implements Transaction {
    /** Marks a buffered delete in {@link #writes}; compared by identity. */
    static final byte[] DELETED = new byte[0];

    private final MvccEngine engine;
    private final MvccStateMachine store;
    private final long id;
    private final long version;
    private final boolean readOnly;
    private NavigableMap<byte[], byte[]> writes = new TreeMap<>(Keys.ORDER);
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
        scans.add(scan); // for validation (read-write) and to release engine cursors at the end
        return scan;
    }

    /**
     * The buffered writes inside {@code range}, copied so that a scan never sees writes made while
     * it is open (an UPDATE rewriting the rows it scans must not meet them again). The copy holds
     * only the range's own writes, which the scan would pass anyway, and a range without any (a
     * uniqueness probe, most scans) costs nothing.
     */
    private NavigableMap<byte[], byte[]> ownWrites(KeyRange range) {
        if (writes.isEmpty()) {
            return Collections.emptyNavigableMap();
        }
        if (range.start() != null && range.end() != null && Keys.compare(range.start(), range.end()) > 0) {
            return Collections.emptyNavigableMap();
        }
        NavigableMap<byte[], byte[]> sub = writes;
        if (range.start() != null) {
            sub = sub.tailMap(range.start(), range.startInclusive());
        }
        if (range.end() != null) {
            sub = sub.headMap(range.end(), range.endInclusive());
        }
        return sub.isEmpty() ? Collections.emptyNavigableMap() : new TreeMap<>(sub);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkWritable();
        checkKey(key);
        if (value.length > Layout.MAX_VALUE) {
            throw new InvalidInputException("value of " + value.length + " bytes exceeds the limit of " + Layout.MAX_VALUE);
        }
        writes.put(key.clone(), value.clone());
    }

    @Override
    public void delete(byte[] key) {
        checkWritable();
        checkKey(key);
        writes.put(key.clone(), DELETED);
    }

    @Override
    public long commit() {
        checkActive();
        List<KeyRange> ranges = new ArrayList<>(scans.size());
        for (TransactionScan s : scans) {
            s.covered().ifPresent(ranges::add);
        }
        if (readOnly || writes.isEmpty()) {
            if (!readOnly && (!reads.isEmpty() || !ranges.isEmpty())) {
                failOnConflictUpTo(engine.readPoint(), ranges);
            }
            state = State.COMMITTED;
            release();
            return version;
        }
        if (!reads.isEmpty() || !ranges.isEmpty()) { // blind writes are accepted at any snapshot
            failOnConflictUpTo(store.appliedIndex(), ranges);
        }
        List<Wire.Write> ws = new ArrayList<>(writes.size());
        writes.forEach((k, v) -> ws.add(new Wire.Write(k, v == DELETED ? null : v)));
        Wire.Commit command = new Wire.Commit(version, store.retention(), List.copyOf(reads), ReadSet.merge(ranges), ws);
        byte[] payload = Wire.encode(command);
        // Whatever happens from here, this transaction is over: a retry is a new transaction.
        state = State.ROLLED_BACK;
        release();
        if (payload.length > Layout.MAX_COMMIT_BYTES) {
            throw new InvalidInputException("transaction " + id + " is too large to commit: its " + writes.size()
                    + " writes and its reads take " + payload.length + " bytes, over the limit of "
                    + Layout.MAX_COMMIT_BYTES + "; split it into smaller transactions (nothing was written)");
        }
        MvccEngine.Decided d = engine.propose(payload);
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

    /**
     * Ends this transaction with a serialization failure if a commit in {@code (snapshot, upTo]}
     * wrote something it read, exactly as the state machine validates. Two uses:
     * <ul>
     *   <li>A read-write transaction that only read commits without a log entry, but its snapshot
     *       is this replica's applied index, which may lag commits acknowledged before it began.
     *       To stay strictly serializable it checks up to a read index taken now: then its reads
     *       hold at that read point, inside its lifetime.</li>
     *   <li>Before proposing, up to this replica's applied index: the state machine validates the
     *       window {@code (snapshot, i)}, and {@code i}, the index the commit would get, is above
     *       the applied index, so a conflict found here is one it would find too. Failing now saves
     *       the log entry and consensus round it would spend refusing the commit.</li>
     * </ul>
     */
    private void failOnConflictUpTo(long upTo, List<KeyRange> ranges) {
        Optional<String> conflict = store.conflict(version, upTo, new ReadSet(List.copyOf(reads), ranges));
        if (conflict.isPresent()) {
            state = State.ROLLED_BACK;
            release();
            throw new SerializationFailure("transaction " + id + ": " + conflict.get());
        }
    }

    @Override
    public void rollback() {
        if (state == State.ACTIVE) {
            state = State.ROLLED_BACK;
            writes = Collections.emptyNavigableMap();
            release();
        }
    }

    /** Closes the engine cursors of scans the caller left open: the transaction is over. */
    private void release() {
        for (TransactionScan scan : scans) {
            scan.close();
        }
        scans.clear();
    }

    private void checkRetained() {
        if (!store.retained(version)) {
            if (readOnly) {
                throw new InvalidInputException("version " + version + " was garbage collected while transaction "
                        + id + " was reading; the oldest readable is " + store.lowWater());
            }
            throw new SerializationFailure("transaction " + id + " at version " + version
                    + " fell below the low-water mark " + store.lowWater() + " (mvcc.retention.versions); retry it");
        }
    }

    private void checkActive() {
        if (state != State.ACTIVE) {
            throw new IllegalStateException("transaction " + id + " is " + state.name().toLowerCase(Locale.ROOT));
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
