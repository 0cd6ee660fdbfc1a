/**
 * Planning and optimization: from an AST to an executable, optimized plan.
 *
 * <p>The {@link io.mynode.sql.plan.Planner} resolves tables and columns against the catalog
 * and checks types, so that an ill-typed statement ({@code SELECT 'a' + 1}) fails before any
 * row is read, with a message naming the operator and the types. It produces a naive
 * {@link io.mynode.sql.plan.Plan} in SQL's logical clause order. The
 * {@link io.mynode.sql.plan.Optimizer} is heuristic, as toyDB's: constant folding, filter
 * pushdown into scans and join sides, range scans of the primary key or an index for
 * comparisons, IN lists and ORs of them ({@link io.mynode.sql.plan.AccessPath}), hash joins for
 * equi-joins, and short-circuiting of filters that are always false.
 * {@link io.mynode.sql.plan.Explain} prints plans as trees, range scans with the conditions
 * on the key that select their ranges.
 *
 * <p>Plans and bound {@link io.mynode.sql.plan.Expression}s are sealed records: immutable, so
 * optimizer passes are plain functions from tree to tree.
 *
 * <p>Left out: statistics and costs, join reordering, sort elimination by index order,
 * descending scans, subqueries. Pure functions over a catalog snapshot.
 */
package io.mynode.sql.plan;
