/**
 * Planning and optimization: from an AST to an executable, optimized plan.
 *
 * <p>The {@link io.mynode.sql.plan.Planner} resolves tables and columns against the catalog
 * and checks types, so that an ill-typed statement ({@code SELECT 'a' + 1}) fails before any
 * row is read, with a message naming the operator and the types. It produces a naive
 * {@link io.mynode.sql.plan.Plan} in SQL's logical clause order. The
 * {@link io.mynode.sql.plan.Optimizer} is heuristic, as toyDB's: constant folding, filter
 * pushdown into scans and join sides, primary-key and index lookups for equality and IN
 * lists, hash joins for equi-joins, and short-circuiting of filters that are always false.
 * {@link io.mynode.sql.plan.Explain} prints plans as trees.
 *
 * <p>Plans and bound {@link io.mynode.sql.plan.Expression}s are sealed records: immutable, so
 * optimizer passes are plain functions from tree to tree.
 *
 * <p>Left out: statistics and costs, join reordering, sort elimination by index order,
 * range scans on inequalities, subqueries. Pure functions over a catalog snapshot.
 */
package io.mynode.sql.plan;
