package io.mynode.sql.types;

import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.sql.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Conversions between types: {@code CAST(x AS type)}, {@code x::type}, and the text forms that
 * {@code ||} and the string functions give non-string values. PostgreSQL's rules, except where
 * noted:
 *
 * <pre>
 *   from \ to   BOOLEAN        INTEGER              FLOAT          STRING
 *   BOOLEAN     -              TRUE 1, FALSE 0      (refused)      'true' / 'false'
 *   INTEGER     0 FALSE, else  -                    widened        decimal
 *   FLOAT       (refused)      rounded half away    -              shortest text that reads back
 *                              from zero; NaN, ±Inf                ('1', '0.1', '1e+20', 'NaN')
 *                              and overflow fail
 *   STRING      't' 'yes' 'on' digits with an       a decimal, 'NaN', -
 *               '1' ... (any   optional sign;       'Infinity', '-Infinity'
 *               case)          spaces around ok
 * </pre>
 *
 * A FLOAT becomes an INTEGER by rounding half away from zero ({@code CAST(2.5 AS INTEGER)} is
 * 3), as PostgreSQL rounds a NUMERIC such as the literal {@code 2.5}; PostgreSQL rounds a
 * {@code double precision} half to even instead. NULL casts to NULL of any type.
 */
public final class Casts {
    private Casts() {}

    /** Whether a value of {@code from} can be cast to {@code to} at all; checked at plan time. */
    public static boolean castable(DataType from, DataType to) {
        return from == to || from == DataType.NULL || to == DataType.STRING || from == DataType.STRING
                || from.numeric() && to.numeric()
                || (from == DataType.BOOLEAN && to == DataType.INTEGER) || (from == DataType.INTEGER && to == DataType.BOOLEAN);
    }

    /** The plan-time check of a cast: the target type, or an error naming both types. */
    public static DataType check(DataType from, DataType to) {
        if (!castable(from, to)) {
            throw new SemanticException(SqlState.DATATYPE_MISMATCH, "cannot cast type " + from + " to " + to);
        }
        return to;
    }

    /** Casts a value; a value the target cannot hold is an InvalidInputException. */
    public static Value cast(Value v, DataType to) {
        return switch (v) {
            case Value.Null n -> Value.NULL;
            case Value.Bool(boolean b) -> switch (to) {
                case BOOLEAN -> v;
                case INTEGER -> Value.of(b ? 1L : 0L);
                case STRING -> Value.of(b ? "true" : "false");
                default -> refuse(v, to);
            };
            case Value.Int(long i) -> switch (to) {
                case INTEGER -> v;
                case FLOAT -> Value.of((double) i);
                case BOOLEAN -> Value.of(i != 0);
                case STRING -> Value.of(Long.toString(i));
                default -> refuse(v, to);
            };
            case Value.Float(double d) -> switch (to) {
                case FLOAT -> v;
                case INTEGER -> Value.of(toLong(d));
                case STRING -> Value.of(text(d));
                default -> refuse(v, to);
            };
            case Value.Str(String s) -> switch (to) {
                case STRING -> v;
                case INTEGER -> Value.of(parseInteger(s));
                case FLOAT -> Value.of(parseFloat(s));
                case BOOLEAN -> Value.of(parseBoolean(s));
                default -> refuse(v, to);
            };
        };
    }

    /** A float rounded half away from zero to an integer; NaN, infinities and overflow are errors. */
    public static long toLong(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new InvalidInputException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "cannot convert " + text(d) + " to INTEGER");
        }
        double r = roundHalfAway(d);
        if (r < -0x1p63 || r >= 0x1p63) {
            throw new InvalidInputException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "INTEGER out of range: " + text(d));
        }
        return (long) r;
    }

    /**
     * A value as text, as {@code CAST(v AS STRING)} writes it. NULL stays NULL (callers decide
     * what NULL means for them).
     */
    public static Value text(Value v) {
        return cast(v, DataType.STRING);
    }

    /**
     * A float as PostgreSQL writes a {@code double precision}: the shortest decimal that reads
     * back as the same double, in plain notation for exponents from -4 to 14 and as
     * {@code 1.5e+20} / {@code 1e-05} outside them; {@code NaN}, {@code Infinity},
     * {@code -Infinity}; {@code -0}.
     */
    public static String text(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        // Java's Double.toString gives the shortest digits that round-trip (JDK 19+).
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= 15) {
            String digits = exact.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = String.format(Locale.ROOT, "%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
            return (d < 0 ? "-" : "") + mantissa + "e" + e;
        }
        return exact.toPlainString();
    }

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    /** PostgreSQL's integer input: an optional sign and digits, blanks around allowed. */
    public static long parseInteger(String s) {
        String t = s.strip();
        if (!INTEGER.matcher(t).matches()) {
            throw new InvalidInputException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type INTEGER: " + Operators.literal(Value.of(s)));
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value " + Operators.literal(Value.of(s))
                    + " is out of range for type INTEGER");
        }
    }

    /** PostgreSQL's float input: a decimal with an optional exponent, or NaN and the infinities. */
    public static double parseFloat(String s) {
        String t = s.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "infinity", "+infinity", "inf", "+inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-infinity", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
            }
        }
        if (!DECIMAL.matcher(t).matches()) {
            throw new InvalidInputException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type FLOAT: " + Operators.literal(Value.of(s)));
        }
        double d = Double.parseDouble(t);
        if (Double.isInfinite(d)) {
            throw new InvalidInputException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, Operators.literal(Value.of(s))
                    + " is out of range for type FLOAT");
        }
        return d;
    }

    /**
     * PostgreSQL's boolean input, any case, blanks around allowed: {@code true}, {@code yes},
     * {@code on}, {@code 1} and {@code false}, {@code no}, {@code off}, {@code 0}, or a prefix
     * of one that is not a prefix of the other side's ({@code t}, {@code ye}, {@code f}).
     */
    public static boolean parseBoolean(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
            if (t.equals("1") || t.equals("on") || "true".startsWith(t) || "yes".startsWith(t)) {
                return true;
            }
            if (t.equals("0") || t.equals("off") || t.equals("of") || "false".startsWith(t) || "no".startsWith(t)) {
                return false;
            }
        }
        throw new InvalidInputException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type BOOLEAN: " + Operators.literal(Value.of(s)));
    }

    /**
     * {@code d} rounded to an integer, half away from zero. (Not {@code floor(|d| + 0.5)}, whose
     * addition rounds 0.49999999999999994 up to 1.)
     */
    public static double roundHalfAway(double d) {
        double a = Math.abs(d);
        double f = Math.floor(a);
        if (a - f >= 0.5) {
            f += 1;
        }
        return Math.copySign(f, d);
    }

    /** {@code x} rounded to {@code places} decimal places (negative: tens, hundreds), half away from zero. */
    public static double round(double x, long places) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        int p = (int) Math.max(-400, Math.min(400, places));
        double r = new BigDecimal(Double.toString(x)).setScale(p, RoundingMode.HALF_UP).doubleValue();
        return r == 0 ? Math.copySign(0.0, x) : r;
    }

    private static Value refuse(Value v, DataType to) {
        throw new InvalidInputException(SqlState.DATATYPE_MISMATCH, "cannot cast " + DataType.of(v) + " value " + Operators.literal(v) + " to " + to);
    }
}
