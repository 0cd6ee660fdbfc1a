/**
 * The gRPC transport (provider {@code grpc}): client sessions and peer messages on one port.
 *
 * <p>Not built yet: see the open issue that builds this module. Nothing here pretends to work.
 */
package io.mynode.transport.grpc;
