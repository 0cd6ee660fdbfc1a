package io.mynode.raft.core;

/** A state machine snapshot: it covers the log up to {@code index}, whose term was {@code term}. */
public record SnapshotMeta(long index, long term, long size) {}
