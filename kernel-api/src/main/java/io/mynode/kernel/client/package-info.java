/**
 * The client contract: how a program outside a node (REPL, bench, Jepsen) talks to one.
 *
 * <p>Clients see a {@link io.mynode.kernel.client.Connection}, which is a
 * {@link io.mynode.kernel.sql.SqlEngine} plus status; the transport behind it is chosen at run
 * time, so clients depend on the kernel alone (an ArchUnit rule holds them to it).
 */
package io.mynode.kernel.client;
