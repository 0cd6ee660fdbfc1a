/**
 * What a test run leaves in its store directory besides {@code history.edn}: the verdict
 * ({@code results.edn}), Jepsen's two performance plots ({@code latency-raw.png},
 * {@code rate.png}, drawn with XChart) and a {@code timeline.html} of every operation by process.
 *
 * <p>Reports are for people: they show where faults were (grey bands, a nemesis column) so a
 * latency spike or a failed read can be lined up with a partition or a kill. They never decide a
 * verdict; the checkers do. Everything here is a pure function of a history and runs on the
 * caller's thread; plots render headless. Left out: Jepsen's latency-quantile plot and per-node
 * logs (nodes' own logs sit next to these files as {@code nN.log}).
 */
package io.mynode.jepsen.report;
