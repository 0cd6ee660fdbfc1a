/**
 * The SQL engine: lexer, parser, planner, optimizer, iterator executor, catalog.
 *
 * <p>Not built yet: see the open issue that builds this module. Nothing here pretends to work.
 */
package io.mynode.sql;
