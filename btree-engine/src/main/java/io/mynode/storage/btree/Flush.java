package io.mynode.storage.btree;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The page-writing half of a flush: gives every node not yet on disk a page (children before
 * parents, since a branch records its children's pages), spills large values to overflow runs,
 * encodes the free list, and writes it all in as few positional writes as the page numbers allow.
 *
 * <p>The in-memory side effects that readers could notice are deferred to {@link #publish}, which
 * the engine calls only after the pages are written: until then a reader still finds every new
 * leaf through its {@link Ref} and every large value in memory.
 */
final class Flush {
    private record Out(long page, byte[] bytes) {}

    private record Written(Ref ref, Leaf leaf, long page, Overflow[] spilled) {}

    private final PageFormat format;
    private final FreePages free;
    private final List<Out> outs = new ArrayList<>();
    private final List<Written> written = new ArrayList<>();
    private long[] listPages = new long[0];
    private long listHead;
    private long freeOnDisk;
    private int pagesWritten;

    Flush(PageFormat format, FreePages free) {
        this.format = format;
        this.free = free;
    }

    /** Gives pages to every dirty node under {@code ref}; returns the page of {@code ref}'s node. */
    long nodes(Ref ref) {
        long page = ref.page;
        if (page != 0) {
            return page;
        }
        Node node = ref.node;
        switch (node) {
            case Branch b -> {
                for (int i = 0; i < b.count; i++) {
                    nodes(b.children[i]);
                }
                page = free.allocate();
                outs.add(new Out(page, format.encodeBranch(page, b)));
                written.add(new Written(ref, null, page, null));
            }
            case Leaf leaf -> {
                Overflow[] spilled = null;
                for (int i = 0; i < leaf.count; i++) {
                    if (leaf.values[i] instanceof byte[] v && !format.inline(leaf.keys[i].length, v.length)) {
                        if (spilled == null) {
                            spilled = new Overflow[leaf.count];
                        }
                        int pages = format.overflowPages(v.length);
                        long first = free.allocateRun(pages);
                        spilled[i] = new Overflow(first, v.length, pages);
                        outs.add(new Out(first, format.encodeOverflow(first, v)));
                    }
                }
                page = free.allocate();
                outs.add(new Out(page, format.encodeLeaf(page, leaf, spilled)));
                written.add(new Written(ref, leaf, page, spilled));
            }
        }
        ref.page = page;
        return page;
    }

    /**
     * Encodes the free list of the state being flushed: free and pending pages plus
     * {@code previousList} (the pages of the free list this flush replaces).
     */
    void freeList(long[] previousList) {
        long[] runs;
        while (true) {
            runs = free.runsOnDisk(previousList, listPages);
            int per = format.runsPerFreeListPage();
            int need = (runs.length + per - 1) / per;
            if (need <= listPages.length) {
                break;
            }
            listPages = Arrays.copyOf(listPages, listPages.length + 1);
            listPages[listPages.length - 1] = free.allocate();
        }
        int per = format.runsPerFreeListPage();
        for (int k = 0; k < listPages.length; k++) {
            long next = k + 1 < listPages.length ? listPages[k + 1] : 0;
            int from = Math.min(runs.length, k * per);
            int to = Math.min(runs.length, from + per);
            outs.add(new Out(listPages[k], format.encodeFreeList(listPages[k], next, runs, from, to)));
        }
        listHead = listPages.length == 0 ? 0 : listPages[0];
        for (long run : runs) {
            freeOnDisk += (int) run;
        }
    }

    /** Writes every encoded page, merging runs of consecutive pages into one write. */
    void write(PageFile file) {
        outs.sort(Comparator.comparingLong(Out::page));
        int i = 0;
        while (i < outs.size()) {
            long first = outs.get(i).page();
            long expected = first;
            List<ByteBuffer> run = new ArrayList<>();
            while (i < outs.size() && outs.get(i).page() == expected) {
                byte[] bytes = outs.get(i).bytes();
                run.add(ByteBuffer.wrap(bytes));
                expected += bytes.length / format.pageSize;
                i++;
            }
            file.write(first, run.toArray(ByteBuffer[]::new));
            pagesWritten += (int) (expected - first);
        }
    }

    /**
     * Now that the pages are on disk: large values become overflow references, and the written
     * leaves, clean now, join the bounded cache (which may detach older ones from their refs).
     */
    void publish(PageCache cache) {
        for (Written w : written) {
            if (w.leaf() == null) {
                continue;
            }
            if (w.spilled() != null) {
                for (int i = 0; i < w.spilled().length; i++) {
                    if (w.spilled()[i] != null) {
                        w.leaf().values[i] = w.spilled()[i];
                    }
                }
            }
            cache.admit(w.ref(), w.leaf());
        }
    }

    long[] listPages() {
        return listPages;
    }

    long listHead() {
        return listHead;
    }

    long freeOnDisk() {
        return freeOnDisk;
    }

    int pagesWritten() {
        return pagesWritten;
    }
}
