/**
 * The SQL frontend: sessions that run SQL statements over the kernel's transactions.
 *
 * <h2>Pipeline</h2>
 *
 * <pre>
 *   text ─► Lexer ─► Parser ─► AST ─► Planner ─► Plan ─► Optimizer ─► Plan ─► Executor ─► rows
 *            parse    parse    parse    plan       plan     plan                exec
 *                                        │                                       │
 *                                        └──── Catalog, TableData (store) ───────┘
 *                                                    │
 *                                     Transaction (kernel txn contract)
 * </pre>
 *
 * <p>{@link io.mynode.sql.SqlFrontend} is the provider the kernel finds by ServiceLoader
 * (name {@code sql}); {@link io.mynode.sql.SqlDatabase} is the engine it opens;
 * {@code SqlSession} runs statements, each in the session's explicit transaction or in an
 * implicit one. The packages below do the work, each depending only on those before it:
 * {@code types} (values, operators, type rules, casts), {@code functions} (the scalar function
 * registry), {@code parse} (lexer, parser, AST),
 * {@code store} (key and row encodings, catalog, rows with their constraints and indexes),
 * {@code plan} (binding, plans, optimizer, EXPLAIN) and {@code exec} (iterators, DDL).
 *
 * <h2>Prepared statements and the plan cache</h2>
 *
 * A statement may hold parameters ({@code ?}, or {@code $1}): the parser numbers them, the binder
 * types each from its context, and the plan keeps them as placeholders
 * ({@link io.mynode.sql.plan.Parameters}). A prepared statement is planned once; each execution
 * binds its values into the plan and runs the optimizer on it, so {@code id = ?} becomes a key
 * scan as {@code id = 7} would. Plain statements go through the same machinery: a session keeps
 * the plans of the statement texts it ran recently, and one without parameters is reused
 * optimized as it is. A plan is checked against the schema keys it was planned from before each
 * use (see {@code PlannedStatement}), so DDL never leaves a stale plan behind.
 *
 * <h2>Transactions</h2>
 *
 * Everything, the catalog included, lives in the transactional key-value store, so SQL inherits
 * the transaction engine's isolation (serializable) and durability, and DDL is transactional.
 * A statement writes into a buffer that reaches its transaction only if the statement
 * succeeds: statements are atomic even inside an explicit transaction.
 *
 * <h2>Semantics, and where they differ from PostgreSQL</h2>
 *
 * PostgreSQL is the reference (and H2 in PostgreSQL mode the oracle of the differential test):
 * three-valued logic, NULLs sorting last ascending, integer division truncating, {@code %}
 * taking the dividend's sign, GROUP BY names resolving to input columns before output aliases,
 * ORDER BY names to output aliases first. The differences, all deliberate:
 * <ul>
 *   <li>Floats follow IEEE 754: {@code 1.0 / 0} is Infinity and {@code 0.0 / 0} NaN rather than
 *       errors; {@code NaN = NaN} is false in expressions (PostgreSQL says true), while ORDER BY,
 *       GROUP BY and DISTINCT treat NaN as one value above every number, as PostgreSQL does;
 *       {@code -0.0} is kept in results.
 *   <li>No implicit conversions: {@code 1 = '1'} and {@code 'a' + 1} are type errors at plan
 *       time (a string literal is a STRING, not PostgreSQL's untyped literal); {@code ||} with
 *       one string side writes the other as text, as PostgreSQL does. INTEGER values widen to
 *       FLOAT where mixed: in arithmetic, and where CASE branches, COALESCE arguments, VALUES
 *       rows or UNION columns unify (any other mix of types there is an error at plan time).
 *   <li>{@code INTEGER ^ INTEGER} stays an integer (overflow is an error); postfix {@code !} is
 *       factorial. SUM of integers is an INTEGER (overflow is an error), AVG always a FLOAT;
 *       SUM and AVG of a bare NULL are type errors, as in PostgreSQL.
 *   <li>There is no NUMERIC: a literal such as {@code 2.5} is a FLOAT. Functions PostgreSQL
 *       answers as NUMERIC for an integer ({@code round}, {@code ceil}, {@code abs}) answer
 *       INTEGER; {@code round} and {@code CAST(x AS INTEGER)} round a FLOAT half away from zero,
 *       PostgreSQL's rule for NUMERIC (its {@code double precision} rounds half to even).
 *   <li>Strings compare by code point (PostgreSQL's C collation), the byte order of their keys;
 *       every length, position and LIKE {@code _} counts code points.
 *   <li>Unique and primary-key constraints are checked against the statement's result, as if
 *       deferred to the end of the statement, so {@code UPDATE t SET id = id + 1} succeeds.
 *       INSERT ... ON CONFLICT checks row by row, as PostgreSQL does.
 *   <li>Which rows an expression is evaluated on depends on the plan, as SQL allows: a division
 *       by zero in a select list may or may not fail for rows a filter drops.
 *   <li>A non-recursive WITH query is inlined where it is named, so it runs once per reference
 *       (PostgreSQL does the same unless asked for MATERIALIZED).
 * </ul>
 *
 * <h2>Left out on purpose</h2>
 *
 * Window functions, WITH RECURSIVE, LATERAL, SELECT ... FOR UPDATE (transactions are
 * serializable: nothing needs row locks), DISTINCT ON, aggregate FILTER and ORDER BY,
 * dates and times, NUMERIC, regular expressions, cascading foreign keys and cost-based
 * optimization (joins are reordered by a heuristic instead). Each is a clear error ("not supported: ..."), never parsed
 * as something else. {@code docs/sql.md} lists what is supported.
 *
 * <h2>Threading</h2>
 *
 * The engine is thread-safe and stateless beyond a cache of decoded schemas; a session and the
 * rows it returns belong to one thread at a time.
 *
 * <p>References: toyDB's {@code src/sql} (Erik Grinaker); Graefe, "Volcano — An Extensible and
 * Parallel Query Evaluation System" (1994); PostgreSQL's documentation for the semantics of
 * NULL, ordering and operator precedence.
 */
package io.mynode.sql;
