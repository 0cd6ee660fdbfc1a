/**
 * {@code mynode-server --config FILE}: reads a node's configuration, boots it with
 * {@link io.mynode.kernel.boot.Kernel#boot}, says so on one line, and closes it on SIGTERM or
 * Ctrl-C (a shutdown hook), so the storage engine is flushed and the Raft log closed cleanly.
 *
 * <p>Exit codes: 2 for a configuration error (the message names the key), 1 for any other
 * failure to start (a port in use, a corrupt file); a running node exits only when stopped.
 * Everything a node does after boot is logged by its modules; this package only starts and stops.
 */
package io.mynode.server;
