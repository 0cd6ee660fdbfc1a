package io.mynode.storage.btree;

/**
 * A tree node in memory: the decoded form of one leaf or branch page.
 *
 * <p>A node is immutable once a root that reaches it has been published. Before that it belongs to
 * the write batch that created it ({@link #owner}), which may change it in place: this is what
 * makes a batch of a hundred puts copy each leaf once rather than a hundred times.
 */
abstract sealed class Node permits Leaf, Branch {
    /** The version of the write batch that created this node and may still mutate it. */
    final long owner;
    /** Number of entries (leaf) or children (branch). */
    int count;
    /** Bytes this node takes when encoded, header included. */
    int bytes;
    /**
     * Set by readers of a cached leaf, cleared by the cache's clock hand: "used since the hand
     * last passed". Racy on purpose; a lost update only changes which leaf is evicted.
     */
    boolean referenced;

    Node(long owner, int count, int bytes) {
        this.owner = owner;
        this.count = count;
        this.bytes = bytes;
    }

    /** 0 for a leaf, 1 for a branch over leaves, and so on up to the root. */
    abstract int level();

    /** A private copy owned by the batch {@code version}, with room to grow by a few entries. */
    abstract Node copy(long version);
}
