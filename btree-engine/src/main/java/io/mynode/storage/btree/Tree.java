package io.mynode.storage.btree;

import java.util.Optional;

/**
 * The read side of the tree, shared by the engine, snapshots, cursors and the writer: following a
 * {@link Ref} to its node (from memory, the cache or the file) and point lookups.
 *
 * <p>Safe for any number of threads: everything reachable from a pinned {@link Root} is immutable
 * and stays on disk until the pin is gone.
 */
final class Tree {
    final PageFile file;
    final PageCache cache;
    final PageFormat format;

    Tree(PageFile file, PageCache cache) {
        this.file = file;
        this.cache = cache;
        this.format = file.format;
    }

    /** The node {@code ref} points to, at tree level {@code level}. */
    Node load(Ref ref, int level) {
        Node node = ref.node;
        if (level > 0) {
            if (node == null) {
                // Branches stay attached to their parent: few, and on every path.
                node = file.readNode(ref.page, level);
                ref.node = node;
            }
            return node;
        }
        if (node != null) {
            if (!node.referenced) {
                node.referenced = true;
            }
            cache.hit();
            return node;
        }
        node = file.readNode(ref.page, 0);
        cache.miss();
        ref.node = node;
        cache.admit(ref, node);
        return node;
    }

    Node root(Root root) {
        return load(root.ref, root.level);
    }

    /** The leaf whose range holds {@code key}. */
    Leaf leafFor(Root root, byte[] key) {
        Node node = root(root);
        while (node instanceof Branch b) {
            node = load(b.children[b.childIndex(key)], b.level - 1);
        }
        return (Leaf) node;
    }

    Optional<byte[]> get(Root root, byte[] key) {
        Leaf leaf = leafFor(root, key);
        int i = leaf.search(key);
        return i < 0 ? Optional.empty() : Optional.of(value(leaf.values[i]));
    }

    /** A caller-owned copy of a stored value, read from its overflow pages if it has them. */
    byte[] value(Object stored) {
        return switch (stored) {
            case byte[] v -> v.clone();
            case Overflow o -> file.readValue(o);
            default -> throw new IllegalStateException("leaf value of type " + stored.getClass());
        };
    }
}
