/**
 * The gRPC transport: one port per node carries the client service (SQL session streams, status,
 * table names) and the peer service (opaque messages between nodes). Protobuf and gRPC types stay
 * inside this module: it exports nothing.
 *
 * <p>Its libraries are plain jars, so they run as automatic modules on the module path:
 * {@code io.grpc} (grpc-api), {@code io.grpc.stub}, {@code io.grpc.protobuf},
 * {@code io.grpc.netty.shaded} and {@code com.google.protobuf}, plus what they pull in
 * ({@code io.grpc.internal} is grpc-core, {@code com.google.common} is Guava).
 *
 * @provides io.mynode.kernel.transport.TransportProvider {@code grpc}: the node's server side and
 *     the client connection that the REPL, the bench tool and Jepsen use through
 *     {@code io.mynode.kernel.client.Clients}
 */
module io.mynode.transport.grpc {
    requires io.mynode.kernel;
    requires io.grpc;
    requires io.grpc.stub;
    requires io.grpc.protobuf;
    requires io.grpc.netty.shaded;
    requires com.google.protobuf;
    requires com.google.common;

    provides io.mynode.kernel.transport.TransportProvider with io.mynode.transport.grpc.GrpcTransportProvider;
}
