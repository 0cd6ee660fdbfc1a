package io.mynode.kernel.storage;

/** Scan order by unsigned byte-wise key comparison. */
public enum Direction {
    ASCENDING,
    DESCENDING
}
