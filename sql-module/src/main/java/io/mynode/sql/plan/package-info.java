/**
 * Planning and optimization: from an AST to an executable, optimized plan.
 *
 * <p>The {@link io.mynode.sql.plan.Planner} (writes) and the
 * {@link io.mynode.sql.plan.QueryPlanner} (queries, FROM, joins, set operations) resolve tables
 * and columns against the catalog; the {@link io.mynode.sql.plan.Binder} binds expressions and
 * checks types, so that an ill-typed statement ({@code SELECT 'a' + 1}, a CASE whose branches
 * are INTEGER and STRING, a UNION of a number and a string) fails before any row is read, with a
 * message naming the operator and the types. Together they produce a naive
 * {@link io.mynode.sql.plan.Plan} in SQL's logical clause order.
 *
 * <p>Subqueries are plans inside expressions. A correlated one names columns of the query
 * around it; the binder turns each such name into an argument, an expression over the outer
 * row, which the subquery's plan reads as {@code $1}, {@code $2}, ... (an
 * {@link io.mynode.sql.plan.Expression.Outer}). So the optimizer moves the expression that
 * holds a subquery like any other (its arguments move with it) and optimizes the subquery's
 * plan on its own; EXPLAIN prints it under the node that runs it. A USING or NATURAL join is a
 * join on equalities plus a projection that merges each pair of equated columns into one. The
 * {@link io.mynode.sql.plan.Optimizer} is heuristic, as toyDB's: constant folding, filter
 * pushdown into scans and join sides, range scans of the primary key or an index for
 * comparisons, IN lists and ORs of them ({@link io.mynode.sql.plan.AccessPath}), a join order
 * that puts filtered and smaller inputs first ({@link io.mynode.sql.plan.JoinOrder}), index
 * nested-loop joins where the inner side has a key or index on the join columns, hash joins for
 * other equi-joins, and short-circuiting of filters that are always false.
 * {@link io.mynode.sql.plan.Explain} prints plans as trees, range scans with the conditions
 * on the key that select their ranges.
 *
 * <p>Plans and bound {@link io.mynode.sql.plan.Expression}s are sealed records: immutable, so
 * optimizer passes are plain functions from tree to tree.
 *
 * <p>Left out: statistics and costs (every choice is a heuristic on the query's shape), sort
 * elimination by index order, descending scans, merge joins, decorrelation (a correlated subquery runs per distinct outer value,
 * remembered for the statement, rather than becoming a join). Pure functions over a catalog
 * snapshot.
 */
package io.mynode.sql.plan;
