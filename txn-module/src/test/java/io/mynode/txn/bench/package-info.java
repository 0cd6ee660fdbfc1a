/**
 * JMH benchmarks of the transaction layer, kept in the test sources so they never ship.
 *
 * <p>{@link io.mynode.txn.bench.CommitBench} measures commits per second of small read-write
 * transactions through local consensus, next to H2 MVStore's {@code TransactionStore} doing the
 * same work. Run them with {@code txn-module/bench.sh [JMH options]} from the repository root; it
 * compiles the test classes, resolves the test class path and starts {@code org.openjdk.jmh.Main}.
 * Runs are short (about 20 s per benchmark and parameter) because the build machine has two cores
 * shared with others: read the figures as orders of magnitude, with JMH's error columns.
 */
package io.mynode.txn.bench;
