package io.mynode.sql.types;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.Value;
import java.nio.charset.StandardCharsets;

/**
 * The run-time meaning of SQL's operators on {@link Value}s. Types were checked at plan time
 * (see {@link Typing}), so a mismatch here is reported but never expected.
 *
 * <p>Rules: NULL in, NULL out (three-valued logic for AND, OR, NOT); integer arithmetic is
 * checked and overflow is an error, as is integer division or remainder by zero; an integer
 * meeting a float is widened to float; float arithmetic follows IEEE 754, so {@code 1.0 / 0}
 * is {@code Infinity} and {@code 0.0 / 0} is {@code NaN}. Comparisons follow IEEE as well:
 * {@code NaN = NaN} is false. Sorting and grouping use {@link ValueOrder} instead, a total order.
 */
public final class Operators {
    private Operators() {}

    public static Value add(Value l, Value r) {
        if (l instanceof Value.Int(long a) && r instanceof Value.Int(long b)) {
            try {
                return Value.of(Math.addExact(a, b));
            } catch (ArithmeticException e) {
                throw overflow(a + " + " + b);
            }
        }
        return floats(l, r, "+", Double::sum);
    }

    public static Value subtract(Value l, Value r) {
        if (l instanceof Value.Int(long a) && r instanceof Value.Int(long b)) {
            try {
                return Value.of(Math.subtractExact(a, b));
            } catch (ArithmeticException e) {
                throw overflow(a + " - " + b);
            }
        }
        return floats(l, r, "-", (a, b) -> a - b);
    }

    public static Value multiply(Value l, Value r) {
        if (l instanceof Value.Int(long a) && r instanceof Value.Int(long b)) {
            try {
                return Value.of(Math.multiplyExact(a, b));
            } catch (ArithmeticException e) {
                throw overflow(a + " * " + b);
            }
        }
        return floats(l, r, "*", (a, b) -> a * b);
    }

    /** Integer division truncates toward zero, as in PostgreSQL. */
    public static Value divide(Value l, Value r) {
        if (l instanceof Value.Int(long a) && r instanceof Value.Int(long b)) {
            if (b == 0) {
                throw new InvalidInputException(SqlState.DIVISION_BY_ZERO, "division by zero");
            }
            if (a == Long.MIN_VALUE && b == -1) {
                throw overflow(a + " / " + b);
            }
            return Value.of(a / b);
        }
        return floats(l, r, "/", (a, b) -> a / b);
    }

    /** The remainder takes the dividend's sign, as in PostgreSQL. */
    public static Value remainder(Value l, Value r) {
        if (l instanceof Value.Int(long a) && r instanceof Value.Int(long b)) {
            if (b == 0) {
                throw new InvalidInputException(SqlState.DIVISION_BY_ZERO, "division by zero");
            }
            return Value.of(b == -1 ? 0 : a % b);
        }
        return floats(l, r, "%", (a, b) -> a % b);
    }

    /**
     * Exponentiation: an integer to a non-negative integer power stays an integer (overflow is
     * an error); anything else is a float.
     */
    public static Value power(Value l, Value r) {
        if (l instanceof Value.Int(long a) && r instanceof Value.Int(long b) && b >= 0) {
            long result = 1;
            long base = a;
            long exp = b;
            try {
                while (exp > 0) {
                    if ((exp & 1) == 1) {
                        result = Math.multiplyExact(result, base);
                    }
                    exp >>= 1;
                    if (exp > 0) {
                        base = Math.multiplyExact(base, base);
                    }
                }
            } catch (ArithmeticException e) {
                throw overflow(a + " ^ " + b);
            }
            return Value.of(result);
        }
        return floats(l, r, "^", Math::pow);
    }

    public static Value negate(Value v) {
        return switch (v) {
            case Value.Null n -> Value.NULL;
            case Value.Int(long a) -> {
                if (a == Long.MIN_VALUE) {
                    throw overflow("-(" + a + ")");
                }
                yield Value.of(-a);
            }
            case Value.Float(double a) -> Value.of(-a);
            default -> throw mismatch("-", v);
        };
    }

