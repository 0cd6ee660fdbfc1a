package io.mynode.storage.btree;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One published state of the tree: the root, the batch version that produced it and its key
 * count. The engine holds the current one in a volatile field; readers pin the one they read so
 * that the pages it reaches are not reused under them.
 *
 * <p>Pinning races with the writer retiring the root. The reader increments, then checks
 * {@link #retired}; the writer sets {@code retired}, then reads the count. Whichever comes second
 * sees the other: either the reader backs off and pins the newer root, or the writer sees the pin
 * and keeps the pages this root reaches.
 */
final class Root {
    final Ref ref;
    final int level;
    final long version;
    final long keys;
    private final AtomicInteger pins = new AtomicInteger();
    private volatile boolean retired;

    Root(Ref ref, int level, long version, long keys) {
        this.ref = ref;
        this.level = level;
        this.version = version;
        this.keys = keys;
    }

    /** Pins this root unless it has been retired; then the caller takes the current one. */
    boolean tryPin() {
        pins.incrementAndGet();
        if (retired) {
            pins.decrementAndGet();
            return false;
        }
        return true;
    }

    /** One more pin on a root the caller already holds pinned (a cursor of a snapshot). */
    void addPin() {
        pins.incrementAndGet();
    }

    void unpin() {
        pins.decrementAndGet();
    }

    /** Marks this root superseded; returns whether readers still pin it. */
    boolean retire() {
        retired = true;
        return pins.get() > 0;
    }

    boolean pinned() {
        return pins.get() > 0;
    }
}
