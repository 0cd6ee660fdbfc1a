package io.mynode.storage.btree;

import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import java.util.NoSuchElementException;

/**
 * A range scan over one pinned {@link Root}, in either direction.
 *
 * <p>The cursor keeps the path from the root to its leaf (a branch and a child index per level),
 * so stepping to the next leaf climbs only as far as needed and walks back down: no sibling
 * pointers, which a copy-on-write tree cannot keep (a new leaf would have to rewrite its
 * neighbours). The pin is dropped when the cursor is exhausted or closed, whichever comes first.
 */
final class TreeCursor implements Cursor {
    private final Tree tree;
    private final Root root;
    private final KeyRange range;
    private final boolean ascending;
    private final Branch[] branches;
    private final int[] slots;
    private Leaf leaf;
    private int index;
    private boolean positioned;
    private boolean done;
    private Entry next;

    /** Takes over one pin of {@code root}. */
    TreeCursor(Tree tree, Root root, KeyRange range, Direction direction) {
        this.tree = tree;
        this.root = root;
        this.range = range;
        this.ascending = direction == Direction.ASCENDING;
        this.branches = new Branch[root.level + 1];
        this.slots = new int[root.level + 1];
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = advance();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
        return next != null;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Entry e = next;
        next = null;
        return e;
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            root.unpin();
        }
    }

    private Entry advance() {
        if (!positioned) {
            seek();
            positioned = true;
        } else {
            index += ascending ? 1 : -1;
        }
        while (ascending ? index >= leaf.count : index < 0) {
            if (!stepLeaf()) {
                close();
                return null;
            }
        }
        byte[] key = leaf.keys[index];
        if (ascending ? !range.beforeEnd(key) : !range.afterStart(key)) {
            close();
            return null;
        }
        return new Entry(key.clone(), tree.value(leaf.values[index]));
    }

    /** Descends to the first entry of the range in scan order (possibly one past a leaf's end). */
    private void seek() {
        byte[] bound = ascending ? range.start() : range.end();
        Node node = tree.root(root);
        while (node instanceof Branch b) {
            int i = bound == null ? (ascending ? 0 : b.count - 1) : b.childIndex(bound);
            branches[b.level] = b;
            slots[b.level] = i;
            node = tree.load(b.children[i], b.level - 1);
        }
        leaf = (Leaf) node;
        if (bound == null) {
            index = ascending ? 0 : leaf.count - 1;
            return;
        }
        int i = leaf.search(bound);
        boolean inclusive = ascending ? range.startInclusive() : range.endInclusive();
        if (i >= 0) {
            index = inclusive ? i : (ascending ? i + 1 : i - 1);
        } else {
            int insertion = -i - 1;
            index = ascending ? insertion : insertion - 1;
        }
    }

    /** Moves to the neighbouring leaf in scan order; false at the end of the tree. */
    private boolean stepLeaf() {
        int level = 1;
        while (level <= root.level) {
            Branch b = branches[level];
            int i = slots[level] + (ascending ? 1 : -1);
            if (i >= 0 && i < b.count) {
                slots[level] = i;
                break;
            }
            level++;
        }
        if (level > root.level) {
            return false;
        }
        Node node = tree.load(branches[level].children[slots[level]], level - 1);
        while (node instanceof Branch b) {
            int i = ascending ? 0 : b.count - 1;
            branches[b.level] = b;
            slots[b.level] = i;
            node = tree.load(b.children[i], b.level - 1);
        }
        leaf = (Leaf) node;
        index = ascending ? 0 : leaf.count - 1;
        return true;
    }
}
