/**
 * Running a test: {@link io.mynode.jepsen.runner.TestRun} starts the cluster, runs clients and the
 * nemesis for the given time, heals, runs the final reads, stops the cluster and judges the history;
 * {@link io.mynode.jepsen.runner.Analysis} judges and reports, for a run or for a history file.
 *
 * <p>This is Jepsen's core loop, cut to what mynode needs. Each client is a Jepsen process: one
 * operation at a time, recorded before it is sent and after its answer arrives, so the history's
 * order is a real-time order the checkers may rely on. A client that loses track of an operation
 * (timeout, broken connection) records {@code :info} and continues as a new process, because the
 * old operation may still take effect; that rule is what makes the register search sound.
 *
 * <p>Threading: one platform thread per client, one nemesis loop on the caller's thread, virtual
 * threads for individual calls so that a hung call can be abandoned at its timeout. The
 * {@link io.mynode.jepsen.runner.Recorder} is the only shared mutable state. Left out: Jepsen's
 * generator combinators (each workload has one fixed mix), and running on remote machines.
 */
package io.mynode.jepsen.runner;
