package io.mynode.jepsen.history;

import io.mynode.kernel.error.InvalidInputException;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes EDN (extensible data notation), the format Jepsen, Knossos and Elle keep
 * histories and results in.
 *
 * <p>Java values stand for EDN values: {@code null} is {@code nil}; {@link Boolean}; {@link Long}
 * (or {@link BigInteger} when it does not fit, or with the {@code N} suffix); {@link Double} (or
 * {@link BigDecimal} with {@code M}); {@link String}; {@link Character}; {@link Keyword};
 * {@link Symbol}; {@link List} for both lists and vectors (written back as vectors, which every
 * EDN reader accepts where Jepsen writes either); {@link Set}; {@link Map} (insertion-ordered);
 * {@link Tagged} for a tag this reader does not interpret. Collections read are unmodifiable.
 *
 * <p>Not supported on purpose: metadata ({@code ^}), reader conditionals and namespaced map
 * syntax ({@code #:ns{}}), none of which appear in Jepsen histories. Malformed input is an
 * {@link InvalidInputException} naming the line.
 */
public final class Edn {
    private Edn() {}

    // ---------------------------------------------------------------- writing

    /** The EDN text of {@code value}; see the class comment for the mapping. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /** Appends the EDN text of {@code value} to {@code out}. */
    public static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("nil");
            case Boolean b -> out.append(b ? "true" : "false");
            case Long l -> out.append(l);
            case Integer i -> out.append(i);
            case Short s -> out.append(s);
            case Byte b -> out.append(b);
            case BigInteger b -> out.append(b).append('N');
            case Double d -> writeDouble(d, out);
            case Float f -> writeDouble(f.doubleValue(), out);
            case BigDecimal d -> out.append(d.toPlainString()).append('M');
            case String s -> writeString(s, out);
            case Character c -> writeChar(c, out);
            case Keyword k -> out.append(k);
            case Symbol s -> out.append(s.name());
            case Tagged t -> {
                out.append('#').append(t.tag()).append(' ');
                write(t.value(), out);
            }
            case Map<?, ?> m -> {
                out.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    write(e.getKey(), out);
                    out.append(' ');
                    write(e.getValue(), out);
                }
                out.append('}');
            }
            case Set<?> s -> writeSeq("#{", s, "}", out);
            case Collection<?> c -> writeSeq("[", c, "]", out);
            case Optional<?> o -> write(o.orElse(null), out);
            default -> throw new IllegalArgumentException(
                    "no EDN form for " + value.getClass().getName() + ": " + value);
        }
    }

    private static void writeSeq(String open, Collection<?> items, String close, StringBuilder out) {
        out.append(open);
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(' ');
            }
            first = false;
            write(item, out);
        }
        out.append(close);
    }

    private static void writeDouble(double d, StringBuilder out) {
        if (Double.isNaN(d)) {
            out.append("##NaN");
        } else if (Double.isInfinite(d)) {
            out.append(d > 0 ? "##Inf" : "##-Inf");
        } else {
            out.append(d);
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void writeChar(char c, StringBuilder out) {
        switch (c) {
            case '\n' -> out.append("\\newline");
            case ' ' -> out.append("\\space");
            case '\t' -> out.append("\\tab");
            case '\r' -> out.append("\\return");
            default -> out.append('\\').append(c);
        }
    }

    // ---------------------------------------------------------------- reading

    /** Reads exactly one value from {@code text}; trailing forms are an error. */
    public static Object read(String text) {
        List<Object> all = readAll(new StringReader(text));
        if (all.size() != 1) {
            throw new InvalidInputException("expected one EDN value, found " + all.size());
        }
        return all.getFirst();
    }

    /** Reads every top-level value from {@code in}, in order (a history file holds one op per line). */
    public static List<Object> readAll(Reader in) {
        Parser p = new Parser(in);
        List<Object> out = new ArrayList<>();
        while (true) {
            Object v = p.next();
            if (v == Parser.EOF) {
                return out;
            }
            out.add(v);
        }
    }

    /** A hand-written recursive-descent reader; one instance per stream, one thread. */
    private static final class Parser {
        static final Object EOF = new Object();
        static final Object CLOSE = new Object();

        private final PushbackReader in;
        private int line = 1;
        private char closer;

        Parser(Reader in) {
            this.in = new PushbackReader(in, 2);
        }

        /** The next top-level value, or {@link #EOF}. */
        Object next() {
            Object v = readForm();
            if (v == CLOSE) {
                throw error("unexpected '" + closer + "'");
            }
            return v;
        }

        private int read() {
            try {
                int c = in.read();
                if (c == '\n') {
                    line++;
                }
                return c;
            } catch (IOException e) {
                throw new UncheckedIOException("reading EDN near line " + line, e);
            }
        }

        private void unread(int c) {
            if (c < 0) {
                return;
            }
            try {
                if (c == '\n') {
                    line--;
                }
                in.unread(c);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private InvalidInputException error(String what) {
            return new InvalidInputException("EDN line " + line + ": " + what);
        }

        private int skipSpace() {
            while (true) {
                int c = read();
                if (c == ';') {
                    while (c >= 0 && c != '\n') {
                        c = read();
                    }
                } else if (c < 0 || !(Character.isWhitespace(c) || c == ',')) {
                    return c;
                }
            }
        }

        /** A value, {@link #EOF} at end of input, or {@link #CLOSE} on a closing bracket. */
        private Object readForm() {
            int c = skipSpace();
            if (c < 0) {
                return EOF;
            }
            switch (c) {
                case '(':
                    return Collections.unmodifiableList(readSeq(')'));
                case '[':
                    return Collections.unmodifiableList(readSeq(']'));
                case '{':
                    return readMap();
                case ')', ']', '}':
                    closer = (char) c;
                    return CLOSE;
                case '"':
                    return readString();
                case '\\':
                    return readChar();
                case ':':
                    return Keyword.of(readToken(-1));
                case '#':
                    return readDispatch();
                default:
                    break;
            }
            String token = readToken(c);
            if (isNumberStart(token)) {
                return parseNumber(token);
            }
            return switch (token) {
                case "nil" -> null;
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> new Symbol(token);
            };
        }

        private Object readDispatch() {
            int c = read();
            switch (c) {
                case '{':
                    return Collections.unmodifiableSet(new LinkedHashSet<>(readSeq('}')));
                case '_': {
                    Object discarded = readForm();
                    if (discarded == EOF || discarded == CLOSE) {
                        throw error("#_ with nothing to discard");
                    }
                    return readForm();
                }
                case '#': {
                    String t = readToken(-1);
                    return switch (t) {
                        case "NaN" -> Double.NaN;
                        case "Inf" -> Double.POSITIVE_INFINITY;
                        case "-Inf" -> Double.NEGATIVE_INFINITY;
                        default -> throw error("unknown symbolic value ##" + t);
                    };
                }
                default: {
                    if (c < 0 || !Character.isLetter(c)) {
                        throw error("unsupported dispatch #" + (c < 0 ? "<eof>" : Character.toString(c)));
                    }
                    String tag = readToken(c);
                    Object value = readForm();
                    if (value == EOF || value == CLOSE) {
                        throw error("tag #" + tag + " without a value");
                    }
                    return new Tagged(tag, value);
                }
            }
        }

        private List<Object> readSeq(char close) {
            List<Object> items = new ArrayList<>();
            while (true) {
                Object v = readForm();
                if (v == EOF) {
                    throw error("end of input inside a collection (missing '" + close + "')");
                }
                if (v == CLOSE) {
                    if (closer != close) {
                        throw error("expected '" + close + "' but found '" + closer + "'");
                    }
                    return items;
                }
                items.add(v);
            }
        }

        private Map<Object, Object> readMap() {
            List<Object> items = readSeq('}');
            if (items.size() % 2 != 0) {
                throw error("a map needs an even number of forms, got " + items.size());
            }
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i += 2) {
                map.put(items.get(i), items.get(i + 1));
            }
            return Collections.unmodifiableMap(map);
        }

        private String readString() {
            StringBuilder s = new StringBuilder();
            while (true) {
                int c = read();
                if (c < 0) {
                    throw error("end of input inside a string");
                }
                if (c == '"') {
                    return s.toString();
                }
                if (c == '\\') {
                    int e = read();
                    switch (e) {
                        case 'n' -> s.append('\n');
                        case 't' -> s.append('\t');
                        case 'r' -> s.append('\r');
                        case 'b' -> s.append('\b');
                        case 'f' -> s.append('\f');
                        case '"' -> s.append('"');
                        case '\\' -> s.append('\\');
                        case 'u' -> {
                            char[] hex = new char[4];
                            for (int i = 0; i < 4; i++) {
                                hex[i] = (char) read();
                            }
                            try {
                                s.append((char) Integer.parseInt(new String(hex), 16));
                            } catch (NumberFormatException ex) {
                                throw error("bad \\u escape in string");
                            }
                        }
                        default -> throw error("unknown escape \\" + (char) e + " in string");
                    }
                } else {
                    s.append((char) c);
                }
            }
        }

        private Character readChar() {
            int first = read();
            if (first < 0) {
                throw error("end of input after '\\'");
            }
            String token = readToken(first);
            if (token.length() == 1) {
                return token.charAt(0);
            }
            return switch (token) {
                case "newline" -> '\n';
                case "space" -> ' ';
                case "tab" -> '\t';
                case "return" -> '\r';
                default -> {
                    if (token.startsWith("u") && token.length() == 5) {
                        try {
                            yield (char) Integer.parseInt(token.substring(1), 16);
                        } catch (NumberFormatException e) {
                            throw error("bad character \\" + token);
                        }
                    }
                    throw error("bad character \\" + token);
                }
            };
        }

        /** Reads a symbol-like token; {@code first} is a character already consumed, or -1. */
        private String readToken(int first) {
            StringBuilder s = new StringBuilder();
            if (first >= 0) {
                s.append((char) first);
            }
            while (true) {
                int c = read();
                if (c < 0 || Character.isWhitespace(c) || c == ',' || "()[]{}\";".indexOf(c) >= 0) {
                    unread(c);
                    break;
                }
                s.append((char) c);
            }
            if (s.isEmpty()) {
                throw error("empty token");
            }
            return s.toString();
        }

        private static boolean isNumberStart(String token) {
            char c = token.charAt(0);
            if (Character.isDigit(c)) {
                return true;
            }
            return (c == '-' || c == '+') && token.length() > 1 && Character.isDigit(token.charAt(1));
        }

        private Object parseNumber(String token) {
            try {
                if (token.endsWith("N")) {
                    return new BigInteger(token.substring(0, token.length() - 1));
                }
                if (token.endsWith("M")) {
                    return new BigDecimal(token.substring(0, token.length() - 1));
                }
                if (token.contains("/")) {
                    String[] parts = token.split("/");
                    return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
                }
                if (token.contains(".") || token.contains("e") || token.contains("E")) {
                    return Double.parseDouble(token);
                }
                BigInteger big = new BigInteger(token.startsWith("+") ? token.substring(1) : token);
                return big.bitLength() < 64 ? (Object) big.longValue() : big;
            } catch (NumberFormatException e) {
                throw error("bad number '" + token + "'");
            }
        }
    }
}
