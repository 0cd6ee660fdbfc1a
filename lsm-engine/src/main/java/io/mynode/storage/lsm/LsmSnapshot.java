package io.mynode.storage.lsm;

import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Snapshot;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A snapshot is a {@link View} kept pinned until closed: a sequence number plus the memtables and
 * tables that held the data then. Memtable versions newer than the sequence are skipped; tables
 * compacted away meanwhile stay on disk until the snapshot lets go. Safe for several threads.
 */
final class LsmSnapshot implements Snapshot {
    private final View view;
    private final AtomicBoolean closed = new AtomicBoolean();

    LsmSnapshot(View view) {
        this.view = view;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("snapshot is closed");
        }
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        checkOpen();
        return view.get(key);
    }

    @Override
    public Cursor scan(KeyRange range, Direction direction) {
        checkOpen();
        return view.scan(range, direction);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            view.state().levels().release();
        }
    }
}
