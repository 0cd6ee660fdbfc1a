package io.mynode.transport.grpc;

import io.mynode.kernel.config.ConfigKeys;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.Transport;
import io.mynode.kernel.transport.TransportContext;
import io.mynode.kernel.transport.TransportProvider;

/**
 * The transport named {@code grpc}: a node's server side ({@link #start}) and a client's
 * connection ({@link #connect}). Found by {@link java.util.ServiceLoader}; nothing else in this
 * module is visible outside it.
 */
public final class GrpcTransportProvider implements TransportProvider {
    public static final String NAME = "grpc";

    @Override
    public String name() {
        return NAME;
    }

    /** The {@code grpc.*} keys: {@link GrpcSettings#KEYS}. */
    @Override
    public ConfigKeys configKeys() {
        return GrpcSettings.KEYS;
    }

    /**
     * Reads the {@code grpc.*} keys, binds {@code node.listen} and starts connecting to the
     * other nodes of {@code cluster.peers}. Client calls fail as unavailable until
     * {@link Transport#serve} is called.
     */
    @Override
    public Transport start(TransportContext context) {
        return GrpcTransport.start(context.config(), context.settings());
    }

    /** A lazy connection: nothing is dialled until the first call. Limits come from {@link ClientSettings}. */
    @Override
    public Connection connect(HostPort address) {
        return new RemoteConnection(address, ClientSettings.fromSystemProperties());
    }
}
