/**
 * Checkers: given only a history, decide whether what clients observed was allowed.
 *
 * <p>A checker never sees the database, only the history, so it can be wrong in one direction
 * only if the history lies. Each is built to prove a property, not to sample it:
 *
 * <pre>
 *   RegisterChecker  linearizability per key: a Wing-Gong search with Lowe's cache
 *                    ({@link io.mynode.jepsen.checker.Linearizability}) for a serial order that
 *                    respects real time and explains every read
 *   BankChecker      every read of all accounts sums to the constant total; no balance negative
 *   AppendChecker    Elle's list-append: version orders from reads, a dependency graph
 *                    ({@link io.mynode.jepsen.checker.DependencyGraph}), its cycles classified as
 *                    Adya's G0, G1c, G-single, G2 (and their -realtime forms for strict
 *                    serializability); and G1a, G1b read directly
 *   SetChecker       every acknowledged add is in the final read: no lost writes
 *   StatsChecker     counts by function and outcome (informational)
 * </pre>
 *
 * <p>Indeterminate operations ({@code :info}) are the crux of testing under faults: a client that
 * timed out does not know whether its write happened, so a checker must accept either. The
 * register search lets such an operation take effect at any point after its invocation, or never;
 * Elle counts an indeterminate transaction as committed once something it wrote is read.
 *
 * <p>Verdicts are Jepsen's: valid, invalid, unknown (the search budget ran out, or nothing was
 * observed). {@link io.mynode.jepsen.checker.Result} carries the evidence as EDN so
 * {@code results.edn} reads like Jepsen's. Checkers are stateless and thread-safe.
 *
 * <p>Left out on purpose: Knossos's other models (queues, mutexes), Elle's process edges and
 * rw-register workload. References: Herlihy and Wing, "Linearizability" (1990); Lowe, "Testing
 * for Linearizability" (2017); Adya, "Weak Consistency" (1999); Kingsbury and Alvaro, "Elle"
 * (VLDB 2020).
 */
package io.mynode.jepsen.checker;
