package io.mynode.storage.btree;

import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded cache of clean leaves: which leaves may stay attached to their parent's
 * {@link Ref}, chosen by the CLOCK algorithm (second chance, an approximation of LRU).
 *
 * <p>A cached leaf is reached the way every node is, through {@code ref.node}, so a hit costs a
 * field read and no lock: this is what keeps point reads cheap. The cache only decides who stays.
 * Each slot holds a ref and the leaf it was given; a reader that uses a leaf sets its
 * {@code referenced} bit; when a slot is needed, the hand sweeps, clearing bits, and evicts the
 * first leaf not used since its last pass by detaching it from its ref ({@code ref.node = null},
 * which sends the next reader to the file). Leaves changed since the last flush are not here:
 * the tree holds them until the flush writes them and admits them.
 *
 * <p>A slot may outlive its page (the page was freed and reused): it then holds an unreachable
 * leaf until the hand evicts it, which costs capacity, never correctness, since nothing looks a
 * leaf up by page number. Admissions (misses and flushes) take the lock; hits do not.
 */
final class PageCache {
    private final Ref[] refs;
    private final Node[] nodes;
    private int used;
    private int hand;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    PageCache(int capacity) {
        this.refs = new Ref[capacity];
        this.nodes = new Node[capacity];
    }

    void hit() {
        hits.increment();
    }

    void miss() {
        misses.increment();
    }

    /** Keeps {@code node}, a clean leaf now attached to {@code ref}, evicting another if full. */
    synchronized void admit(Ref ref, Node node) {
        int slot;
        if (used < refs.length) {
            slot = used++;
        } else {
            while (true) {
                Node candidate = nodes[hand];
                if (candidate.referenced) {
                    candidate.referenced = false;
                    hand = (hand + 1) % refs.length;
                    continue;
                }
                Ref victim = refs[hand];
                if (victim.node == candidate) {
                    victim.node = null;
                }
                slot = hand;
                hand = (hand + 1) % refs.length;
                break;
            }
        }
        refs[slot] = ref;
        nodes[slot] = node;
    }

    int capacity() {
        return refs.length;
    }

    synchronized int size() {
        return used;
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }
}
