/**
 * Boot: {@link io.mynode.kernel.boot.Kernel} reads a {@link io.mynode.kernel.config.NodeConfig},
 * finds each part by name among the {@link io.mynode.kernel.boot.Plugins} and wires them into a
 * running {@link io.mynode.kernel.boot.Node}; the one place in mynode where parts meet.
 *
 * <p><b>Plugins.</b> {@link io.mynode.kernel.boot.Plugins#SERVICES} is the list of kernel services;
 * every list of plugins (the configuration schema and {@code --help-config}, the launchers'
 * {@code --engine} choices, the architecture tests' module map) is derived from the providers
 * {@link java.util.ServiceLoader} finds, so a new plugin module is picked up without an edit
 * elsewhere.
 *
 * <p><b>Identity and the cluster id.</b> Before any part opens a file,
 * {@link io.mynode.kernel.boot.DataIdentity} checks whose the data directory is: cluster id, node
 * id, storage engine and consensus are recorded in {@code data.dir/identity.properties} at the
 * first start, and a later start that disagrees is refused with a message saying what to do. The
 * cluster id is a name fixed at bootstrap: {@code cluster.id} when written (the same on every
 * node), else derived from the bootstrap peer list ({@code mynode-} and eight hex digits of a hash
 * of the sorted {@code cluster.peers}), so the nodes of a new cluster agree on it without a round
 * of messages. Once recorded it is the node's for good: a changed peer list does not change it,
 * and {@link io.mynode.kernel.transport.NodeStatus#clusterId()} reports it to clients. Two uses
 * rest on it: a client that follows one node's pointer to another (the REPL asking the leader for
 * match indexes) checks both answer with the same id, so a mapped port reaching another cluster is
 * caught; and a node that joins a running cluster learns the id from the node it contacts and
 * records it ({@link io.mynode.kernel.boot.DataIdentity#claim(java.nio.file.Path,
 * io.mynode.kernel.config.NodeConfig, String)}) instead of deriving one. Left out: peers do not
 * yet compare cluster ids when they connect.
 *
 * <p>It sits above every other kernel package and nothing in the kernel depends on it, which keeps
 * the contracts free of cycles. Single-threaded: boot runs on the caller's thread.
 */
package io.mynode.kernel.boot;
