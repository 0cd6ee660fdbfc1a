package io.mynode.sql.parse;

/**
 * One lexical token with where it starts, for error messages.
 *
 * @param kind what sort of token
 * @param text keywords upper-cased, unquoted identifiers lower-cased, strings unescaped,
 *     symbols and numbers as written
 * @param line 1-based line of the first character
 * @param column 1-based column of the first character
 */
public record Token(Kind kind, String text, int line, int column) {

    /** The sorts of token; a PARAMETER's text is {@code ?} or {@code $n}, as written. */
    public enum Kind { KEYWORD, IDENTIFIER, INTEGER, FLOAT, STRING, SYMBOL, PARAMETER, END }

    /** Whether this is the keyword {@code word} (upper case). */
    public boolean is(String word) {
        return kind == Kind.KEYWORD && text.equals(word);
    }

    /** Whether this is the symbol {@code symbol}. */
    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** How an error message names this token. */
    public String describe() {
        return switch (kind) {
            case END -> "end of input";
            case KEYWORD -> "keyword " + text;
            case IDENTIFIER -> "identifier " + text;
            case STRING -> "string '" + text + "'";
            case INTEGER, FLOAT -> "number " + text;
            case SYMBOL -> "'" + text + "'";
            case PARAMETER -> "parameter " + text;
        };
    }
}
