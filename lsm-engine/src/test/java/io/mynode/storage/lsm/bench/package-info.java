/**
 * The swap-storage experiment ({@link io.mynode.storage.lsm.bench.SwapStorage}, run by
 * {@code lsm-engine/swap-bench.sh}): db_bench-style workloads against every storage engine the
 * kernel can find by name, and RocksDB as the industry reference, in one run, with a table and a
 * chart. It loads engines only through {@code Providers.select}, as a node does, so it shows what
 * {@code storage.engine=...} changes and never imports an engine module. Test scope: RocksDB,
 * HdrHistogram and XChart never reach the engine's run-time class path.
 *
 * <p>Single-threaded by design (one client, engines' own background threads running), with a
 * warm-up per engine; on a shared machine use {@code --rounds} and read best-of figures.
 */
package io.mynode.storage.lsm.bench;
