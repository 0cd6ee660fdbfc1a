package io.mynode.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;

/**
 * The REPL on a terminal (JLine): line editing, a continuation prompt while a statement is
 * incomplete, history in {@code ~/.mynode_history}, and completion of SQL keywords and table
 * names. Everything it reads goes to a {@link Shell}.
 *
 * <p>JLine's {@code !}-history expansion is switched off: {@code !status} is a command here.
 * Ctrl-C clears the line being typed, or quits on an empty one; Ctrl-D quits.
 */
final class Interactive {
    /** Keywords offered by completion (DESIGN.md §6), upper case; matching ignores case. */
    static final List<String> KEYWORDS = List.of(
            "AND", "AS", "ASC", "AVG", "BEGIN", "BOOLEAN", "BY", "COMMIT", "COUNT", "CREATE", "CROSS",
            "DEFAULT", "DELETE", "DESC", "DROP", "EXPLAIN", "FALSE", "FLOAT", "FROM", "GROUP", "HAVING",
            "INDEX", "INNER", "INSERT", "INTEGER", "INTO", "IS", "JOIN", "KEY", "LEFT", "LIKE", "LIMIT",
            "MAX", "MIN", "NOT", "NULL", "OF", "OFFSET", "ON", "ONLY", "OR", "ORDER", "OUTER", "PRIMARY",
            "READ", "REFERENCES", "RIGHT", "ROLLBACK", "SELECT", "SET", "STRING", "SUM", "SYSTEM",
            "TABLE", "TEXT", "TIME", "TRUE", "UNIQUE", "UPDATE", "VALUES", "VARCHAR", "WHERE");

    static final List<String> COMMANDS = List.of("!help", "!status", "!tables", "!table", "!headers");

    private Interactive() {}

    /** Reads and runs input until end of input; the shell's failure state is left to the caller. */
    static void run(Terminal terminal, Shell shell, String banner) {
        if (terminal.getWidth() <= 0 || terminal.getHeight() <= 0) {
            // A pseudo-terminal nobody sized (script(1), some CI shells): JLine would garble the prompt.
            terminal.setSize(new Size(terminal.getWidth() > 0 ? terminal.getWidth() : 80,
                    terminal.getHeight() > 0 ? terminal.getHeight() : 24));
        }
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("mynode")
                .parser(new SqlParser())
                .completer(new SqlCompleter(shell))
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".mynode_history"))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P    -> ")
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                .build();
        PrintWriter out = terminal.writer();
        out.println(banner);
        out.flush();
        while (true) {
            String input;
            try {
                input = reader.readLine(shell.prompt());
            } catch (UserInterruptException e) {
                if (e.getPartialLine().isBlank()) {
                    break;
                }
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            shell.run(input);
        }
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            out.println("Error: saving history: " + e.getMessage());
        }
    }

    /** Accepts a line only once it completes a statement; otherwise JLine asks for more. */
    static final class SqlParser extends DefaultParser {
        SqlParser() {
            escapeChars(null);
            quoteChars(new char[0]); // quotes are the statement scanner's business, not JLine's
        }

        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && !Statements.complete(line)) {
                throw new EOFError(-1, -1, "statement continues", "more");
            }
            return super.parse(line, cursor, context);
        }
    }

    /** Completes {@code !commands} at the start, otherwise keywords and the node's table names. */
    static final class SqlCompleter implements Completer {
        private final Shell shell;

        SqlCompleter(Shell shell) {
            this.shell = shell;
        }

        @Override
        public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
            if (line.wordIndex() == 0 && line.word().startsWith("!")) {
                COMMANDS.forEach(c -> candidates.add(new Candidate(c)));
                return;
            }
            boolean lower = !line.word().isEmpty() && line.word().equals(line.word().toLowerCase(Locale.ROOT));
            for (String k : KEYWORDS) {
                candidates.add(new Candidate(lower ? k.toLowerCase(Locale.ROOT) : k));
            }
            shell.tables().forEach(t -> candidates.add(new Candidate(t)));
        }
    }
}
