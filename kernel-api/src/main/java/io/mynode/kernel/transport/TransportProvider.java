package io.mynode.kernel.transport;

import io.mynode.kernel.NamedProvider;
import io.mynode.kernel.config.HostPort;

/**
 * A transport: the server side a node starts, and the client side a client connects with.
 * Chosen by {@code transport=<name>} in {@code node.properties}.
 */
public interface TransportProvider extends NamedProvider {

    /** Binds {@code context.config().listen()} and starts reaching the peers. */
    Transport start(TransportContext context);

    /**
     * A client connection to the node at {@code address}. Connecting is lazy: an unreachable
     * node shows up as {@code UnavailableException} on first use.
     */
    Connection connect(HostPort address);
}
