package io.mynode.storage.btree;

import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.StorageIoException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Which pages of the file may be written: the free set, the pages waiting to become free, and
 * the end of the file. Used by the writer only (under the engine's write lock).
 *
 * <p>A page a batch stops using (version {@code v}) is <em>pending</em>, not free: an open
 * snapshot or cursor may still read it, and until a meta with version {@code v} or later is on
 * disk, a crash would reopen the tree that uses it. It becomes free once both are past:
 *
 * <pre>
 *   freed by batch v ──► pending(v) ──[ v ≤ oldest pinned root  and  v ≤ durable version ]──► free
 * </pre>
 *
 * Allocation takes the lowest free page (so the file stays dense and shrinks its free tail over
 * time), or grows the file.
 */
final class FreePages {
    private record Freed(long version, long[] pages) {}

    private final BitSet free = new BitSet();
    private final ArrayDeque<Freed> pending = new ArrayDeque<>();
    private long freeCount;
    private long pendingCount;
    private int lowest;
    private long end;

    /** Starts from the file's page count and the free runs its meta lists. */
    FreePages(long end, List<long[]> runs) {
        this.end = end;
        for (long[] run : runs) {
            free.set(checked(run[0]), checked(run[0] + run[1]));
        }
        freeCount = free.cardinality();
    }

    private static int checked(long page) {
        if (page > Integer.MAX_VALUE) {
            throw new StorageIoException("page number " + page + " is past what the B+-tree file can address");
        }
        return (int) page;
    }

    /** One page to write: the lowest free one, or a new one at the end. */
    long allocate() {
        int page = free.nextSetBit(lowest);
        if (page < 0) {
            lowest = Integer.MAX_VALUE;
            return end++;
        }
        free.clear(page);
        freeCount--;
        lowest = page + 1;
        return page;
    }

    /** {@code n} consecutive pages for an overflow value: the first free run long enough, or the end. */
    long allocateRun(int n) {
        int start = free.nextSetBit(0);
        while (start >= 0) {
            int stop = free.nextClearBit(start);
            if (stop - start >= n) {
                free.clear(start, start + n);
                freeCount -= n;
                return start;
            }
            start = free.nextSetBit(stop);
        }
        long first = end;
        end += n;
        checked(end);
        return first;
    }

    /** The pages batch {@code version} stopped using. */
    void freeLater(long version, long[] pages) {
        if (pages.length > 0) {
            pending.addLast(new Freed(version, pages));
            pendingCount += pages.length;
        }
    }

    /** Frees right away pages no reader and no meta on disk can reach. */
    void freeNow(long[] pages) {
        for (long p : pages) {
            if (p < 1 || p >= end || free.get(checked(p))) {
                // Freeing a page twice would hand it to two nodes: stop before writing anything.
                throw new InternalFailure("B+-tree page " + p + " freed twice or outside the file (" + end + " pages)");
            }
            free.set((int) p);
            lowest = Math.min(lowest, (int) p);
        }
        freeCount += pages.length;
    }

    /** Frees the pending pages of every batch up to {@code version}. */
    void release(long version) {
        while (!pending.isEmpty() && pending.peekFirst().version() <= version) {
            Freed f = pending.removeFirst();
            pendingCount -= f.pages().length;
            freeNow(f.pages());
        }
    }

    /**
     * The runs a free list written now must list: every page that the tree being flushed does not
     * use, that is free and pending pages plus {@code extra}, minus {@code exclude}. Each run is
     * packed as {@code first << 32 | length}.
     */
    long[] runsOnDisk(long[] extra, long[] exclude) {
        BitSet all = (BitSet) free.clone();
        for (Freed f : pending) {
            for (long p : f.pages()) {
                all.set((int) p);
            }
        }
        for (long p : extra) {
            all.set((int) p);
        }
        for (long p : exclude) {
            all.clear((int) p);
        }
        long[] runs = new long[16];
        int n = 0;
        for (int start = all.nextSetBit(0); start >= 0; ) {
            int stop = all.nextClearBit(start);
            if (n == runs.length) {
                runs = Arrays.copyOf(runs, n * 2);
            }
            runs[n++] = (long) start << 32 | (stop - start);
            start = all.nextSetBit(stop);
        }
        return Arrays.copyOf(runs, n);
    }

    long end() {
        return end;
    }

    long freeCount() {
        return freeCount;
    }

    long pendingCount() {
        return pendingCount;
    }
}
