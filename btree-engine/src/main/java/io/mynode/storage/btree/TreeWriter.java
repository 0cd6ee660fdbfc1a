package io.mynode.storage.btree;

import java.util.Arrays;

/**
 * One write batch applied to the tree, copy-on-write.
 *
 * <p>Each operation walks from the root to a leaf and makes every node on the path
 * <em>owned</em>: a node this batch already copied is changed in place; any other is copied first
 * (and, if it had a page, that page is freed as of this batch's version). Nothing a reader can
 * reach is ever changed, so the batch becomes visible all at once when the engine publishes
 * {@link #root()}, and an exception half way leaves nothing behind.
 *
 * <pre>
 *   before:        R0                 after put(k):     R1 (copy)
 *                /    \                                /    \
 *              A0      B0                            A0      B1 (copy, k inserted)
 *   R0 and B0 stay intact for readers pinned to the old root; their pages are freed as of v1.
 * </pre>
 *
 * <p>Splits push a separator up the path (the shortest key that divides the two leaves, so
 * branches hold short keys); deletes remove empty nodes, merge a node under a quarter full into a
 * sibling when the two fit in one page, and shrink the root while it is a branch with one child.
 * Used by the writer thread only.
 */
final class TreeWriter {
    private final Tree tree;
    private final PageFormat format;
    private final long version;
    private Ref rootRef;
    private int rootLevel;
    private long keysDelta;
    private long[] freed = new long[16];
    private int freedCount;
    private int dirtied;
    private long dirtyBytes;

    private Branch[] path = new Branch[8];
    private int[] slots = new int[8];
    private int depth;

    TreeWriter(Tree tree, Root base, long version) {
        this.tree = tree;
        this.format = tree.format;
        this.version = version;
        this.rootRef = base.ref;
        this.rootLevel = base.level;
    }

    Ref root() {
        return rootRef;
    }

    int rootLevel() {
        return rootLevel;
    }

    long keysDelta() {
        return keysDelta;
    }

    /** Pages this batch stopped using. */
    long[] freed() {
        return Arrays.copyOf(freed, freedCount);
    }

    /** Clean pages this batch copied or created: what the next flush has to write. */
    int dirtied() {
        return dirtied;
    }

    /** Bytes of large values this batch holds in memory until the next flush. */
    long dirtyBytes() {
        return dirtyBytes;
    }

    /** Stores {@code value} (the writer's own copy) under {@code key} (likewise). */
    void put(byte[] key, byte[] value) {
        Leaf leaf = descend(key);
        int i = leaf.search(key);
        int cell = format.leafCell(key, value);
        if (i >= 0) {
            Object old = leaf.values[i];
            release(old);
            leaf.bytes += cell - format.leafCell(key, old);
            leaf.values[i] = value;
        } else {
            i = -i - 1;
            leaf.insert(i, key, value);
            leaf.bytes += cell;
            keysDelta++;
        }
        if (!format.inline(key.length, value.length)) {
            dirtyBytes += value.length;
        }
        if (leaf.bytes > format.pageSize) {
            splitUp(leaf, i == leaf.count - 1 && rightmost());
        }
    }

    void delete(byte[] key) {
        if (tree.leafFor(new Root(rootRef, rootLevel, version, 0), key).search(key) < 0) {
            return; // nothing to delete: copy nothing
        }
        Leaf leaf = descend(key);
        int i = leaf.search(key);
        release(leaf.values[i]);
        leaf.bytes -= format.leafCell(key, leaf.values[i]);
        leaf.remove(i);
        keysDelta--;
        rebalance(leaf);
    }

    // ---- descent -------------------------------------------------------------------------

    /** Walks to the leaf for {@code key}, making every node on the way owned; fills the path. */
    private Leaf descend(byte[] key) {
        Node node = tree.load(rootRef, rootLevel);
        Node owned = own(rootRef, node);
        if (owned != node) {
            rootRef = new Ref(owned);
        }
        depth = 0;
        while (owned instanceof Branch b) {
            int i = b.childIndex(key);
            owned = ownChild(b, i);
            push(b, i);
        }
        return (Leaf) owned;
    }

    private Node ownChild(Branch b, int i) {
        Ref ref = b.children[i];
        Node child = tree.load(ref, b.level - 1);
        Node owned = own(ref, child);
        if (owned != child) {
            b.children[i] = new Ref(owned);
        }
        return owned;
    }

    private Node own(Ref ref, Node node) {
        if (node.owner == version) {
            return node;
        }
        long page = ref.page;
        if (page != 0) {
            free(page);
            dirtied++;
        }
        return node.copy(version);
    }

    private void push(Branch b, int slot) {
        if (depth == path.length) {
            path = Arrays.copyOf(path, depth * 2);
            slots = Arrays.copyOf(slots, depth * 2);
        }
        path[depth] = b;
        slots[depth] = slot;
        depth++;
    }

    private void free(long page) {
        if (freedCount == freed.length) {
            freed = Arrays.copyOf(freed, freedCount * 2);
        }
        freed[freedCount++] = page;
    }

    private void release(Object value) {
        if (value instanceof Overflow o) {
            for (int p = 0; p < o.pages(); p++) {
                free(o.first() + p);
            }
        }
    }

