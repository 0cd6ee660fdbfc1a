/**
 * {@code mynode-bench}: a workload generator in the manner of toyDB's {@code workload} tool and
 * pgbench. A {@link io.mynode.repl.bench.Workload} prepares a table, names one operation and
 * checks the data afterwards; a {@link io.mynode.repl.bench.Run} has N clients repeat the
 * operation against sessions spread round-robin over the given nodes.
 *
 * <ul>
 *   <li>{@code read}: point selects by primary key over preloaded rows (each result is checked);
 *   <li>{@code write}: single-row inserts with unique keys; at the end every acknowledged insert
 *       must be present (a lost acknowledged write fails the run);
 *   <li>{@code bank}: transfers in explicit read-write transactions; at the end the total is
 *       unchanged and no balance is negative, which serializable isolation guarantees.
 * </ul>
 *
 * <p>Retryable failures (serialization conflicts, no leader) are retried with exponential
 * backoff and counted by kind; latencies include retries, measured with HdrHistogram. Figures
 * are for comparing runs on one machine; the bench asserts nothing about speed.
 *
 * <p>Threads: one platform thread per client plus a progress drawer; clients share only atomic
 * counters and a concurrent histogram.
 */
package io.mynode.repl.bench;
