/**
 * The transport contract: how a node is reached, by clients and by its peers.
 *
 * <p>Peer messages are opaque bytes ({@link io.mynode.kernel.consensus.PeerNetwork}); the client
 * service is SQL sessions and status ({@link io.mynode.kernel.transport.ClientService}). Wire
 * formats (protobuf for gRPC) stay inside the transport's module.
 */
package io.mynode.kernel.transport;
