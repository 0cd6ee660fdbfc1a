/**
 * The kernel: the contracts every part of mynode is written against, and the boot sequence that
 * finds the parts with {@link java.util.ServiceLoader} and wires them.
 *
 * <p>mynode is a plugin kernel. Each part (storage engine, MVCC, consensus, SQL, transport) lives
 * in its own JPMS module that imports only this one, and says what it provides in its
 * {@code module-info.java}. {@link io.mynode.kernel.boot.Kernel#boot} reads the names chosen in
 * {@code node.properties} and looks the providers up by {@link io.mynode.kernel.NamedProvider#name()}
 * ({@link io.mynode.kernel.Providers}). So swapping the B+-tree for the LSM engine is one line of
 * configuration, and no plugin can reach into another: ArchUnit tests in {@code assembly} fail the
 * build if one tries.
 *
 * <p>Follow one statement from the REPL to the disk: {@code repl} sends it through
 * {@link io.mynode.kernel.client.Clients} to a node's transport; the transport hands it to a
 * {@link io.mynode.kernel.sql.Session}; SQL plans it over a
 * {@link io.mynode.kernel.txn.Transaction}; the commit goes through
 * {@link io.mynode.kernel.consensus.Consensus} into every node's
 * {@link io.mynode.kernel.consensus.StateMachine}, which writes a
 * {@link io.mynode.kernel.storage.WriteBatch} into the {@link io.mynode.kernel.storage.StorageEngine}.
 *
 * <p>This root package holds only provider lookup, which every contract package uses. Subpackages:
 * {@code config} (node.properties), {@code error} (the exception family), {@code storage},
 * {@code consensus}, {@code txn}, {@code sql}, {@code transport} (incl. the client-side
 * {@code Connection}), {@code client} (the entry point for clients), {@code boot} (wiring).
 */
package io.mynode.kernel;
