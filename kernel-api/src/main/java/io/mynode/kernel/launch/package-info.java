/**
 * Nodes as processes on this machine: the one launcher that {@code bin/mynode-local}, the
 * end-to-end tests and the Jepsen suite all use to run a cluster.
 *
 * <p><b>What.</b> {@link io.mynode.kernel.launch.ProcessCluster} lays out a directory per node
 * ({@code node.properties}, {@code node.log}, {@code data/}, optionally a partition file), starts
 * each node from a distribution's {@code bin/mynode-server} exactly as a user would, waits until
 * the nodes agree on a leader, and stops them all, from a shutdown hook too.
 * {@link io.mynode.kernel.launch.NodeProcess} is one node: start, stop (SIGTERM), kill (SIGKILL),
 * pause and resume (SIGSTOP, SIGCONT), partition (its {@code faults.file}), the tail of its log.
 *
 * <p><b>Why in the kernel.</b> Where {@link io.mynode.kernel.boot.Kernel#boot} starts a node inside
 * this JVM, this package starts one in a child JVM; both speak the kernel's configuration keys
 * ({@link io.mynode.kernel.config.NodeConfig}) and nothing else, and the launcher reaches nodes
 * through the client contract ({@link io.mynode.kernel.client.Clients}). Its three users are a
 * server command (main code), a client (Jepsen, which may import only the kernel) and tests; the
 * kernel is the one module all three may use. It has no JUnit in it: test helpers belong in
 * {@code test-support}.
 *
 * <p><b>Extension points.</b> A harness adds keys for every node
 * ({@link io.mynode.kernel.launch.ProcessCluster.Builder#property}), files per node before their
 * first start ({@link io.mynode.kernel.launch.ProcessCluster.NodeSetup}: certificates, keys, and the
 * keys that name them), and how the launcher connects to ask a node's status
 * ({@link io.mynode.kernel.launch.ProcessCluster.Builder#connector}, for credentials).
 *
 * <p><b>Left out.</b> Supervision (a node that dies stays dead until {@code start} is called
 * again), log rotation, and machines other than this one (every address is on one host).
 *
 * <p><b>Threads.</b> {@code NodeProcess} is synchronized: a nemesis thread and a cleanup hook may
 * act on the same node. Waiting for a leader polls every 200 ms on the caller's thread.
 */
package io.mynode.kernel.launch;
