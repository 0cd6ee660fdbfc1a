package io.mynode.kernel.consensus;

/**
 * Opaque messages between nodes, as the transport carries them. Delivery is best effort: a
 * message may be lost, delayed or (after a reconnect) duplicated, and consensus must tolerate all
 * of that. {@code send} never blocks on a slow or dead peer.
 */
public interface PeerNetwork {

    /**
     * Receives messages addressed to this node; called on transport threads, which it must not
     * block (queue the message and return): those threads may carry every other peer's messages too.
     */
    @FunctionalInterface
    interface Receiver {
        void receive(String from, byte[] message);
    }

    /** Queues {@code message} for node {@code to}; drops it if the peer is unreachable. */
    void send(String to, byte[] message);

    /** Installs the receiver; messages that arrive before one is installed are dropped. */
    void receiver(Receiver receiver);

    /**
     * Who this node may exchange messages with now, by id, and where each is: consensus calls it
     * whenever its configuration changes, so the network follows the cluster's membership rather
     * than {@code cluster.peers} alone. Replaces the previous set: links to nodes no longer named
     * close, new ones open, and messages from a node not named are refused. Called on consensus's
     * thread; must not block. The default ignores it (a network fixed at start).
     */
    default void members(java.util.Map<String, io.mynode.kernel.config.HostPort> addresses) {}
}
