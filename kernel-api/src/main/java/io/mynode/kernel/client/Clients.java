package io.mynode.kernel.client;

import io.mynode.kernel.Providers;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.TransportProvider;

/**
 * The entry point for clients (the REPL, the bench tool, Jepsen): they name an address, and the
 * transport is found at run time by {@link java.util.ServiceLoader}, so no client compiles
 * against a transport.
 */
public final class Clients {
    /** The transport used when the caller names none. */
    public static final String DEFAULT_TRANSPORT = "grpc";

    private Clients() {}

    /** Connects to the node at {@code address} over the default transport. */
    public static Connection connect(HostPort address) {
        return connect(DEFAULT_TRANSPORT, address);
    }

    /** Connects to the node at {@code address} over the transport named {@code transport}. */
    public static Connection connect(String transport, HostPort address) {
        return Providers.select(TransportProvider.class, transport).connect(address);
    }
}
