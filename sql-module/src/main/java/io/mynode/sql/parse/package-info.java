/**
 * SQL text to an abstract syntax tree.
 *
 * <p>The {@link io.mynode.sql.parse.Lexer} is a hand-written scanner; the
 * {@link io.mynode.sql.parse.Parser} is recursive descent for statements and precedence
 * climbing for expressions, as in toyDB. Hand-written because the grammar is small and because
 * good errors matter more than grammar tooling here: every syntax error names the line and
 * column of the offending token and what the parser expected there
 * ({@code syntax error at line 1, column 15: expected an expression, found end of input}).
 *
 * <p>The {@link io.mynode.sql.parse.Ast} is sealed records: the planner's switches over it are
 * exhaustive, so adding a statement or expression kind fails to compile until every stage
 * handles it. Names are not resolved here and types are not checked; that is the planner's job.
 *
 * <p>Pure functions; thread-safe.
 */
package io.mynode.sql.parse;
