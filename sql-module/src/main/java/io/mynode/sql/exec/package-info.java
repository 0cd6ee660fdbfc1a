/**
 * Execution: plans as Volcano iterators (Graefe 1994), writes, and DDL.
 *
 * <p>Every plan node becomes a {@link io.mynode.kernel.sql.RowStream} that pulls rows from its
 * children on demand, so rows stream from the store through filters, projections, joins and
 * limits to the client; only sorts, aggregations, DISTINCT's seen-set, set operations, the inner
 * sides of joins and subquery answers hold rows in memory, each in one named place (see
 * {@link io.mynode.sql.exec.Executor}). A subquery runs in an executor of its own whose outer
 * values are the arguments it was called with; {@code Subqueries} remembers each answer for
 * the statement, so an uncorrelated subquery runs once. Writes read all their input before changing anything, so an
 * UPDATE never sees its own writes (no Halloween problem) and a primary key may move onto a
 * key that another updated row vacates in the same statement. INSERT ... ON CONFLICT and
 * RETURNING are {@code Writes}'.
 *
 * <p>{@link io.mynode.sql.exec.SchemaChanges} runs CREATE/DROP TABLE and INDEX against the
 * catalog, backfilling new indexes and refusing to drop a table another one references.
 *
 * <p>One statement, one thread.
 */
package io.mynode.sql.exec;
