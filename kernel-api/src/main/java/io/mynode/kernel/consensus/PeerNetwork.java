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
}
