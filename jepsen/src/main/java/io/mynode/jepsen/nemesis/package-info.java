/**
 * Nemeses: the faults a test injects while clients run. {@code kill} (SIGKILL a minority, then
 * restart it), {@code pause} (SIGSTOP, then SIGCONT), {@code partition} (majority/minority,
 * isolated leader, bridge, random halves, through the nodes' fault files), {@code all} (one of
 * those at random each time) and {@code none}.
 *
 * <p>Why these: a crash tests durability and recovery (the Raft log is the write-ahead log); a
 * pause tests that a node which stopped for a while does not act on an old view when it wakes (a
 * deposed leader serving reads); a partition tests that only a majority makes progress and that
 * minority sides neither acknowledge writes nor serve stale reads. A minority is hit each time, so
 * the cluster can always make progress; faults that take down a majority would only test
 * unavailability, which checkers accept anyway.
 *
 * <p>Left out: clock skew (nodes share one machine's clock), disk faults, and partitions between
 * clients and nodes. Threading: one nemesis thread calls start and stop alternately.
 */
package io.mynode.jepsen.nemesis;
