package io.mynode.repl;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts input into statements and {@code !commands}, one line at a time, the way a user types.
 *
 * <p>A statement ends at a {@code ;} or at the end of a <em>complete</em> line: one that leaves no
 * string literal or quoted identifier open, no parenthesis unclosed and does not end with a comma.
 * So {@code SELECT * FROM movie} on its own line runs at once, while
 *
 * <pre>
 *   CREATE TABLE movie (
 *       id INTEGER PRIMARY KEY,
 *       title VARCHAR NOT NULL)
 * </pre>
 *
 * waits for the closing parenthesis. A {@code ;} inside {@code 'quotes'}, {@code "identifiers"} or
 * a {@code -- comment} does not end anything. A line starting with {@code !} when no statement is
 * pending is a REPL command and is returned whole. Statements come back trimmed, without their
 * {@code ;}; empty ones ({@code ;;}) and comment-only input are dropped.
 *
 * <p>The scanner knows only the lexical rules above, not SQL's grammar: deciding that
 * {@code SELECT *} alone is incomplete would need the parser, which lives on the node. Not
 * thread-safe; one scanner per input.
 */
final class Statements {
    private final StringBuilder pending = new StringBuilder();
    /** The quote character of an open literal or identifier, or 0. */
    private char quote;
    private int depth;
    /** Whether {@link #pending} holds anything but blanks and comments. */
    private boolean significant;

    /** Feeds one line (without its line terminator); returns what it completed, in order. */
    List<String> line(String line) {
        List<String> done = new ArrayList<>();
        if (pending.isEmpty() && line.strip().startsWith("!")) {
            done.add(line.strip());
            return done;
        }
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quote != 0) {
                pending.append(c);
                if (c == quote) {
                    // A doubled quote ('it''s') is an escaped one: stay inside the literal.
                    if (i + 1 < line.length() && line.charAt(i + 1) == quote) {
                        pending.append(quote);
                        i++;
                    } else {
                        quote = 0;
                    }
                }
            } else if (c == '-' && i + 1 < line.length() && line.charAt(i + 1) == '-') {
                break; // a comment runs to the end of the line and is not sent
            } else if (c == ';') {
                finish(done);
            } else {
                switch (c) {
                    case '\'', '"' -> quote = c;
                    case '(' -> depth++;
                    case ')' -> depth--;
                    default -> { }
                }
                pending.append(c);
                significant |= !Character.isWhitespace(c);
            }
            i++;
        }
        if (quote != 0) {
            pending.append('\n'); // a literal may span lines; keep its newline
        } else if (significant && depth <= 0 && !endsWithComma()) {
            finish(done);
        } else if (!pending.isEmpty()) {
            pending.append('\n');
        }
        return done;
    }

    /** Ends the input: whatever is pending counts as a statement, complete or not. */
    List<String> end() {
        List<String> done = new ArrayList<>();
        finish(done);
        return done;
    }

    /** Whether a statement has begun and not yet ended. */
    boolean pending() {
        return significant || quote != 0;
    }

    /**
     * Whether {@code text}, typed as lines, leaves nothing pending: what the interactive reader
     * asks before accepting a line or prompting for a continuation.
     */
    static boolean complete(String text) {
        Statements s = new Statements();
        for (String line : text.split("\n", -1)) {
            s.line(line);
        }
        return !s.pending();
    }

    /** Every statement and command in {@code text}, including an unterminated last one. */
    static List<String> split(String text) {
        Statements s = new Statements();
        List<String> all = new ArrayList<>();
        for (String line : text.split("\\R", -1)) {
            all.addAll(s.line(line));
        }
        all.addAll(s.end());
        return all;
    }

    private boolean endsWithComma() {
        for (int i = pending.length() - 1; i >= 0; i--) {
            char c = pending.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == ',';
            }
        }
        return false;
    }

    private void finish(List<String> done) {
        String statement = pending.toString().strip();
        if (significant && !statement.isEmpty()) {
            done.add(statement);
        }
        pending.setLength(0);
        quote = 0;
        depth = 0;
        significant = false;
    }
}
