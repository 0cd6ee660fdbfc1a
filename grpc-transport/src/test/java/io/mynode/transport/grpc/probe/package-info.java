/**
 * A program run in a child JVM by {@code ModulePathTests}, with the transport on the module path.
 * Outside {@code io.mynode.transport.grpc} on purpose: that package belongs to the named module,
 * so a class-path class cannot live in it.
 */
package io.mynode.transport.grpc.probe;
