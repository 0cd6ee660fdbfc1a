/**
 * Workloads: what clients do during a test, as SQL over the kernel's client contract, and which
 * checker judges it.
 *
 * <pre>
 *   register  read / write / compare-and-set on single rows          linearizability per key
 *   bank      transfers between accounts; reads of every balance     constant total, none negative
 *   append    transactions appending to and reading lists (Elle)     serializability (cycles)
 *   set       unique inserts, then one read of everything            no lost writes
 * </pre>
 *
 * <p>Each operation is written so that its effect is all-or-nothing in one transaction (a single
 * autocommit statement, or BEGIN ... COMMIT), and its value in the history records exactly what
 * was asked and what was seen, so the checker needs nothing else. Workloads never retry an
 * operation behind the history's back: a retry would be a second operation. Reads that only read
 * (bank reads, read-only append transactions) take the read-only path where SQL offers one.
 *
 * <p>Generators are deliberately simple (a fixed mix, seeded per client) rather than Jepsen's
 * generator combinators. Workloads are thread-safe; sessions are used by one client thread each.
 */
package io.mynode.jepsen.workload;
