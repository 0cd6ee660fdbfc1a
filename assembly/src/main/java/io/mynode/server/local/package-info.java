/**
 * {@code mynode-local}: a whole cluster on one machine for trying mynode out, the counterpart of
 * {@code docker compose up} for people without Docker.
 *
 * <p>Each node is a separate JVM started from the distribution's {@code bin/mynode-server} by the
 * kernel's launcher ({@link io.mynode.kernel.launch.ProcessCluster}), so a node can be killed with
 * {@code kill -9} exactly as in production; the end-to-end tests and the Jepsen suite run their
 * clusters with the same launcher. {@link io.mynode.server.local.LocalCluster} is only the
 * command: it checks its flags, lays the cluster out under the data directory (one
 * {@code node.properties}, {@code node.log} and {@code data/} per node), waits until every node
 * names the same leader, then runs the REPL in its own JVM. Nodes are stopped with SIGTERM (their
 * shutdown hooks close storage cleanly), then SIGKILL after 10 s, also on Ctrl-C.
 *
 * <p>Left out: supervision (a node that dies stays dead; restart it by hand with
 * {@code bin/mynode-server --config <data>/mynodeN/node.properties}) and log rotation.
 */
package io.mynode.server.local;
