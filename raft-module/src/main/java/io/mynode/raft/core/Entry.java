package io.mynode.raft.core;

/**
 * One log entry. {@code data} is opaque to the core: an empty array is a leader's no-op (appended
 * at the start of every term so that earlier entries can be committed by counting current-term
 * entries); anything else is an encoded command that only the replica layer decodes.
 */
public record Entry(long index, long term, byte[] data) {

    public Entry {
        if (index <= 0 || term <= 0) {
            throw new IllegalArgumentException("entry index and term must be positive: " + index + "@" + term);
        }
    }

    public boolean isNoop() {
        return data.length == 0;
    }

    /** Rough size in bytes, for batching appends; counts the header as 24 bytes. */
    public long size() {
        return 24L + data.length;
    }

    @Override
    public String toString() {
        return index + "@" + term + (isNoop() ? " noop" : " " + data.length + "B");
    }
}
