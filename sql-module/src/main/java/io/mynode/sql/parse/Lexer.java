package io.mynode.sql.parse;

import io.mynode.kernel.error.SyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits SQL text into {@link Token}s. Unquoted identifiers fold to lower case (as in
 * PostgreSQL); {@code "Quoted"} identifiers keep their case and may be keywords. Strings are
 * single-quoted with {@code ''} for a quote. {@code --} starts a comment to the end of the line.
 * A parameter is {@code ?} (JDBC's spelling, numbered in order) or {@code $n} (PostgreSQL's).
 */
public final class Lexer {
    /** Reserved words: they cannot be unquoted identifiers. */
    static final Set<String> KEYWORDS = Set.of(
            "AND", "ALL", "AS", "ASC", "BEGIN", "BOOL", "BOOLEAN", "BY", "COMMIT", "CREATE", "CROSS",
            "DEFAULT", "DELETE", "DESC", "DISTINCT", "DOUBLE", "DROP", "EXISTS", "EXPLAIN", "FALSE",
            "FLOAT", "FROM", "GROUP", "HAVING", "IF", "IN", "INDEX", "INFINITY", "INNER", "INSERT", "INT",
            "INTEGER", "INTO", "IS", "JOIN", "KEY", "LEFT", "LIKE", "LIMIT", "NAN", "NOT", "NULL", "OF",
            "OFFSET", "ON", "ONLY", "OR", "ORDER", "OUTER", "PRIMARY", "READ", "REFERENCES", "RIGHT",
            "ROLLBACK", "SELECT", "SET", "STRING", "SYSTEM", "TABLE", "TEXT", "TIME", "TRANSACTION",
            "TRUE", "UNIQUE", "UPDATE", "VALUES", "VARCHAR", "WHERE", "WRITE", "BIGINT", "REAL", "PRECISION");

    /** The longest identifier, in characters; longer names would only bloat every key. */
    public static final int MAX_IDENTIFIER = 128;

    private final String sql;
    private int pos;
    private int line = 1;
    private int lineStart;

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
            int startColumn = pos - lineStart + 1;
            if (pos >= sql.length()) {
                tokens.add(new Token(Token.Kind.END, "", startLine, startColumn));
                return tokens;
            }
            char c = sql.charAt(pos);
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
                    pos++;
                }
                String word = sql.substring(start, pos);
                if (word.length() > MAX_IDENTIFIER) {
                    throw error(startLine, startColumn, "an identifier of at most " + MAX_IDENTIFIER + " characters",
                            "one of " + word.length() + " characters");
                }
                String upper = word.toUpperCase(Locale.ROOT);
                tokens.add(KEYWORDS.contains(upper)
                        ? new Token(Token.Kind.KEYWORD, upper, startLine, startColumn)
                        : new Token(Token.Kind.IDENTIFIER, word.toLowerCase(Locale.ROOT), startLine, startColumn));
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
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
                if (name.isEmpty() || name.length() > MAX_IDENTIFIER) {
                    throw error(startLine, startColumn, "an identifier of 1 to " + MAX_IDENTIFIER + " characters",
                            "a quoted identifier of " + name.length() + " characters");
                }
                tokens.add(new Token(Token.Kind.IDENTIFIER, name, startLine, startColumn));
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
            } else {
                return;
            }
        }
    }

    private Token number(int startLine, int startColumn) {
        int start = pos;
        boolean isFloat = false;
        while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
            pos++;
        }
        if (pos < sql.length() && sql.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                isFloat = true;
                while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = mark;
            }
        }
        if (pos < sql.length() && (Character.isLetter(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
            throw error(line, pos - lineStart + 1, "an operator or delimiter after a number", "'" + sql.charAt(pos) + "'");
        }
        return new Token(isFloat ? Token.Kind.FLOAT : Token.Kind.INTEGER, sql.substring(start, pos), startLine, startColumn);
    }

    /** The largest parameter number, as in PostgreSQL (its Bind message counts them in 16 bits). */
    public static final int MAX_PARAMETER = 65535;

    /** {@code $n} with n in 1..{@link #MAX_PARAMETER}. */
    private String dollarParameter(int startLine, int startColumn) {
        int start = pos++;
        while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
            pos++;
        }
        String digits = sql.substring(start + 1, pos);
        if (digits.isEmpty() || digits.length() > 5 || Integer.parseInt(digits) < 1
                || Integer.parseInt(digits) > MAX_PARAMETER) {
            throw error(startLine, startColumn, "a parameter $1 to $" + MAX_PARAMETER, "'" + sql.substring(start, pos) + "'");
        }
        if (pos < sql.length() && (Character.isLetter(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
            throw error(line, pos - lineStart + 1, "an operator or delimiter after a parameter", "'" + sql.charAt(pos) + "'");
        }
        return "$" + Integer.parseInt(digits);
    }

    private String quoted(char quote, String what) {
        int startLine = line;
        int startColumn = pos - lineStart + 1;
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
                }
                out.append(c);
            }
        }
    }

    private static final List<String> SYMBOLS = List.of(
            "<=", ">=", "!=", "<>", "||", "=", "<", ">", "+", "-", "*", "/", "%", "^", "!", "(", ")", ",", ";", ".");

    private String symbol(int startLine, int startColumn) {
        for (String s : SYMBOLS) {
            if (sql.startsWith(s, pos)) {
                pos += s.length();
                return s;
            }
        }
        throw error(startLine, startColumn, "a token", "unexpected character '" + sql.charAt(pos) + "'");
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
