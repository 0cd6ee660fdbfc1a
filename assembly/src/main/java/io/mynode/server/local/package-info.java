/**
 * {@code mynode-local}: a whole cluster on one machine for trying mynode out, the counterpart of
 * {@code docker compose up} for people without Docker.
 *
 * <p>Each node is a separate JVM started from the distribution's {@code bin/mynode-server}
 * ({@link io.mynode.server.local.NodeProcess}), so a node can be killed with {@code kill -9}
 * exactly as in production; the end-to-end tests use the same class to run their clusters.
 * {@link io.mynode.server.local.LocalCluster} writes one {@code node.properties} per node under
 * the data directory, waits until the last node knows a leader, then runs the REPL in its own
 * JVM. Nodes are stopped with SIGTERM (their shutdown hooks close storage cleanly), then SIGKILL
 * after 15 s.
 *
 * <p>Left out: supervision (a node that dies stays dead; restart it by hand with
 * {@code bin/mynode-server --config <data>/mynodeN/node.properties}) and log rotation.
 */
package io.mynode.server.local;
