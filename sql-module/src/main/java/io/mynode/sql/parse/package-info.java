/**
 * SQL text to an abstract syntax tree.
 *
 * <p>The {@link io.mynode.sql.parse.Lexer} is a hand-written scanner that reads code points
 * (so a name may hold any letter, and columns in errors count characters, not UTF-16 units);
 * the {@link io.mynode.sql.parse.Parser} is recursive descent for statements, handing queries
 * to the {@code QueryParser} and expressions to the {@code ExpressionParser} (precedence
 * climbing, as in toyDB); all three read one {@code TokenStream}. Hand-written because the grammar is small and because
 * good errors matter more than grammar tooling here: every syntax error names the line and
 * column of the offending token and what the parser expected there
 * ({@code syntax error at line 1, column 15: expected an expression, found end of input}).
 *
 * <p>Reserved words are those that may follow a table reference or an expression (FULL,
 * NATURAL, USING, UNION, WINDOW, FOR, ...), besides the words of statements, so that no keyword
 * is ever read as an alias; words that are keywords in one place only (NULLS, FIRST, CONFLICT,
 * UNKNOWN) stay names elsewhere. Syntax that is not built ({@code OVER}, {@code LATERAL},
 * {@code FOR UPDATE}) is a syntax error saying "not supported", never parsed as something else.
 *
 * <p>The {@link io.mynode.sql.parse.Ast} is sealed records: the planner's switches over it are
 * exhaustive, so adding a statement or expression kind fails to compile until every stage
 * handles it. Names are not resolved here and types are not checked; that is the planner's job.
 *
 * <p>Pure functions; thread-safe.
 */
package io.mynode.sql.parse;
