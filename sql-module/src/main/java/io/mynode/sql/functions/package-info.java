/**
 * Scalar functions: the registry the planner looks names up in, and the functions themselves.
 *
 * <p>A {@link io.mynode.sql.functions.ScalarFunction} is data, not a class per function: a name,
 * an arity, a typer that decides at plan time what the argument types make of the call (so that
 * {@code length(1)} fails before anything runs, and {@code coalesce(int_col, 0.5)} is known to be a
 * FLOAT, its integer argument widened), and a body run per row. Most bodies are <em>strict</em>
 * (NULL in, NULL out, decided once in {@link io.mynode.sql.functions.ScalarFunction#strict}); a few
 * (COALESCE, CONCAT) see their arguments lazily, one at a time.
 * {@link io.mynode.sql.functions.Functions} holds them by name; adding one is a line in
 * {@link io.mynode.sql.functions.MathFunctions}, {@link io.mynode.sql.functions.StringFunctions}
 * or {@link io.mynode.sql.functions.ConditionalFunctions}.
 *
 * <p>Names and meanings follow PostgreSQL. Differences: functions that PostgreSQL answers as
 * NUMERIC for an integer argument ({@code round}, {@code ceil}, {@code abs}, {@code mod}) answer
 * INTEGER; {@code round} of a FLOAT rounds half away from zero (PostgreSQL's NUMERIC rule; its
 * {@code double precision} rounds half to even). Every length and position counts Unicode code
 * points. Aggregates are not here: they are plan nodes (see {@code io.mynode.sql.plan.Plan.Aggregate}).
 *
 * <p>Left out: regular expressions (Java's differ from PostgreSQL's), dates and times, formatting
 * ({@code to_char}, {@code format}). Pure functions, except {@code random()}, which the optimizer
 * never folds; thread-safe.
 */
package io.mynode.sql.functions;
