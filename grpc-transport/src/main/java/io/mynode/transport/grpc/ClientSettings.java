package io.mynode.transport.grpc;

import io.mynode.kernel.error.ConfigException;
import java.time.Duration;

/**
 * The client side's limits. A client ({@code Clients.connect(address)}) has no node
 * configuration, so these come from system properties, e.g. {@code -Dmynode.grpc.statement.timeout.ms=5000}.
 *
 * @param callDeadline deadline of the one-shot calls (status, tables, table definition) and of
 *     opening a session ({@code mynode.grpc.call.deadline.ms}, default 10 s)
 * @param statementTimeout how long a statement may go without any answer from the node before the
 *     client gives up with an outcome-unknown error and drops the session's stream
 *     ({@code mynode.grpc.statement.timeout.ms}, default 60 s)
 * @param maxMessageBytes largest message the client accepts ({@code mynode.grpc.max.message.bytes}, default 32 MiB)
 * @param networkThreads network threads shared by every connection of this process
 *     ({@code mynode.grpc.network.threads}, default 1; read once, by the first connection)
 */
record ClientSettings(Duration callDeadline, Duration statementTimeout, int maxMessageBytes, int networkThreads) {

    static ClientSettings fromSystemProperties() {
        return new ClientSettings(
                Duration.ofMillis(property("mynode.grpc.call.deadline.ms", 10_000, 1)),
                Duration.ofMillis(property("mynode.grpc.statement.timeout.ms", 60_000, 1)),
                (int) property("mynode.grpc.max.message.bytes", 32 << 20, 64 << 10),
                (int) property("mynode.grpc.network.threads", 1, 1, 256));
    }

    private static long property(String name, long defaultValue, long min) {
        return property(name, defaultValue, min, Integer.MAX_VALUE);
    }

    private static long property(String name, long defaultValue, long min, long max) {
        String raw = System.getProperty(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v < min || v > max) {
                throw new ConfigException(name + ": " + v + " is outside " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + ": '" + raw + "' is not a number");
        }
    }
}
