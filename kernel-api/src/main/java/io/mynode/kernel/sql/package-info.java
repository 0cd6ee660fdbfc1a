/**
 * The SQL contract: sessions that execute statements and return typed results.
 *
 * <p>{@link io.mynode.kernel.sql.StatementResult} and {@link io.mynode.kernel.sql.Value} are
 * closed sets, so the REPL, the transport and the tests handle every case exhaustively. Rows
 * stream ({@link io.mynode.kernel.sql.RowStream}) from the executor's iterators all the way to a
 * remote client, so a large result never has to fit in memory on the node.
 */
package io.mynode.kernel.sql;
