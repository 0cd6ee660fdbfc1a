/**
 * The error family shared by every contract in mynode.
 *
 * <p>Modelled on toyDB's error enum: a handful of kinds a caller can act on, each knowing whether
 * a retry may help. {@link io.mynode.kernel.error.MynodeException} is sealed so that every
 * handler can be exhaustive; {@link io.mynode.kernel.error.ErrorKind} is what crosses the wire.
 *
 * <p>A kind is what a program branches on inside mynode; a {@link io.mynode.kernel.error.SqlState}
 * is what it tells a client. Every exception has both: the thrower names the precise SQLSTATE
 * ({@code 23505} for a duplicate key, {@code 42P01} for an unknown table) and the kind supplies a
 * default for the rest, so the REPL, the JDBC driver and the PostgreSQL protocol all speak
 * PostgreSQL's codes.
 *
 * <p>Two rules follow from the family. A user error inside a replicated command (a constraint
 * violated, a conflict) is returned as a result, never thrown out of a state machine, because a
 * throw there would stop the node. And an implementation wraps checked exceptions at its edge with
 * the operation and file involved, so a message alone lets an operator act.
 *
 * <p>All members live in this one package on purpose: a sealed hierarchy must stay within one
 * package when the kernel runs on the class path (as tests do).
 */
package io.mynode.kernel.error;
