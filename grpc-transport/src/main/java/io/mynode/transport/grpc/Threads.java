package io.mynode.transport.grpc;

import java.util.concurrent.ThreadFactory;

/**
 * Where the transport's own threads come from: session workers and peer senders.
 *
 * <p>They are virtual threads on Java 24 and later, where a virtual thread blocked inside
 * {@code synchronized} no longer pins its carrier (JEP 491): a session worker blocks in whatever
 * the SQL engine and consensus do, and must not be able to starve the others. On older runtimes
 * they are daemon platform threads, which cost more memory per session but cannot deadlock that
 * way.
 */
final class Threads {
    private static final boolean VIRTUAL = Runtime.version().feature() >= 24;

    private Threads() {}

    /** A thread factory naming its threads {@code prefix0}, {@code prefix1}, ...; thread-safe. */
    static ThreadFactory named(String prefix) {
        return VIRTUAL
                ? Thread.ofVirtual().name(prefix, 0).factory()
                : Thread.ofPlatform().daemon().name(prefix, 0).factory();
    }
}