    public static Value identity(Value v) {
        return switch (v) {
            case Value.Null n -> v;
            case Value.Int i -> v;
            case Value.Float f -> v;
            default -> throw mismatch("+", v);
        };
    }

    /** {@code n!} for a non-negative integer; overflow (beyond 20!) is an error. */
    public static Value factorial(Value v) {
        return switch (v) {
            case Value.Null n -> Value.NULL;
            case Value.Int(long a) -> {
                if (a < 0) {
                    throw new InvalidInputException(SqlState.INVALID_PARAMETER_VALUE, "factorial of a negative number: " + a);
                }
                long result = 1;
                try {
                    for (long i = 2; i <= a; i++) {
                        result = Math.multiplyExact(result, i);
                    }
                } catch (ArithmeticException e) {
                    throw overflow(a + "!");
                }
                yield Value.of(result);
            }
            default -> throw mismatch("!", v);
        };
    }

    /**
     * {@code ||}: strings joined; a non-string side is first written as text, as CAST writes it
     * (PostgreSQL's {@code text || anynonarray}); NULL on either side gives NULL.
     */
    public static Value concat(Value l, Value r) {
        if (l instanceof Value.Null || r instanceof Value.Null) {
            return Value.NULL;
        }
        if (!(l instanceof Value.Str) && !(r instanceof Value.Str)) {
            throw mismatch("||", l, r);
        }
        return string(((Value.Str) Casts.text(l)).value() + ((Value.Str) Casts.text(r)).value());
    }

    /** A string value, refused if longer than {@link DataType#MAX_STRING_BYTES} UTF-8 bytes. */
    public static Value string(String s) {
        checkLength(s);
        return Value.of(s);
    }

