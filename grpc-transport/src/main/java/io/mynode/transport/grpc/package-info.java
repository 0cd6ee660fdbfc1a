/**
 * The gRPC transport (provider {@code grpc}): client sessions and peer messages on one port.
 *
 * <p>Work in progress: client service and peer messaging work; see the module's tests.
 */
package io.mynode.transport.grpc;