    /** Whether the path leads to the last leaf of the tree: where sequential inserts land. */
    private boolean rightmost() {
        for (int d = 0; d < depth; d++) {
            if (slots[d] != path[d].count - 1) {
                return false;
            }
        }
        return true;
    }

    // ---- splits --------------------------------------------------------------------------

    /** Splits {@code node} (at the bottom of the path) and its ancestors until every one fits. */
    private void splitUp(Node node, boolean appended) {
        while (node.bytes > format.pageSize) {
            byte[] separator;
            Node right;
            if (node instanceof Leaf leaf) {
                int m = appended ? leaf.count - 1 : leafSplitPoint(leaf);
                separator = shortestSeparator(leaf.keys[m - 1], leaf.keys[m]);
                right = leaf.splitOff(m, 0, version);
                leaf.bytes = format.leafBytes(leaf);
                right.bytes = format.leafBytes((Leaf) right);
            } else {
                Branch branch = (Branch) node;
                int m = branchSplitPoint(branch);
                separator = branch.keys[m];
                right = branch.splitOff(m, 0, version);
                branch.bytes = PageFormat.branchBytes(branch);
                right.bytes = PageFormat.branchBytes((Branch) right);
            }
            dirtied++;
            appended = false;
            if (depth == 0) {
                byte[][] keys = new byte[8][];
                Ref[] children = new Ref[8];
                keys[1] = separator;
                children[0] = rootRef;
                children[1] = new Ref(right);
                Branch root = new Branch(version, node.level() + 1, keys, children, 2,
                        PageFormat.HEADER + 8 + 10 + separator.length);
                rootRef = new Ref(root);
                rootLevel = root.level;
                dirtied++;
                return;
            }
            depth--;
            Branch parent = path[depth];
            parent.insert(slots[depth] + 1, separator, new Ref(right));
            parent.bytes += 10 + separator.length;
            node = parent;
        }
    }

    /** The split index that best balances the bytes of the two halves. */
    private int leafSplitPoint(Leaf leaf) {
        int half = (leaf.bytes - PageFormat.HEADER) / 2;
        int acc = 0;
        for (int i = 0; i < leaf.count - 1; i++) {
            int cell = format.leafCell(leaf.keys[i], leaf.values[i]);
            if (acc + cell > half) {
                return Math.max(1, (acc + cell - half < half - acc) ? i + 1 : i);
            }
            acc += cell;
        }
        return leaf.count - 1;
    }

    private static int branchSplitPoint(Branch branch) {
        int half = (branch.bytes - PageFormat.HEADER) / 2;
        int acc = 0;
        for (int i = 0; i < branch.count - 1; i++) {
            acc += PageFormat.branchCell(branch.keys, i);
            if (acc >= half) {
                return Math.max(1, Math.min(i + 1, branch.count - 1));
            }
        }
        return branch.count - 1;
    }

    /** The shortest key {@code s} with {@code left < s <= right}. */
    static byte[] shortestSeparator(byte[] left, byte[] right) {
        int n = Arrays.mismatch(left, right);
        // left < right, so they differ at n < right.length (or left is a prefix of right).
        return Arrays.copyOf(right, Math.min(right.length, n + 1));
    }

    // ---- deletes -------------------------------------------------------------------------

    /** Removes empty nodes and merges small ones upward from {@code node}, then trims the root. */
    private void rebalance(Node node) {
        while (depth > 0) {
            Branch parent = path[depth - 1];
            int slot = slots[depth - 1];
            if (node.count == 0) {
                parent.remove(slot);
                parent.bytes = PageFormat.branchBytes(parent);
            } else if (node.bytes >= format.pageSize / 4 || parent.count < 2 || !mergeWithSibling(parent, slot, node)) {
                break;
            }
            depth--;
            node = parent;
        }
        while (true) {
            Node root = tree.load(rootRef, rootLevel);
            if (!(root instanceof Branch b) || b.count > 1) {
                return;
            }
            if (b.count == 0) {
                rootRef = new Ref(Leaf.empty(version));
                rootLevel = 0;
                return;
            }
            rootRef = b.children[0];
            rootLevel = b.level - 1;
        }
    }

    /** Merges {@code node} (child {@code slot} of {@code parent}) with a neighbour if both fit in a page. */
    private boolean mergeWithSibling(Branch parent, int slot, Node node) {
        int other = slot + 1 < parent.count ? slot + 1 : slot - 1;
        Node sibling = tree.load(parent.children[other], node.level());
        int left = Math.min(slot, other);
        int separatorBytes = node instanceof Branch ? 2 + parent.keys[left + 1].length : 0;
        if (node.bytes + sibling.bytes - PageFormat.HEADER + separatorBytes > format.pageSize) {
            return false;
        }
        Node ownedSibling = ownChild(parent, other);
        Node l = left == slot ? node : ownedSibling;
        Node r = left == slot ? ownedSibling : node;
        if (l instanceof Leaf ll) {
            ll.absorb((Leaf) r);
        } else {
            ((Branch) l).absorb(parent.keys[left + 1], separatorBytes, (Branch) r);
        }
        parent.remove(left + 1);
        parent.bytes = PageFormat.branchBytes(parent);
        return true;
    }
}
