/**
 * The {@code mynode} REPL: a SQL shell for one node, in the spirit of toyDB's {@code toysql}.
 *
 * <pre>
 *   stdin / terminal ─► Statements (cut at ';' or a complete line) ─► Shell ─► Connection.session()
 *                                                                       │
 *                                           Printer (a|b|c rows, messages, Error: ...) ◄─┘
 * </pre>
 *
 * <p>{@link io.mynode.repl.Shell} is the core and knows nothing of terminals: it runs statements
 * and {@code !commands} against a {@link io.mynode.kernel.transport.Connection} and prints results,
 * so its behaviour is unit-tested against a test double. {@link io.mynode.repl.Interactive} adds
 * JLine on top (continuation lines, history, completion); {@link io.mynode.repl.Main} picks the
 * mode: {@code -e}, {@code -f} and piped stdin print only statement output and exit 1 if any
 * statement failed, a terminal gets the banner and prompts.
 *
 * <p>{@code !status} prints the answering node's view; the match indexes only the Raft leader
 * knows are fetched from the leader itself by {@link io.mynode.repl.LeaderStatus}, over a second,
 * short-lived connection to the address the node's configuration gives for it, with a two-second
 * deadline so an unreachable leader never hangs the shell.
 *
 * <p>Left out on purpose: client-side SQL parsing (the node parses; the scanner only knows quotes,
 * parentheses and comments) and result tables with aligned columns ({@code a|b|c} is easy to diff
 * and to pipe). Single-threaded: one shell, one session, one statement at a time; the one
 * exception is the leader's status call, made on a virtual thread the shell waits for at most
 * that deadline (an answer that comes later is dropped and its connection closed).
 */
package io.mynode.repl;
