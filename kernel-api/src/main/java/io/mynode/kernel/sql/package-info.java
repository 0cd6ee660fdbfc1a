/**
 * The SQL contract: sessions that execute statements and return typed results.
 *
 * <p>{@link io.mynode.kernel.sql.StatementResult} and {@link io.mynode.kernel.sql.Value} are
 * closed sets, so the REPL, the transport and the tests handle every case exhaustively. Rows
 * stream ({@link io.mynode.kernel.sql.RowStream}) from the executor's iterators all the way to a
 * remote client, so a large result never has to fit in memory on the node.
 *
 * <h2>What a driver needs</h2>
 *
 * <p>The contract carries what JDBC and PostgreSQL's extended protocol ask of a server, so the
 * JDBC driver and the PostgreSQL frontend are thin translations of it:
 * <ul>
 *   <li>{@link io.mynode.kernel.sql.Prepared}: a statement parsed, bound and planned once per
 *       session, its {@code ?}/{@code $n} parameters typed when it is prepared (Parse, Describe
 *       statement), executed many times with values (Bind, Execute);
 *   <li>{@link io.mynode.kernel.sql.ResultColumn} on every row result: name,
 *       {@link io.mynode.kernel.sql.SqlType} and nullability (RowDescription,
 *       {@code ResultSetMetaData}); {@code SqlType}'s documentation maps each type to JDBC's and
 *       to PostgreSQL's OIDs;
 *   <li>batches in one round trip ({@link io.mynode.kernel.sql.BatchResult}), all or nothing
 *       outside a transaction, as everything up to a Sync is in PostgreSQL;
 *   <li>{@link io.mynode.kernel.sql.Fetch}: rows per message and a row limit (setFetchSize,
 *       setMaxRows, Execute's row count);
 *   <li>{@link io.mynode.kernel.sql.TableSchema}: tables, keys, indexes and foreign keys for
 *       {@code DatabaseMetaData};
 *   <li>every error's SQLSTATE ({@link io.mynode.kernel.error.SqlState}), for ErrorResponse and
 *       {@code SQLException.getSQLState()}.
 * </ul>
 *
 * <p>Left out: savepoints, isolation levels other than serializable, server-side cursors that
 * outlive their transaction, and portals that interleave (a new statement ends the rows of the
 * previous one, as in JDBC's default of one open result per statement).
 */
package io.mynode.kernel.sql;
