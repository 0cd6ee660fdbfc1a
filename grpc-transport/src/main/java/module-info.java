/**
 * The gRPC transport (provider {@code grpc}): client sessions and peer messages on one port.
 */
module io.mynode.transport.grpc {
    requires io.mynode.kernel;
}
