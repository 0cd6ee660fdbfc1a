package io.mynode.storage.btree;

import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Snapshot;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A snapshot: one pinned root. Its cursors take pins of their own, so a cursor may outlive the
 * snapshot it came from; the pages both reach stay on disk until the last pin is dropped.
 */
final class BTreeSnapshot implements Snapshot {
    private final BTreeEngine engine;
    private final Tree tree;
    private final Root root;
    private final AtomicBoolean open = new AtomicBoolean(true);

    /** Takes over one pin of {@code root}. */
    BTreeSnapshot(BTreeEngine engine, Tree tree, Root root) {
        this.engine = engine;
        this.tree = tree;
        this.root = root;
    }

    private void requireOpen() {
        if (!open.get()) {
            throw new IllegalStateException("snapshot at version " + root.version + " is closed");
        }
        if (engine.isClosed()) {
            throw new IllegalStateException("the engine of this snapshot is closed");
        }
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        requireOpen();
        return tree.get(root, key);
    }

    @Override
    public Cursor scan(KeyRange range, Direction direction) {
        requireOpen();
        root.addPin();
        return new TreeCursor(tree, root, range, direction);
    }

    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            root.unpin();
        }
    }
}
