package io.mynode.kernel.consensus;

/**
 * The outcome of a proposal: the log index the command was committed at, and what the state
 * machine returned. The index doubles as a version: MVCC uses it as the commit timestamp.
 */
public record Applied(long index, byte[] result) {}
