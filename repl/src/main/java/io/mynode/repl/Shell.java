package io.mynode.repl;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The REPL's core, free of any terminal: runs statements and {@code !commands} against a
 * {@link Connection} and prints what they produce. The interactive reader, {@code -e},
 * {@code -f} and piped stdin all feed it, and unit tests drive it with a test double.
 *
 * <p>A failed statement or command prints {@code Error [SQLSTATE]: <message>} (a misused REPL
 * command: {@code Error: <message>}) and the shell goes on; the
 * failure is remembered so that a script can exit non-zero ({@link #failed()}). One session is
 * kept for the shell's life, so an explicit transaction spans inputs. Not thread-safe.
 */
final class Shell implements AutoCloseable {
    static final String HELP = """
            Enter a SQL statement, ended by ';' or by the end of a complete line
            (no open quote or parenthesis, no trailing comma); it runs on the node.
            Results print one row per line, values separated by '|'.

            Transactions: BEGIN, BEGIN READ ONLY, BEGIN READ ONLY AS OF SYSTEM TIME <version>,
            COMMIT, ROLLBACK. The prompt shows mynode:<txn>> inside a read-write transaction
            and mynode@<version>> inside a read-only one.

            Commands:
              !help              this text
              !status            this node, the leader, term, commit and applied index,
                                 each node's match index (asked of the leader),
                                 storage engine status
              !tables            the tables, one per line
              !table NAME        the CREATE TABLE statement of NAME
              !headers on|off    print column names above rows (off by default)

            Tab completes keywords and table names; history is kept in ~/.mynode_history.
            Ctrl-D or Ctrl-C on an empty line quits.""";

    private final Connection connection;
    private final LeaderStatus leader;
    private final Printer printer;
    private final PrintWriter err;
    private Session session;
    private boolean headers;
    private boolean failed;

    /**
     * Prints results to {@code out} and {@code Error: ...} lines to {@code err} (they may be one);
     * {@code leader} fetches the leader's match indexes for {@code !status} on a follower.
     */
    Shell(Connection connection, LeaderStatus leader, PrintWriter out, PrintWriter err) {
        this.connection = connection;
        this.leader = leader;
        this.printer = new Printer(out);
        this.err = err;
    }

    /** Runs every statement and command in {@code text}; whether they all succeeded. */
    boolean run(String text) {
        boolean ok = true;
        for (String item : Statements.split(text)) {
            ok &= runOne(item);
        }
        return ok;
    }

    /** Runs one statement (without its {@code ;}) or one {@code !command}; whether it succeeded. */
    boolean runOne(String item) {
        try {
            if (item.startsWith("!")) {
                command(item.substring(1).strip());
            } else {
                printer.result(session().execute(item), headers);
            }
            return true;
        } catch (RuntimeException e) {
            // Every failure, a node's error or a broken connection, is the user's to read; the REPL goes on.
            failed = true;
            err.println(error(e));
            err.flush();
            return false;
        }
    }

    /** {@code mynode> }, {@code mynode:<txn>> } in a transaction, {@code mynode@<version>> } read-only. */
    String prompt() {
        Optional<Session.TransactionInfo> txn = Optional.empty();
        if (session != null) {
            try {
                txn = session.transaction();
            } catch (RuntimeException e) {
                // A prompt must always be shown; an unreachable node shows up on the next statement.
            }
        }
        return txn.map(t -> t.readOnly() ? "mynode@" + t.version() + "> " : "mynode:" + t.id() + "> ")
                .orElse("mynode> ");
    }

    /** Whether any statement or command has failed so far. */
    boolean failed() {
        return failed;
    }

    boolean headers() {
        return headers;
    }

    /** Table names for completion; empty if the node cannot be asked right now. */
    List<String> tables() {
        try {
            return connection.tables();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private Session session() {
        if (session == null) {
            session = connection.session();
        }
        return session;
    }

    private void command(String line) {
        String[] words = line.split("\\s+", 2);
        String name = words[0].toLowerCase(Locale.ROOT);
        String arg = words.length > 1 ? words[1].strip() : "";
        PrintWriter out = printer.out();
        switch (name) {
            case "help" -> {
                noArgument(name, arg);
                out.println(HELP);
            }
            case "status" -> {
                noArgument(name, arg);
                NodeStatus status = connection.status();
                printer.status(status, leader.match(status));
            }
            case "tables" -> {
                noArgument(name, arg);
                connection.tables().forEach(out::println);
            }
            case "table" -> {
                if (arg.isEmpty() || arg.contains(" ")) {
                    throw new IllegalArgumentException("!table takes one table name: !table NAME");
                }
                out.println(connection.tableDefinition(arg).orElseThrow(
                        () -> new InvalidInputException(SqlState.UNDEFINED_TABLE, "table " + arg + " does not exist")));
            }
            case "headers" -> {
                switch (arg.toLowerCase(Locale.ROOT)) {
                    case "on" -> headers = true;
                    case "off" -> headers = false;
                    default -> throw new IllegalArgumentException("!headers takes on or off");
                }
                out.println("Headers " + (headers ? "on" : "off"));
            }
            default -> throw new IllegalArgumentException("unknown command !" + words[0] + "; enter !help for instructions");
        }
        out.flush();
    }

    private static void noArgument(String name, String arg) {
        if (!arg.isEmpty()) {
            throw new IllegalArgumentException("!" + name + " takes no argument");
        }
    }

    /**
     * How a failure prints: a database error with its SQLSTATE, {@code Error [42P01]: table nope
     * does not exist}, the code a JDBC or PostgreSQL client would see for it; a misused REPL
     * command without one.
     */
    static String error(RuntimeException e) {
        return e instanceof MynodeException m ? "Error [" + m.sqlState() + "]: " + message(e) : "Error: " + message(e);
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Closes the session, rolling back an open transaction; the connection is the caller's. */
    @Override
    public void close() {
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                // The node may already be gone; there is nothing left to roll back then.
            }
            session = null;
        }
    }
}
