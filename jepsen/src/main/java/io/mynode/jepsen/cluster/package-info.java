/**
 * Real node processes for a test: each node is started from the distribution's
 * {@code bin/mynode-server} with a generated {@code node.properties}, on a free port of
 * 127.0.0.1, with its own data directory, log and fault file in the test's store directory.
 *
 * <p>Faults are applied from outside, as Jepsen does over SSH: SIGKILL and restart, SIGSTOP and
 * SIGCONT, and partitions through the fault file each node's kernel polls ({@code faults.file}:
 * {@link io.mynode.kernel.fault.FaultyNetwork} drops peer messages to and from the ids listed,
 * whatever the transport). That file is the only hook inside the node; it needs
 * no root and no network namespaces, which this machine's CI does not have. What it leaves out:
 * client traffic is never cut (a client sees a partitioned node answer "unavailable" instead),
 * and clock faults.
 *
 * <p>Threading: {@link io.mynode.jepsen.cluster.NodeProcess} is synchronized, since the nemesis
 * thread and the runner's cleanup touch the same nodes.
 */
package io.mynode.jepsen.cluster;
