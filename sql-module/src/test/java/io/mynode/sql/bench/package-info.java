/**
 * JMH benchmarks of the SQL module: parse and plan of a point select in isolation, and embedded
 * point selects and single-row inserts over the real stack beside embedded H2 on the same table.
 * Run them with {@code sql-module/bench.sh} (see the script for options); keep runs short on a
 * shared machine. Figures are measurements, never test assertions.
 */
package io.mynode.sql.bench;
