package io.mynode.sql.parse;

/**
 * One lexical token with where it starts, for error messages.
 *
 * @param kind what sort of token
 * @param text keywords upper-cased, unquoted identifiers lower-cased, strings unescaped,
 *     symbols and numbers as written
 * @param line 1-based line of the first character
 * @param column 1-based column of the first character (in code points)
 * @param quoted whether an identifier was written in double quotes, which makes it a name even
 *     where an unquoted word would be read as a keyword ({@code "nulls"} against {@code NULLS})
 */
public record Token(Kind kind, String text, int line, int column, boolean quoted) {

    /** An unquoted token. */
    public Token(Kind kind, String text, int line, int column) {
        this(kind, text, line, column, false);
    }

    /** The sorts of token; a PARAMETER's text is {@code ?} or {@code $n}, as written. */
    public enum Kind { KEYWORD, IDENTIFIER, INTEGER, FLOAT, STRING, SYMBOL, PARAMETER, END }

    /** Whether this is the keyword {@code word} (upper case). */
    public boolean is(String word) {
        return kind == Kind.KEYWORD && text.equals(word);
    }

    /**
     * Whether this is the unquoted word {@code word} (lower case): a non-reserved keyword such as
     * {@code NULLS} or {@code CONFLICT}, which is a keyword only where the grammar expects it and
     * a name everywhere else.
     */
    public boolean isWord(String word) {
        return kind == Kind.IDENTIFIER && !quoted && text.equals(word);
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
            case IDENTIFIER -> "identifier " + (quoted ? '"' + text + '"' : text);
            case STRING -> "string '" + text + "'";
            case INTEGER, FLOAT -> "number " + text;
            case SYMBOL -> "'" + text + "'";
            case PARAMETER -> "parameter " + text;
        };
    }
}
