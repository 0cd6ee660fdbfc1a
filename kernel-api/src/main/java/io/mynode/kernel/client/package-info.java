/**
 * The client entry point: how a program outside a node (REPL, bench, Jepsen) reaches one.
 *
 * <p>{@link io.mynode.kernel.client.Clients#connect} finds the transport at run time and returns a
 * {@link io.mynode.kernel.transport.Connection}, which is a {@link io.mynode.kernel.sql.SqlEngine}
 * plus status; clients therefore depend on the kernel alone (an ArchUnit rule holds them to it).
 */
package io.mynode.kernel.client;
