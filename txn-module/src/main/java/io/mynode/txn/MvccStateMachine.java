package io.mynode.txn;

import io.mynode.kernel.config.Settings;
import io.mynode.kernel.consensus.Command;
import io.mynode.kernel.consensus.StateMachine;
import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.WriteBatch;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * The replicated half of MVCC: applies commit commands to the versioned store, deterministically.
 *
 * <p>Everything {@link #apply} decides depends on the stored state and the command alone, and
 * everything it changes (data versions, write-log entry, garbage collection, dedup record, applied
 * index, low-water mark) goes into one {@link WriteBatch}. Reads for transactions ({@link #read},
 * {@link #scan}) go straight to the engine and run concurrently with apply: a version is written
 * before {@link #appliedIndex()} announces it, and the low-water mark is announced before a batch
 * deletes what it no longer covers, so a reader that checks {@link #retained} after reading knows
 * whether what it read was complete.
 */
final class MvccStateMachine implements StateMachine {
    /** Write-log entries collected per apply at most: bounds the work one command can cause. */
    static final int GC_PER_APPLY = 16;
    static final long DEFAULT_RETENTION = 100_000;
    /** Transaction ids reserved per {@link Wire.AllocateIds}. */
    static final int ID_BLOCK = 1024;

    private final StorageEngine storage;
    private final long retention;
    private volatile long applied;
    private volatile long lowWater;
    private long nextTxnId;
    /** The stored dedup records, as read or written by apply (its thread only): spares a read per command. */
    private final HashMap<String, Optional<Wire.Dedup>> dedup = new HashMap<>();
    private volatile boolean closed;

    /** Over {@code storage}, configured by {@code settings} (checked against {@link MvccProvider#KEYS} here too). */
    MvccStateMachine(StorageEngine storage, Settings settings) {
        this.storage = storage;
        this.retention = MvccProvider.KEYS.settings(settings.prefix(), settings.values())
                .get(MvccProvider.RETENTION_VERSIONS);
        load();
    }

    private void load() {
        dedup.clear();
        applied = storage.get(Layout.APPLIED).map(Layout::longOf).orElse(0L);
        lowWater = storage.get(Layout.LOW_WATER).map(Layout::longOf).orElse(0L);
        nextTxnId = storage.get(Layout.NEXT_TXN_ID).map(Layout::longOf).orElse(1L);
    }

    /** This node's {@code mvcc.retention.versions}, which its transaction client puts in each commit. */
    long retention() {
        return retention;
    }

    /** The oldest version whose reads are still complete; versions below it may be collected. */
    long lowWater() {
        return lowWater;
    }

    /** Whether reads at {@code version} are still complete, i.e. nothing they need was collected. */
    boolean retained(long version) {
        return version >= lowWater;
    }

    // ---- reads, for the transaction client --------------------------------------------------

    /** The value of {@code key} at {@code version}, without the retention check. */
    Optional<byte[]> read(byte[] key, long version) {
        try (Cursor c = storage.scan(Layout.versionsAtOrBelow(key, version))) {
            if (!c.hasNext()) {
                return Optional.empty();
            }
            byte[] stored = c.next().value();
            return Layout.isTombstone(stored) ? Optional.empty() : Optional.of(Layout.userValue(stored));
        }
    }

    /** The entries of {@code range} at {@code version}, streamed; {@code check} runs after each step. */
    Cursor scan(KeyRange range, Direction direction, long version, Runnable check) {
        if (range.start() != null && range.end() != null && Keys.compare(range.start(), range.end()) > 0) {
            return Cursor.of(Collections.emptyIterator());
        }
        return new VersionedScan(storage.scan(Layout.dataRange(range), direction), version, direction, check);
    }

    // ---- apply ----------------------------------------------------------------------------

    @Override
    public byte[] apply(long index, Command command) {
        checkOpen();
        if (index <= applied) {
            throw new InternalFailure("log index " + index + " applied out of order: already at " + applied);
        }
        WriteBatch batch = new WriteBatch();
        byte[] clientKey = Layout.client(command.clientId());
        Optional<Wire.Dedup> seen = clientKey.length > Layout.MAX_KEY ? Optional.empty()
                : dedup.computeIfAbsent(command.clientId(), id -> storage.get(clientKey).map(Wire::decodeDedup));
        Wire.Dedup record = null;
        byte[] outcome;
        if (clientKey.length > Layout.MAX_KEY) {
            outcome = Wire.encode(new Wire.Rejected("client id of " + clientKey.length + " bytes is too long"));
        } else if (seen.isPresent() && command.sequence() == seen.get().sequence()) {
            outcome = seen.get().outcome(); // a retry the log carried twice: same answer, no effect
        } else if (seen.isPresent() && command.sequence() < seen.get().sequence()) {
            outcome = Wire.encode(new Wire.Rejected("command " + command.sequence() + " of client "
                    + command.clientId() + " is older than its last applied command " + seen.get().sequence()));
        } else {
            outcome = Wire.encode(execute(index, command.payload(), batch));
            record = new Wire.Dedup(command.sequence(), outcome);
            batch.put(clientKey, Wire.encode(record));
        }
        batch.put(Layout.APPLIED, Layout.longBytes(index));
        storage.write(batch);
        if (record != null) {
            dedup.put(command.clientId(), Optional.of(record));
        }
        applied = index;
        return outcome;
    }

    private Wire.Outcome execute(long index, byte[] payload, WriteBatch batch) {
        Wire.Request request;
        try {
            request = Wire.decodeRequest(payload);
        } catch (CorruptionException e) {
            return new Wire.Rejected(e.getMessage());
        }
        return switch (request) {
            case Wire.AllocateIds a -> {
                if (a.count() < 1 || a.count() > (1 << 20)) {
                    yield new Wire.Rejected("cannot reserve " + a.count() + " transaction ids");
                }
                long first = nextTxnId;
                nextTxnId += a.count();
                batch.put(Layout.NEXT_TXN_ID, Layout.longBytes(nextTxnId));
                yield new Wire.IdBlock(first);
            }
            case Wire.Commit c -> commit(index, c, batch);
        };
    }

    private Wire.Outcome commit(long index, Wire.Commit c, WriteBatch batch) {
        Optional<String> invalid = invalid(index, c);
        if (invalid.isPresent()) {
            return new Wire.Rejected(invalid.get());
        }
        Optional<String> conflict = validate(index, c);
        if (conflict.isPresent()) {
            return new Wire.Conflict(conflict.get());
        }
        if (!c.writes().isEmpty()) {
            List<byte[]> keys = new ArrayList<>();
            int part = 0;
            int bytes = 0;
            for (Wire.Write w : c.writes()) {
                batch.put(Layout.data(w.key(), index), w.value() == null ? Layout.tombstone() : Layout.putValue(w.value()));
                if (!keys.isEmpty() && bytes + w.key().length > Layout.LOG_PART_BYTES) {
                    batch.put(Layout.log(index, part++), Wire.encodeKeys(keys));
                    keys.clear();
                    bytes = 0;
                }
                keys.add(w.key());
                bytes += w.key().length + 5;
            }
            batch.put(Layout.log(index, part), Wire.encodeKeys(keys));
        }
        collect(Math.max(lowWater, index - c.retention()), batch);
        return new Wire.Committed(index);
    }

    /** What makes a commit malformed, checked before anything is written (so no engine limit throws). */
    private static Optional<String> invalid(long index, Wire.Commit c) {
        if (c.snapshot() < 0 || c.snapshot() >= index) {
            return Optional.of("snapshot version " + c.snapshot() + " is not below the commit index " + index);
        }
        if (c.retention() < 1) {
            return Optional.of("retention " + c.retention() + " is below 1");
        }
        for (Wire.Write w : c.writes()) {
            if (w.key().length < 1 || w.key().length > Layout.MAX_KEY) {
                return Optional.of("key of " + w.key().length + " bytes is outside 1.." + Layout.MAX_KEY);
            }
            if (w.value() != null && w.value().length > Layout.MAX_VALUE) {
                return Optional.of("value of " + w.value().length + " bytes exceeds " + Layout.MAX_VALUE);
            }
        }
        return Optional.empty();
    }

    /**
     * Serializable validation: the commit fails if a commit after its snapshot wrote a key it read
     * or a key inside a range it scanned. The write log holds every commit above the low-water
     * mark, so a snapshot below it can no longer be validated and fails as too old.
     */
    private Optional<String> validate(long index, Wire.Commit c) {
        if (c.reads().isEmpty() && c.ranges().isEmpty()) {
            return Optional.empty(); // blind writes depend on nothing, however old the snapshot
        }
        return conflict(c.snapshot(), index - 1, new ReadSet(c.reads(), c.ranges()));
    }

    /**
     * The first commit in {@code (snapshot, upTo]} that wrote something in {@code read}, as a
     * message; or a too-old message when the write log no longer reaches back to the snapshot.
     * Deterministic when called by apply; a transaction also calls it, concurrently with apply,
     * for {@code upTo} already applied, and then the retention check after the scan tells it
     * whether garbage collection removed entries under it.
     */
    Optional<String> conflict(long snapshot, long upTo, ReadSet read) {
        if (!retained(snapshot)) {
            return tooOld(snapshot);
        }
        if (snapshot >= upTo) {
            return Optional.empty(); // nothing committed in between: no need to look
        }
        try (Cursor log = storage.scan(Layout.logRange(snapshot + 1, upTo))) {
            while (log.hasNext()) {
                Entry e = log.next();
                long version = Layout.logVersion(e.key());
                for (byte[] key : Wire.decodeKeys(e.value())) {
                    if (read.containsKey(key)) {
                        return Optional.of("key " + Layout.show(key) + " read at version " + snapshot
                                + " was changed by the commit at version " + version + "; retry the transaction");
                    }
                    Optional<KeyRange> range = read.rangeOf(key);
                    if (range.isPresent()) {
                        return Optional.of("range " + show(range.get()) + " scanned at version " + snapshot
                                + " gained or changed key " + Layout.show(key) + " at version " + version
                                + "; retry the transaction");
                    }
                }
            }
        }
        return retained(snapshot) ? Optional.empty() : tooOld(snapshot);
    }

    private Optional<String> tooOld(long snapshot) {
        return Optional.of("snapshot version " + snapshot + " is older than the low-water mark " + lowWater
                + " (mvcc.retention.versions); retry the transaction");
    }

    private static String show(KeyRange r) {
        return (r.start() == null ? "(-inf" : (r.startInclusive() ? "[" : "(") + Layout.show(r.start())) + ", "
                + (r.end() == null ? "+inf)" : Layout.show(r.end()) + (r.endInclusive() ? "]" : ")"));
    }

    /**
     * Garbage collection up to {@code newLowWater}: for each write-log entry at a version {@code v}
     * at or below it (oldest first, at most {@link #GC_PER_APPLY}), every older version of the keys
     * written at {@code v} is deleted, and the version at {@code v} too if it is a tombstone; then
     * the entry itself. A snapshot at or above the low-water mark still finds, for every key, the
     * newest version at or below it. The mark is announced before the batch is written, so readers
     * notice that their snapshot fell below it.
     */
    private void collect(long newLowWater, WriteBatch batch) {
        if (newLowWater > lowWater) {
            lowWater = newLowWater;
            batch.put(Layout.LOW_WATER, Layout.longBytes(newLowWater));
        }
        if (lowWater < 1) {
            return;
        }
        int done = 0;
        try (Cursor log = storage.scan(Layout.logRange(0, lowWater))) {
            while (log.hasNext() && done++ < GC_PER_APPLY) {
                Entry e = log.next();
                long v = Layout.logVersion(e.key());
                for (byte[] key : Wire.decodeKeys(e.value())) {
                    KeyRange olderOrSame = Layout.versionsAtOrBelow(key, v);
                    try (Cursor versions = storage.scan(olderOrSame)) {
                        while (versions.hasNext()) {
                            Entry version = versions.next();
                            if (Layout.version(version.key()) < v || Layout.isTombstone(version.value())) {
                                batch.delete(version.key());
                            }
                        }
                    }
                }
                batch.delete(e.key());
            }
        }
    }

    @Override
    public void skip(long index) {
        checkOpen();
        if (index <= applied) {
            throw new InternalFailure("log index " + index + " skipped out of order: already at " + applied);
        }
        storage.write(new WriteBatch().put(Layout.APPLIED, Layout.longBytes(index)));
        applied = index;
    }

    @Override
    public long appliedIndex() {
        return applied;
    }

    @Override
    public long flush() {
        checkOpen();
        long durable = applied;
        storage.flush();
        return durable;
    }

    // ---- snapshots --------------------------------------------------------------------------

    @Override
    public long writeSnapshot(OutputStream out) {
        checkOpen();
        return Snapshots.write(storage, out);
    }

    @Override
    public void restoreSnapshot(long index, InputStream in) {
        checkOpen();
        List<Entry> entries = Snapshots.read(index, in);
        long newLowWater = entries.stream()
                .filter(e -> Arrays.equals(e.key(), Layout.LOW_WATER))
                .mapToLong(e -> Layout.longOf(e.value()))
                .findFirst().orElse(0L);
        WriteBatch batch = new WriteBatch();
        try (Cursor all = storage.scan(Layout.everything())) {
            while (all.hasNext()) {
                batch.delete(all.next().key());
            }
        }
        for (Entry e : entries) {
            batch.put(e.key(), e.value());
        }
        // Readers below the new mark must notice before the versions they need disappear.
        lowWater = Math.max(lowWater, newLowWater);
        storage.write(batch);
        load();
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the MVCC state machine is closed");
        }
    }
}
