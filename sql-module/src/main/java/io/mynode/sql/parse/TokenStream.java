package io.mynode.sql.parse;

import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.error.SyntaxException;
import java.util.List;

/**
 * The parsers' shared position in one statement's tokens: look ahead, take, or fail with an
 * error naming the line, the column and what was expected there. One per statement; the
 * statement, query and expression parsers all read from the same stream.
 */
final class TokenStream {
    private final List<Token> tokens;
    private int pos;

    TokenStream(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(pos);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    /** Takes the next token; at the end it stays on END. */
    Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    /** Where the stream is, to come back to with {@link #reset}. */
    int mark() {
        return pos;
    }

    void reset(int mark) {
        pos = mark;
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    /** Takes the reserved keyword {@code keyword} (upper case) if it is next. */
    boolean accept(String keyword) {
        if (peek().is(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    /** Takes the non-reserved word {@code word} (lower case) if it is next, unquoted. */
    boolean acceptWord(String word) {
        if (peek().isWord(word)) {
            pos++;
            return true;
        }
        return false;
    }

    boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(String keyword) {
        if (!accept(keyword)) {
            throw expected(keyword);
        }
    }

    void expectWord(String word) {
        if (!acceptWord(word)) {
            throw expected(word.toUpperCase(java.util.Locale.ROOT));
        }
    }

    void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw expected("'" + symbol + "'");
        }
    }

    /** An identifier (a name, not a reserved word); {@code what} names it in the error. */
    String identifier(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENTIFIER) {
            throw expected(what);
        }
        pos++;
        return t.text();
    }

    /** A syntax error at the next token: expected {@code what}, found it. */
    SyntaxException expected(String what) {
        Token t = peek();
        return Lexer.error(t.line(), t.column(), what, t.describe());
    }

    /** A syntax error at the next token for syntax that parses but is not built. */
    SyntaxException unsupported(String what) {
        Token t = peek();
        return new SyntaxException(SqlState.FEATURE_NOT_SUPPORTED, "syntax error at line " + t.line() + ", column "
                + t.column() + ": not supported: "
                + what);
    }

    long parseLong(Token t) {
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw Lexer.error(t.line(), t.column(), "an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE,
                    t.text());
        }
    }
}
