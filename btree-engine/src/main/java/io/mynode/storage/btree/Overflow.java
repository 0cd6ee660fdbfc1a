package io.mynode.storage.btree;

/**
 * Where a large value lives: a run of {@code pages} consecutive overflow pages starting at
 * {@code first}, holding {@code length} bytes. A leaf stores this instead of the value.
 */
record Overflow(long first, int length, int pages) {}
