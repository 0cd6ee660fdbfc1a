/**
 * Fault injection for tests: network partitions between nodes without root, for any transport.
 *
 * <p><b>What.</b> {@link io.mynode.kernel.fault.FaultyNetwork} wraps the
 * {@link io.mynode.kernel.consensus.PeerNetwork} a transport provides and drops every message to or
 * from the peers it isolates, as if the links to them were cut; client traffic is untouched. The
 * kernel puts it between every transport and consensus at boot when {@code faults.file} is set, so
 * a new transport is partitioned by the same harness with no code of its own.
 *
 * <p><b>How a harness drives it.</b> In-process tests call
 * {@link io.mynode.kernel.fault.FaultyNetwork#isolate}. A harness that runs nodes as processes (the
 * Jepsen suite) sets {@code faults.file} on each node and writes the file with
 * {@link io.mynode.kernel.fault.PartitionFile#write}: one peer id a line; the node reads it every
 * {@code faults.poll.ms}. A missing or empty file means no faults; a partition between A and B is
 * written to both files, and writing one side only gives the one-way partition Raft must survive
 * too. The file's format lives in this one class, which both sides use, so the coupling is a
 * compile-time dependency on the kernel that the architecture tests see, not a string.
 *
 * <p><b>Left out.</b> Delays, reordering and duplication (the Raft simulation covers those in
 * process), and messages a transport had queued before a cut, which may still arrive: the
 * receiving side drops what comes from an isolated peer, so a two-way cut is complete either way.
 *
 * <p>Threads: isolation is a volatile set, read on every send and receive; the file is polled on
 * one daemon thread.
 */
package io.mynode.kernel.fault;
