package io.mynode.storage.btree;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded cache of decoded leaves, keyed by page number: least recently used first out.
 *
 * <p>Sixteen segments, each a small access-ordered map behind its own lock, so readers on
 * different pages rarely meet. Only leaves live here: branches stay attached to their parents'
 * {@link Ref}s (about one page in a hundred, and touched by every lookup), and leaves not yet
 * flushed are held by the tree itself until the flush hands them over.
 *
 * <p>A page number is only reused once no reader can reach the old page, and the writer evicts a
 * page as it frees it, so a hit is always the current content of that page.
 */
final class PageCache {
    private static final int SEGMENTS = 16;

    private final Segment[] segments = new Segment[SEGMENTS];
    private final int capacity;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    PageCache(int capacity) {
        this.capacity = capacity;
        int perSegment = Math.max(1, capacity / SEGMENTS);
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(perSegment);
        }
    }

    private Segment segment(long page) {
        long h = page * 0x9E3779B97F4A7C15L;
        return segments[(int) (h >>> 60)];
    }

    /** The cached node of {@code page}, or null; counts a hit or a miss. */
    Node get(long page) {
        Segment s = segment(page);
        Node node;
        synchronized (s) {
            node = s.get(page);
        }
        (node == null ? misses : hits).increment();
        return node;
    }

    void put(long page, Node node) {
        Segment s = segment(page);
        synchronized (s) {
            s.put(page, node);
        }
    }

    void remove(long page) {
        Segment s = segment(page);
        synchronized (s) {
            s.remove(page);
        }
    }

    int capacity() {
        return capacity;
    }

    int size() {
        int n = 0;
        for (Segment s : segments) {
            synchronized (s) {
                n += s.size();
            }
        }
        return n;
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    private static final class Segment extends LinkedHashMap<Long, Node> {
        private static final long serialVersionUID = 1L;
        private final int limit;

        Segment(int limit) {
            super(Math.min(limit, 1024) * 2, 0.75f, true);
            this.limit = limit;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Node> eldest) {
            return size() > limit;
        }
    }
}
