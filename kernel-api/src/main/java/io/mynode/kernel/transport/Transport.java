package io.mynode.kernel.transport;

import io.mynode.kernel.consensus.PeerNetwork;

/**
 * A node's network endpoint: one listen address carries both peer messages and the client
 * service. Started before consensus (which needs {@link #peers()}); clients are served once the
 * SQL engine exists ({@link #serve}); until then client calls fail as unavailable.
 */
public interface Transport extends AutoCloseable {

    /** Messages to and from the other nodes of {@code cluster.peers}. */
    PeerNetwork peers();

    /** Starts answering client sessions and status calls. */
    void serve(ClientService service);

    /** Stops accepting, lets in-flight calls finish for a short grace period, then closes. */
    @Override
    void close();
}
