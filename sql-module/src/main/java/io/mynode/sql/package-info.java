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
 * {@code types} (values, operators, type rules), {@code parse} (lexer, parser, AST),
 * {@code store} (key and row encodings, catalog, rows with their constraints and indexes),
 * {@code plan} (binding, plans, optimizer, EXPLAIN) and {@code exec} (iterators, DDL).
 *
 * <h2>Transactions</h2>
 *
 * Everything, the catalog included, lives in the transactional key-value store, so SQL inherits
 * the transaction engine's isolation (serializable) and durability, and DDL is transactional.
 * A statement writes into a buffer that reaches its transaction only if the statement
 * succeeds: statements are atomic even inside an explicit transaction.
 *
 * <h2>Left out on purpose</h2>
 *
 * Subqueries, set operations (UNION), CAST and scalar functions, multi-column keys and
 * indexes, ALTER TABLE, NULLS FIRST/LAST, cascading foreign keys, cost-based optimization and
 * join reordering. toyDB's SQL engine, whose scope and shape this follows, leaves out the same.
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
