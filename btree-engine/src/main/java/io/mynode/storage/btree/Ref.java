package io.mynode.storage.btree;

/**
 * A parent's pointer to a child: the child's page number once it is on disk, and the child
 * itself while it is in memory.
 *
 * <p>A node written by no flush yet has {@code page == 0} and is reachable only through
 * {@link #node}. A flush gives it a page and (for leaves) admits it to the bounded
 * {@link PageCache}, which clears {@code node} again when it evicts the leaf, so memory does not
 * grow with the tree; the next reader loads the page and attaches it again. Branches keep their
 * node: they are about one page in a hundred and every lookup passes through them. Both fields
 * only ever change from one representation of the same immutable content to another, so a reader
 * that sees either state reads the same data; {@code page} is set before {@code node} can be
 * cleared, so a reader that finds {@code node == null} also finds the page.
 */
final class Ref {
    volatile Node node;
    volatile long page;

    Ref(Node node) {
        this.node = node;
    }

    Ref(long page) {
        this.page = page;
    }

    Ref(long page, Node node) {
        this.page = page;
        this.node = node;
    }
}
