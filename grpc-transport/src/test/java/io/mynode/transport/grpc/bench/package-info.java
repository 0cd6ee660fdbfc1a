/**
 * JMH benchmarks of the gRPC transport on loopback (run {@code grpc-transport/bench.sh}).
 * Test sources only: they measure, they assert nothing.
 */
package io.mynode.transport.grpc.bench;
