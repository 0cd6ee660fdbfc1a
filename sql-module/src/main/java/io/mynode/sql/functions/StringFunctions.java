package io.mynode.sql.functions;

import static io.mynode.sql.functions.Functions.any;
import static io.mynode.sql.functions.Functions.fixed;
import static io.mynode.sql.functions.MathFunctions.asLong;
import static io.mynode.sql.functions.ScalarFunction.strict;
import static io.mynode.sql.types.DataType.BOOLEAN;
import static io.mynode.sql.types.DataType.INTEGER;
import static io.mynode.sql.types.DataType.STRING;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.types.Casts;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Operators;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * String functions, with PostgreSQL's names and meanings. Every position and length counts
 * Unicode code points, never Java's UTF-16 units, so that {@code length('😀')} is 1 and
 * {@code substring} never splits a character; {@code octet_length} counts UTF-8 bytes. A result
 * longer than the string limit is an error before it is built ({@code repeat('x', 1000000000)}
 * allocates nothing).
 *
 * <p>{@code length char_length character_length octet_length bit_length upper lower initcap
 * substring substr position strpos replace btrim ltrim rtrim concat concat_ws left right lpad
 * rpad repeat reverse split_part starts_with chr ascii translate to_hex}.
 */
final class StringFunctions {
    private StringFunctions() {}

