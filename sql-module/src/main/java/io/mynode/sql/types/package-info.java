/**
 * SQL's types and the meaning of its operators on values.
 *
 * <p>Values are the kernel's {@link io.mynode.kernel.sql.Value} records, the same objects a
 * client receives, so no conversion happens on the way out. {@link io.mynode.sql.types.Typing}
 * holds the plan-time rules (which operator accepts which types, and what it yields);
 * {@link io.mynode.sql.types.Operators} the run-time ones (three-valued logic, checked integer
 * arithmetic, IEEE floats, LIKE by code point); {@link io.mynode.sql.types.Casts} the
 * conversions of CAST and their text forms; {@link io.mynode.sql.types.ValueOrder} the total order used for
 * ORDER BY, GROUP BY and DISTINCT, which unlike {@code =} treats NaN as equal to itself and
 * NULLs as equal to each other.
 *
 * <p>Left out: implicit string/number conversion (PostgreSQL has none either), decimals,
 * dates. Pure functions; thread-safe.
 */
package io.mynode.sql.types;
