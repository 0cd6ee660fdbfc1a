/**
 * mynode's Jepsen-style test suite. The work is split by package:
 *
 * <pre>
 *   history   Op, History, EDN: what happened, in Jepsen's format
 *   checker   register (linearizability), bank, append (Elle cycles), set: was it allowed?
 *   report    results.edn, latency and throughput plots, the timeline
 *   workload  per workload: schema, operation generator, SQL client
 *   nemesis   kill, pause, partition, all
 *   runner    one test run: cluster, clients, nemesis, history, checks, reports
 *   cli       the mynode-jepsen command (test, check)
 * </pre>
 *
 * Dependencies run downwards only: checkers know histories, the runner knows everything, and the
 * history package knows nothing else. Nodes run as processes started by the kernel's launcher
 * ({@link io.mynode.kernel.launch.ProcessCluster}: the one {@code mynode-local} and the end-to-end
 * tests use too), each with a partition file the nemesis writes and the node's kernel polls
 * ({@code faults.file}: {@link io.mynode.kernel.fault.FaultyNetwork} drops peer messages to and from
 * the ids listed, whatever the transport). That file is the only hook inside the node; it needs no
 * root and no network namespaces. Left out: client traffic is never cut (a client sees a
 * partitioned node answer "unavailable" instead), and clock faults.
 */
package io.mynode.jepsen;
