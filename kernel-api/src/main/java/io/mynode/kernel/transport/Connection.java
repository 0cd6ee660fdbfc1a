package io.mynode.kernel.transport;

import io.mynode.kernel.sql.SqlEngine;

/**
 * A client's connection to one node: SQL sessions and status, over whatever transport is
 * installed. It is an {@link SqlEngine}, so code written against an embedded engine runs
 * unchanged against a remote node. Thread-safe; each session is used by one thread.
 */
public interface Connection extends SqlEngine, AutoCloseable {

    /** The node's identity and state; fails with {@code UnavailableException} if unreachable. */
    NodeStatus status();

    /** Closes every session opened here (rolling back their transactions) and the channel. */
    @Override
    void close();
}
