package io.mynode.sql.parse;

import io.mynode.kernel.error.SyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits SQL text into {@link Token}s. Unquoted identifiers fold to lower case (as in
 * PostgreSQL); {@code "Quoted"} identifiers keep their case and may be keywords. Strings are
 * single-quoted with {@code ''} for a quote. {@code --} starts a comment to the end of the line;
 * {@code /* ... *}{@code /} is a comment that may span lines and nest, as in PostgreSQL. A
 * parameter is {@code ?} (JDBC's spelling, numbered in order) or {@code $n} (PostgreSQL's).
 *
 * <p>The text is read by Unicode code point, not by Java's UTF-16 unit: a letter above U+FFFF
 * may start a name, an identifier's length and a column in an error message count code points,
 * and a string literal holding an unpaired surrogate (which no UTF-8 text can carry, and which
 * would be stored as a question mark) is refused.
 */
public final class Lexer {
    /**
     * Reserved words: they cannot be unquoted identifiers. Besides the words of statements and
     * types this holds every word that may follow a table reference or an expression (FULL,
     * NATURAL, USING, UNION, WINDOW, FOR, ...), so that none is ever taken for an alias: with
     * {@code FULL} a name, {@code fa FULL JOIN fb} would silently be an inner join of {@code fa}
     * aliased "full". Words that are keywords only in one place ({@code NULLS FIRST},
     * {@code ON CONFLICT}, {@code IS UNKNOWN}) stay names and are matched by
     * {@link Token#isWord}, as PostgreSQL's non-reserved keywords are.
     */
    static final Set<String> KEYWORDS = Set.of(
            "AND", "ALL", "ANY", "AS", "ASC", "ASYMMETRIC", "BEGIN", "BETWEEN", "BIGINT", "BOOL", "BOOLEAN", "BOTH",
            "BY", "CASE", "CAST", "COMMIT", "CREATE", "CROSS", "DEFAULT", "DELETE", "DESC", "DISTINCT", "DO",
            "DOUBLE", "DROP", "ELSE", "END", "EXCEPT", "EXISTS", "EXPLAIN", "FALSE", "FETCH", "FLOAT", "FOR",
            "FROM", "FULL", "GROUP", "HAVING", "IF", "ILIKE", "IN", "INDEX", "INFINITY", "INNER", "INSERT", "INT",
            "INTEGER", "INTERSECT", "INTO", "IS", "JOIN", "KEY", "LATERAL", "LEADING", "LEFT", "LIKE", "LIMIT",
            "NAN", "NATURAL", "NOT", "NULL", "OF", "OFFSET", "ON", "ONLY", "OR", "ORDER", "OUTER", "OVER",
            "PRECISION", "PRIMARY", "READ", "REAL", "REFERENCES", "RETURNING", "RIGHT", "ROLLBACK", "SELECT", "SET",
            "SOME", "STRING", "SYMMETRIC", "SYSTEM", "TABLE", "TEXT", "THEN", "TIME", "TRAILING", "TRANSACTION",
            "TRUE", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "VARCHAR", "WHEN", "WHERE", "WINDOW", "WITH",
            "WRITE");

    /** The longest identifier, in characters; longer names would only bloat every key. */
    public static final int MAX_IDENTIFIER = 128;

    private final String sql;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int columnAt;
    private int columnValue = 1;

    private Lexer(String sql) {
        this.sql = sql;
    }

    /** Every token of {@code sql}, ending with one {@link Token.Kind#END}. */
    public static List<Token> tokenize(String sql) {
        return new Lexer(sql).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipBlanks();
            int startLine = line;
            int startColumn = column(pos);
            if (pos >= sql.length()) {
                tokens.add(new Token(Token.Kind.END, "", startLine, startColumn));
                return tokens;
            }
            int c = sql.codePointAt(pos);
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < sql.length() && (Character.isLetterOrDigit(sql.codePointAt(pos)) || sql.charAt(pos) == '_')) {
                    pos += Character.charCount(sql.codePointAt(pos));
                }
                String word = sql.substring(start, pos);
                int length = word.codePointCount(0, word.length());
                if (length > MAX_IDENTIFIER) {
                    throw error(startLine, startColumn, "an identifier of at most " + MAX_IDENTIFIER + " characters",
                            "one of " + length + " characters");
                }
                String upper = word.toUpperCase(Locale.ROOT);
                tokens.add(KEYWORDS.contains(upper)
                        ? new Token(Token.Kind.KEYWORD, upper, startLine, startColumn)
                        : new Token(Token.Kind.IDENTIFIER, word.toLowerCase(Locale.ROOT), startLine, startColumn));
            } else if (digit(c) || (c == '.' && pos + 1 < sql.length() && digit(sql.charAt(pos + 1)))) {
                tokens.add(number(startLine, startColumn));
            } else if (c == '?') {
                pos++;
                tokens.add(new Token(Token.Kind.PARAMETER, "?", startLine, startColumn));
            } else if (c == '$') {
                tokens.add(new Token(Token.Kind.PARAMETER, dollarParameter(startLine, startColumn), startLine, startColumn));
            } else if (c == '\'') {
                tokens.add(new Token(Token.Kind.STRING, quoted('\'', "string"), startLine, startColumn));
            } else if (c == '"') {
                String name = quoted('"', "quoted identifier");
                int length = name.codePointCount(0, name.length());
                if (length == 0 || length > MAX_IDENTIFIER) {
                    throw error(startLine, startColumn, "an identifier of 1 to " + MAX_IDENTIFIER + " characters",
                            "a quoted identifier of " + length + " characters");
                }
                tokens.add(new Token(Token.Kind.IDENTIFIER, name, startLine, startColumn, true));
            } else {
                tokens.add(new Token(Token.Kind.SYMBOL, symbol(startLine, startColumn), startLine, startColumn));
            }
        }
    }

    private void skipBlanks() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && pos + 1 < sql.length() && sql.charAt(pos + 1) == '-') {
                while (pos < sql.length() && sql.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < sql.length() && sql.charAt(pos + 1) == '*') {
                blockComment();
            } else {
                return;
            }
        }
    }

    /** Skips a {@code /* ... *}{@code /} comment, which may nest (as in PostgreSQL and the SQL standard). */
    private void blockComment() {
        int startLine = line;
        int startColumn = column(pos);
        int depth = 0;
        do {
            if (pos >= sql.length()) {
                throw error(startLine, startColumn, "*/ to close the comment", "end of input");
            }
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
            } else {
                if (sql.charAt(pos) == '\n') {
                    line++;
                    lineStart = pos + 1;
                }
                pos++;
            }
        } while (depth > 0);
    }

    /** An ASCII digit: numbers are written with these only (Java's isDigit takes every script's). */
    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The 1-based column, in code points, of the character at {@code at}. Counted on from the
     * last position asked for, so that a statement of megabytes on one line lexes in linear time.
     */
    private int column(int at) {
        int to = Math.min(at, sql.length());
        if (to < columnAt || columnAt < lineStart) {
            columnAt = lineStart;
            columnValue = 1;
        }
        columnValue += sql.codePointCount(columnAt, to);
        columnAt = to;
        return columnValue;
    }

    private Token number(int startLine, int startColumn) {
        int start = pos;
        boolean isFloat = false;
        while (pos < sql.length() && digit(sql.charAt(pos))) {
            pos++;
        }
        if (pos < sql.length() && sql.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            while (pos < sql.length() && digit(sql.charAt(pos))) {
                pos++;
            }
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < sql.length() && digit(sql.charAt(pos))) {
                isFloat = true;
                while (pos < sql.length() && digit(sql.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = mark;
            }
        }
        if (pos < sql.length() && (Character.isLetter(sql.codePointAt(pos)) || sql.charAt(pos) == '_')) {
            throw error(line, column(pos), "an operator or delimiter after a number", describe(sql.codePointAt(pos)));
        }
        return new Token(isFloat ? Token.Kind.FLOAT : Token.Kind.INTEGER, sql.substring(start, pos), startLine, startColumn);
    }

    /** The largest parameter number, as in PostgreSQL (its Bind message counts them in 16 bits). */
    public static final int MAX_PARAMETER = 65535;

    /** {@code $n} with n in 1..{@link #MAX_PARAMETER}. */
    private String dollarParameter(int startLine, int startColumn) {
        int start = pos++;
        while (pos < sql.length() && digit(sql.charAt(pos))) {
            pos++;
        }
        String digits = sql.substring(start + 1, pos);
        if (digits.isEmpty() || digits.length() > 5 || Integer.parseInt(digits) < 1
                || Integer.parseInt(digits) > MAX_PARAMETER) {
            throw error(startLine, startColumn, "a parameter $1 to $" + MAX_PARAMETER, "'" + sql.substring(start, pos) + "'");
        }
        if (pos < sql.length() && (Character.isLetter(sql.codePointAt(pos)) || sql.charAt(pos) == '_')) {
            throw error(line, column(pos), "an operator or delimiter after a parameter", describe(sql.codePointAt(pos)));
        }
        return "$" + Integer.parseInt(digits);
    }

    private String quoted(char quote, String what) {
        int startLine = line;
        int startColumn = column(pos);
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= sql.length()) {
                throw error(startLine, startColumn, "a closing " + quote + " for the " + what, "end of input");
            }
            char c = sql.charAt(pos++);
            if (c == quote) {
                if (pos < sql.length() && sql.charAt(pos) == quote) {
                    out.append(quote);
                    pos++;
                } else {
                    return out.toString();
                }
            } else {
                if (c == '\n') {
                    line++;
                    lineStart = pos;
                } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && pos < sql.length()
                        && Character.isLowSurrogate(sql.charAt(pos)))) {
                    throw error(line, column(pos - 1), "text of whole Unicode characters",
                            String.format("an unpaired surrogate U+%04X in a %s", (int) c, what));
                } else if (Character.isHighSurrogate(c)) {
                    out.append(c);
                    c = sql.charAt(pos++);
                }
                out.append(c);
            }
        }
    }

    private static final List<String> SYMBOLS = List.of(
            "<=", ">=", "!=", "<>", "||", "::", "=", "<", ">", "+", "-", "*", "/", "%", "^", "!", "(", ")", ",", ";", ".");

    private String symbol(int startLine, int startColumn) {
        for (String s : SYMBOLS) {
            if (sql.startsWith(s, pos)) {
                pos += s.length();
                return s;
            }
        }
        throw error(startLine, startColumn, "a token", "unexpected character " + describe(sql.codePointAt(pos)));
    }

    /** A character as an error message shows it: quoted when printable, else as U+XXXX. */
    private static String describe(int codePoint) {
        if (Character.isISOControl(codePoint) || Character.isSurrogate((char) codePoint) && codePoint < 0x10000
                || !Character.isDefined(codePoint) || Character.isWhitespace(codePoint)) {
            return String.format("U+%04X", codePoint);
        }
        return "'" + Character.toString(codePoint) + "'";
    }

    /**
     * An identifier as SQL text that reads back as the same name: bare when it is lower case and
     * not a keyword, double-quoted otherwise.
     */
    public static String quote(String name) {
        if (name.matches("[a-z_][a-z0-9_]*") && !KEYWORDS.contains(name.toUpperCase(Locale.ROOT))) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static SyntaxException error(int line, int column, String expected, String found) {
        return new SyntaxException("syntax error at line " + line + ", column " + column + ": expected "
                + expected + ", found " + found);
    }
}