    static void register(Functions.Registry r) {
        r.add("length", 1, 1, fixed(INTEGER, STRING), strict(a -> Value.of((long) codePoints(str(a[0])))));
        r.alias("char_length", "length");
        r.alias("character_length", "length");
        r.add("octet_length", 1, 1, fixed(INTEGER, STRING),
                strict(a -> Value.of((long) str(a[0]).getBytes(StandardCharsets.UTF_8).length)));
        r.add("bit_length", 1, 1, fixed(INTEGER, STRING),
                strict(a -> Value.of(8L * str(a[0]).getBytes(StandardCharsets.UTF_8).length)));
        r.add("upper", 1, 1, fixed(STRING, STRING), strict(a -> Operators.string(str(a[0]).toUpperCase(Locale.ROOT))));
        r.add("lower", 1, 1, fixed(STRING, STRING), strict(a -> Operators.string(str(a[0]).toLowerCase(Locale.ROOT))));
        r.add("initcap", 1, 1, fixed(STRING, STRING), strict(a -> Operators.string(initcap(str(a[0])))));
        r.add("substring", 2, 3, fixed(STRING, STRING, INTEGER, INTEGER), strict(StringFunctions::substring));
        r.alias("substr", "substring");
        r.add("position", 2, 2, fixed(INTEGER, STRING, STRING), strict(a -> Value.of(position(str(a[1]), str(a[0])))));
        r.add("strpos", 2, 2, fixed(INTEGER, STRING, STRING), strict(a -> Value.of(position(str(a[0]), str(a[1])))));
        r.add("replace", 3, 3, fixed(STRING, STRING, STRING, STRING), strict(a -> {
            String from = str(a[1]);
            return from.isEmpty() ? a[0] : Operators.string(str(a[0]).replace(from, str(a[2])));
        }));
        r.add("btrim", 1, 2, fixed(STRING, STRING, STRING), strict(a -> Value.of(trim(a, true, true))));
        r.add("ltrim", 1, 2, fixed(STRING, STRING, STRING), strict(a -> Value.of(trim(a, true, false))));
        r.add("rtrim", 1, 2, fixed(STRING, STRING, STRING), strict(a -> Value.of(trim(a, false, true))));
        r.add("concat", 1, Integer.MAX_VALUE, any(STRING), args -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < args.size(); i++) {
                sb.append(output(args.get(i)));
                Operators.checkLength(sb);
            }
            return Operators.string(sb.toString());
        });
        r.add("concat_ws", 2, Integer.MAX_VALUE, (name, args) -> {
            if (!io.mynode.sql.types.Typing.assignable(args.getFirst(), STRING)) {
                throw ScalarFunction.noSuchFunction(name, args, "(STRING, ...)");
            }
            return new ScalarFunction.Signature(args, STRING);
        }, args -> {
            Value separator = args.get(0);
            if (separator instanceof Value.Null) {
                return Value.NULL;
            }
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            for (int i = 1; i < args.size(); i++) {
                Value v = args.get(i);
                if (!(v instanceof Value.Null)) {
                    if (!first) {
                        sb.append(str(separator));
                    }
                    sb.append(output(v));
                    first = false;
                    Operators.checkLength(sb);
                }
            }
            return Operators.string(sb.toString());
        });
        r.add("left", 2, 2, fixed(STRING, STRING, INTEGER), strict(a -> {
            String s = str(a[0]);
            long n = asLong(a[1]);
            int count = codePoints(s);
            return Value.of(slice(s, 0, (int) (n >= 0 ? Math.min(n, count) : Math.max(0, count + n))));
        }));
        r.add("right", 2, 2, fixed(STRING, STRING, INTEGER), strict(a -> {
            String s = str(a[0]);
            long n = asLong(a[1]);
            int count = codePoints(s);
            int keep = (int) (n >= 0 ? Math.min(n, count) : Math.max(0, count + n));
            return Value.of(slice(s, count - keep, count));
        }));
        r.add("lpad", 2, 3, fixed(STRING, STRING, INTEGER, STRING), strict(a -> pad(a, true)));
        r.add("rpad", 2, 3, fixed(STRING, STRING, INTEGER, STRING), strict(a -> pad(a, false)));
        r.add("repeat", 2, 2, fixed(STRING, STRING, INTEGER), strict(a -> {
            String s = str(a[0]);
            long n = Math.max(0, asLong(a[1]));
            long bytes = (long) s.getBytes(StandardCharsets.UTF_8).length * n;
            if (bytes > DataType.MAX_STRING_BYTES) {
                throw tooLong(bytes);
            }
            return Value.of(s.repeat((int) n));
        }));
        r.add("reverse", 1, 1, fixed(STRING, STRING), strict(a -> {
            int[] cps = str(a[0]).codePoints().toArray();
            StringBuilder sb = new StringBuilder();
            for (int i = cps.length - 1; i >= 0; i--) {
                sb.appendCodePoint(cps[i]);
            }
            return Value.of(sb.toString());
        }));
        r.add("split_part", 3, 3, fixed(STRING, STRING, STRING, INTEGER), strict(StringFunctions::splitPart));
        r.add("starts_with", 2, 2, fixed(BOOLEAN, STRING, STRING), strict(a -> Value.of(str(a[0]).startsWith(str(a[1])))));
        r.add("chr", 1, 1, fixed(STRING, INTEGER), strict(a -> {
            long c = asLong(a[0]);
            if (c == 0) {
                throw new InvalidInputException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "null character not permitted");
            }
            if (c < 0 || c > Character.MAX_CODE_POINT || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                throw new InvalidInputException(SqlState.INVALID_PARAMETER_VALUE, "requested character is not a valid Unicode code point: " + c);
            }
            return Value.of(Character.toString((int) c));
        }));
        r.add("ascii", 1, 1, fixed(INTEGER, STRING), strict(a -> {
            String s = str(a[0]);
            return Value.of(s.isEmpty() ? 0L : s.codePointAt(0));
        }));
        r.add("translate", 3, 3, fixed(STRING, STRING, STRING, STRING), strict(StringFunctions::translate));
        r.add("to_hex", 1, 1, fixed(STRING, INTEGER), strict(a -> Value.of(Long.toHexString(asLong(a[0])))));
    }

    /** A value as PostgreSQL's output writes it (for CONCAT): booleans as t and f, the rest as CAST does. */
    static String output(Value v) {
        return switch (v) {
            case Value.Null n -> "";
            case Value.Bool(boolean b) -> b ? "t" : "f";
            default -> str(Casts.text(v));
        };
    }

    static String str(Value v) {
        if (v instanceof Value.Str(String s)) {
            return s;
        }
        throw new InvalidInputException(SqlState.DATATYPE_MISMATCH, "expected a string, got " + Operators.literal(v));
    }

    static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The code points from {@code from} (inclusive) to {@code to} (exclusive), counted from 0. */
    static String slice(String s, int from, int to) {
        if (from >= to) {
            return "";
        }
        int start = s.offsetByCodePoints(0, from);
        int end = s.offsetByCodePoints(start, to - from);
        return s.substring(start, end);
    }

    /**
     * SQL's SUBSTRING: from position {@code start} (1-based, may be before the string) for
     * {@code count} positions, clipped to the string; a negative count is an error.
     */
    private static Value substring(Value[] a) {
        String s = str(a[0]);
        long start = asLong(a[1]);
        int n = codePoints(s);
        long end;
        if (a.length == 3) {
            long count = asLong(a[2]);
            if (count < 0) {
                throw new InvalidInputException(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
            }
            end = start > Long.MAX_VALUE - count ? Long.MAX_VALUE : start + count;
        } else {
            end = Long.MAX_VALUE;
        }
        long from = Math.max(start, 1);
        long to = Math.min(end, (long) n + 1);
        return Value.of(from >= to ? "" : slice(s, (int) from - 1, (int) to - 1));
    }

    /** The 1-based code-point position of {@code needle} in {@code haystack}, 0 when absent. */
    private static long position(String haystack, String needle) {
        int at = haystack.indexOf(needle);
        return at < 0 ? 0 : haystack.codePointCount(0, at) + 1;
    }

    /** Strips the characters of the second argument (a space if none) from either end. */
    private static String trim(Value[] a, boolean leading, boolean trailing) {
        String s = str(a[0]);
        String chars = a.length > 1 ? str(a[1]) : " ";
        java.util.Set<Integer> set = new java.util.HashSet<>();
        chars.codePoints().forEach(set::add);
        int start = 0;
        int end = s.length();
        while (leading && start < end && set.contains(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (trailing && end > start && set.contains(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** LPAD and RPAD: to {@code length} code points, cutting the string if it is longer. */
    private static Value pad(Value[] a, boolean left) {
        String s = str(a[0]);
        long length = asLong(a[1]);
        String fill = a.length > 2 ? str(a[2]) : " ";
        if (length <= 0) {
            return Value.of("");
        }
        if (length > DataType.MAX_STRING_BYTES) {
            throw tooLong(length);
        }
        int n = codePoints(s);
        if (n >= length) {
            return Value.of(slice(s, 0, (int) length));
        }
        if (fill.isEmpty()) {
            return Value.of(s);
        }
        int[] fills = fill.codePoints().toArray();
        StringBuilder padding = new StringBuilder();
        for (int i = 0; i < length - n; i++) {
            padding.appendCodePoint(fills[i % fills.length]);
        }
        return Operators.string(left ? padding + s : s + padding);
    }

    private static Value splitPart(Value[] a) {
        String s = str(a[0]);
        String delimiter = str(a[1]);
        long n = asLong(a[2]);
        if (n == 0) {
            throw new InvalidInputException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (delimiter.isEmpty()) {
            parts.add(s);
        } else {
            int from = 0;
            while (true) {
                int at = s.indexOf(delimiter, from);
                if (at < 0) {
                    parts.add(s.substring(from));
                    break;
                }
                parts.add(s.substring(from, at));
                from = at + delimiter.length();
            }
        }
        long index = n > 0 ? n - 1 : parts.size() + n;
        return Value.of(index >= 0 && index < parts.size() ? parts.get((int) index) : "");
    }

    private static Value translate(Value[] a) {
        int[] from = str(a[1]).codePoints().toArray();
        int[] to = str(a[2]).codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        str(a[0]).codePoints().forEach(c -> {
            for (int i = 0; i < from.length; i++) {
                if (from[i] == c) {
                    if (i < to.length) {
                        sb.appendCodePoint(to[i]);
                    }
                    return;
                }
            }
            sb.appendCodePoint(c);
        });
        return Operators.string(sb.toString());
    }

    private static String initcap(String s) {
        StringBuilder sb = new StringBuilder();
        boolean start = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            sb.append(start ? Character.toString(c).toUpperCase(Locale.ROOT) : Character.toString(c).toLowerCase(Locale.ROOT));
            start = !Character.isLetterOrDigit(c);
            i += Character.charCount(c);
        }
        return sb.toString();
    }

    private static InvalidInputException tooLong(long bytes) {
        return new InvalidInputException(SqlState.STRING_DATA_RIGHT_TRUNCATION, "string of at least " + bytes + " bytes is longer than the limit of "
                + DataType.MAX_STRING_BYTES + " bytes");
    }
}