    /**
     * Refuses a string longer than {@link DataType#MAX_STRING_BYTES} UTF-8 bytes, or holding an
     * unpaired surrogate: such a string has no UTF-8 form, so storing it would store something
     * else (a question mark) and compare differently from what the user gave.
     */
    public static void checkLength(CharSequence s) {
        int length = s.length();
        // Each char is at most 3 UTF-8 bytes, so short strings need no encoding to be judged.
        long bytes = 0;
        boolean counted = length * 3 > DataType.MAX_STRING_BYTES;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    bytes += 4;
                    continue;
                }
                throw new InvalidInputException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, String.format("string holds an unpaired surrogate U+%04X at position %d, "
                        + "which is not a Unicode character", (int) c, i + 1));
            }
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        if (counted && bytes > DataType.MAX_STRING_BYTES) {
            throw new InvalidInputException(SqlState.STRING_DATA_RIGHT_TRUNCATION, "string of " + bytes + " bytes is longer than the limit of "
                    + DataType.MAX_STRING_BYTES + " bytes");
        }
    }

    public static Value not(Value v) {
        return switch (v) {
            case Value.Null n -> Value.NULL;
            case Value.Bool(boolean b) -> Value.of(!b);
            default -> throw mismatch("NOT", v);
        };
    }

    /** Three-valued AND: FALSE wins over NULL. */
    public static Value and(Value l, Value r) {
        if (l == Value.FALSE || r == Value.FALSE || l.equals(Value.FALSE) || r.equals(Value.FALSE)) {
            return Value.FALSE;
        }
        if (l instanceof Value.Null || r instanceof Value.Null) {
            return Value.NULL;
        }
        checkBool("AND", l, r);
        return Value.TRUE;
    }

    /** Three-valued OR: TRUE wins over NULL. */
    public static Value or(Value l, Value r) {
        if (l.equals(Value.TRUE) || r.equals(Value.TRUE)) {
            return Value.TRUE;
        }
        if (l instanceof Value.Null || r instanceof Value.Null) {
            return Value.NULL;
        }
        checkBool("OR", l, r);
        return Value.FALSE;
    }

    /**
     * SQL comparison: NULL if either side is NULL; otherwise the sign of l compared to r, or
     * empty-handed (NaN) as {@link Integer#MIN_VALUE}, which makes every comparison false.
     */
    public static int compare(Value l, Value r, String op) {
        return switch (l) {
            case Value.Bool(boolean a) when r instanceof Value.Bool(boolean b) -> Boolean.compare(a, b);
            case Value.Int(long a) when r instanceof Value.Int(long b) -> Long.compare(a, b);
            case Value.Int(long a) when r instanceof Value.Float(double b) -> ieee(a, b);
            case Value.Float(double a) when r instanceof Value.Int(long b) -> ieee(a, b);
            case Value.Float(double a) when r instanceof Value.Float(double b) -> ieee(a, b);
            case Value.Str(String a) when r instanceof Value.Str(String b) -> Integer.signum(ValueOrder.compareStrings(a, b));
            default -> throw mismatch(op, l, r);
        };
    }

    /** A comparison operator applied with three-valued logic. */
    public static Value compare(Value l, Value r, CompareOp op) {
        if (l instanceof Value.Null || r instanceof Value.Null) {
            return Value.NULL;
        }
        int c = compare(l, r, op.symbol());
        if (c == Integer.MIN_VALUE) {
            return Value.of(op == CompareOp.NOT_EQUAL);
        }
        return Value.of(switch (op) {
            case EQUAL -> c == 0;
            case NOT_EQUAL -> c != 0;
            case LESS -> c < 0;
            case LESS_OR_EQUAL -> c <= 0;
            case GREATER -> c > 0;
            case GREATER_OR_EQUAL -> c >= 0;
        });
    }

    /** The comparison operators. */
    public enum CompareOp {
        EQUAL("="), NOT_EQUAL("!="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

        private final String symbol;

        CompareOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /**
     * SQL {@code LIKE}: {@code %} matches any run of characters, {@code _} exactly one (one code
     * point: {@code '😀' LIKE '_'} is true), and a backslash makes the next character literal.
     * Matching is case-sensitive.
     */
    public static Value like(Value value, Value pattern) {
        return like(value, pattern, Value.of("\\"), false);
    }

    /**
     * LIKE and ILIKE with an escape character: {@code escape} is one character, or the empty
     * string for none. ILIKE folds case character by character. A pattern ending in the escape
     * character is an error, as in PostgreSQL. Runs in time proportional to the product of the
     * lengths at worst (no exponential backtracking on {@code '%a%a%a%b'}).
     */
    public static Value like(Value value, Value pattern, Value escape, boolean caseInsensitive) {
        if (value instanceof Value.Null || pattern instanceof Value.Null || escape instanceof Value.Null) {
            return Value.NULL;
        }
        if (value instanceof Value.Str(String s) && pattern instanceof Value.Str(String p)
                && escape instanceof Value.Str(String e)) {
            if (e.codePointCount(0, e.length()) > 1) {
                throw new InvalidInputException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string " + literal(escape) + ": it must be one character or empty");
            }
            int esc = e.isEmpty() ? -1 : e.codePointAt(0);
            return Value.of(likeMatch(fold(s.codePoints().toArray(), caseInsensitive), compile(p, esc, caseInsensitive)));
        }
        throw mismatch("LIKE", value, pattern);
    }

    private static final int ANY_ONE = -1;
    private static final int ANY_RUN = -2;

    /** A pattern as code points, with {@code _} as ANY_ONE and {@code %} as ANY_RUN. */
    private static int[] compile(String pattern, int escape, boolean fold) {
        int[] cps = pattern.codePoints().toArray();
        int[] out = new int[cps.length];
        int n = 0;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == escape) {
                if (++i == cps.length) {
                    throw new InvalidInputException(SqlState.INVALID_ESCAPE_SEQUENCE,
                            "LIKE pattern must not end with escape character");
                }
                out[n++] = fold ? fold(cps[i]) : cps[i];
            } else if (c == '%') {
                out[n++] = ANY_RUN;
            } else if (c == '_') {
                out[n++] = ANY_ONE;
            } else {
                out[n++] = fold ? fold(c) : c;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int[] fold(int[] cps, boolean fold) {
        if (fold) {
            for (int i = 0; i < cps.length; i++) {
                cps[i] = fold(cps[i]);
            }
        }
        return cps;
    }

    private static int fold(int c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /**
     * Wildcard matching that backtracks only to the last {@code %}: what a later {@code %}
     * matches makes earlier choices irrelevant, so one retry point suffices.
     */
    private static boolean likeMatch(int[] s, int[] p) {
        int si = 0;
        int pi = 0;
        int runAt = -1;
        int runFrom = 0;
        while (si < s.length) {
            if (pi < p.length && p[pi] != ANY_RUN && (p[pi] == ANY_ONE || p[pi] == s[si])) {
                si++;
                pi++;
            } else if (pi < p.length && p[pi] == ANY_RUN) {
                runAt = pi++;
                runFrom = si;
            } else if (runAt >= 0) {
                pi = runAt + 1;
                si = ++runFrom;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == ANY_RUN) {
            pi++;
        }
        return pi == p.length;
    }

    /**
     * {@code IS DISTINCT FROM}: like {@code !=}, but NULL is a value (two NULLs are not
     * distinct, NULL and 1 are), so the result is never NULL.
     */
    public static Value distinct(Value l, Value r) {
        boolean ln = l instanceof Value.Null;
        boolean rn = r instanceof Value.Null;
        if (ln || rn) {
            return Value.of(ln != rn);
        }
        return compare(l, r, CompareOp.NOT_EQUAL);
    }

    /** Whether a filter keeps a row: only TRUE does, NULL and FALSE drop it. */
    public static boolean truthy(Value v) {
        return v instanceof Value.Bool(boolean b) && b;
    }

    /** Coerces a value to a column's type on write: integers widen to float; nothing else converts. */
    public static Value coerce(Value v, DataType type, String column) {
        DataType actual = DataType.of(v);
        if (actual == DataType.NULL || actual == type) {
            return v;
        }
        if (type == DataType.FLOAT && v instanceof Value.Int(long i)) {
            return Value.of((double) i);
        }
        throw new InvalidInputException(SqlState.DATATYPE_MISMATCH, "column " + column + " is " + type + ", cannot store " + actual + " value " + literal(v));
    }

    /** A value as a SQL literal: strings quoted, floats with their IEEE names. */
    public static String literal(Value v) {
        return switch (v) {
            case Value.Str(String s) -> "'" + s.replace("'", "''") + "'";
            case Value.Float(double d) when Double.isNaN(d) -> "NaN";
            case Value.Float(double d) when Double.isInfinite(d) -> d > 0 ? "Infinity" : "-Infinity";
            default -> v.toString();
        };
    }

    private static int ieee(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Integer.MIN_VALUE;
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    private interface DoubleOp {
        double apply(double a, double b);
    }

    private static Value floats(Value l, Value r, String op, DoubleOp f) {
        if (l instanceof Value.Null || r instanceof Value.Null) {
            if (!(DataType.of(l).numeric() || l instanceof Value.Null) || !(DataType.of(r).numeric() || r instanceof Value.Null)) {
                throw mismatch(op, l, r);
            }
            return Value.NULL;
        }
        return Value.of(f.apply(toDouble(l, op, r), toDouble(r, op, l)));
    }

    private static double toDouble(Value v, String op, Value other) {
        return switch (v) {
            case Value.Int(long i) -> i;
            case Value.Float(double d) -> d;
            default -> throw mismatch(op, v, other);
        };
    }

    private static void checkBool(String op, Value l, Value r) {
        if (!(l instanceof Value.Bool) || !(r instanceof Value.Bool)) {
            throw mismatch(op, l, r);
        }
    }

    private static InvalidInputException overflow(String what) {
        return new InvalidInputException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer overflow in " + what);
    }

    private static InvalidInputException mismatch(String op, Value v) {
        return new InvalidInputException(SqlState.UNDEFINED_FUNCTION, "cannot apply " + op + " to " + DataType.of(v));
    }

    private static InvalidInputException mismatch(String op, Value l, Value r) {
        return new InvalidInputException(SqlState.UNDEFINED_FUNCTION, "cannot apply " + op + " to " + DataType.of(l) + " and " + DataType.of(r));
    }
}
