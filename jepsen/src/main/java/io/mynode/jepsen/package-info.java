/**
 * mynode's Jepsen-style test suite. The work is split by package:
 *
 * <pre>
 *   history   Op, History, EDN: what happened, in Jepsen's format
 *   checker   register (linearizability), bank, append (Elle cycles), set: was it allowed?
 *   report    results.edn, latency and throughput plots, the timeline
 *   workload  per workload: schema, operation generator, SQL client
 *   cluster   node processes from the distribution, and their fault files
 *   nemesis   kill, pause, partition, all
 *   runner    one test run: cluster, clients, nemesis, history, checks, reports
 *   cli       the mynode-jepsen command (test, check)
 * </pre>
 *
 * Dependencies run downwards only: checkers know histories, the runner knows everything, and the
 * history package knows nothing else.
 */
package io.mynode.jepsen;
