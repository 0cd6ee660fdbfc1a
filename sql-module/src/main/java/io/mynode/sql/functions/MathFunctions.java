package io.mynode.sql.functions;

import static io.mynode.sql.functions.Functions.fixed;
import static io.mynode.sql.functions.Functions.sameNumber;
import static io.mynode.sql.functions.ScalarFunction.strict;
import static io.mynode.sql.types.DataType.FLOAT;
import static io.mynode.sql.types.DataType.INTEGER;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.functions.ScalarFunction.Signature;
import io.mynode.sql.types.Casts;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Operators;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Numeric functions, with PostgreSQL's names and meanings: {@code abs sign ceil ceiling floor
 * round trunc mod div power pow sqrt cbrt exp ln log log10 pi random degrees radians sin cos tan
 * asin acos atan atan2 gcd lcm}. Functions of an INTEGER that PostgreSQL answers as NUMERIC
 * ({@code round}, {@code ceil}) answer INTEGER here; the transcendental ones answer FLOAT.
 * Arguments outside a function's domain ({@code sqrt(-1)}, {@code ln(0)}) are errors, as in
 * PostgreSQL, not NaN.
 */
final class MathFunctions {
    private MathFunctions() {}

    static void register(Functions.Registry r) {
        r.add("abs", 1, 1, sameNumber(), strict(a -> switch (a[0]) {
            case Value.Int(long i) when i == Long.MIN_VALUE -> throw new InvalidInputException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer overflow in abs(" + i + ")");
            case Value.Int(long i) -> Value.of(Math.abs(i));
            default -> Value.of(Math.abs(asDouble(a[0])));
        }));
        r.add("sign", 1, 1, sameNumber(), strict(a -> a[0] instanceof Value.Int(long i) ? Value.of((long) Long.signum(i))
                : Value.of(Math.signum(asDouble(a[0])))));
        r.add("ceil", 1, 1, sameNumber(), strict(a -> a[0] instanceof Value.Int ? a[0] : Value.of(Math.ceil(asDouble(a[0])))));
        r.alias("ceiling", "ceil");
        r.add("floor", 1, 1, sameNumber(), strict(a -> a[0] instanceof Value.Int ? a[0] : Value.of(Math.floor(asDouble(a[0])))));
        r.add("round", 1, 2, MathFunctions::roundType, strict(a -> round(a, false)));
        r.add("trunc", 1, 2, MathFunctions::roundType, strict(a -> round(a, true)));
        r.add("mod", 2, 2, (name, args) -> arithmetic(name, args), strict(a -> Operators.remainder(a[0], a[1])));
        r.add("div", 2, 2, (name, args) -> arithmetic(name, args), strict(a -> {
            if (a[0] instanceof Value.Int && a[1] instanceof Value.Int) {
                return Operators.divide(a[0], a[1]);
            }
            double y = asDouble(a[1]);
            if (y == 0) {
                throw new InvalidInputException(SqlState.DIVISION_BY_ZERO, "division by zero");
            }
            double q = asDouble(a[0]) / y;
            return Value.of(q < 0 ? Math.ceil(q) : Math.floor(q));
        }));
        r.add("power", 2, 2, fixed(FLOAT, FLOAT, FLOAT), strict(a -> Value.of(power(asDouble(a[0]), asDouble(a[1])))));
        r.alias("pow", "power");
        r.add("sqrt", 1, 1, fixed(FLOAT, FLOAT), strict(a -> {
            double x = asDouble(a[0]);
            if (x < 0) {
                throw new InvalidInputException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "cannot take square root of a negative number");
            }
            return Value.of(Math.sqrt(x));
        }));
        r.add("cbrt", 1, 1, fixed(FLOAT, FLOAT), unary(Math::cbrt));
        r.add("exp", 1, 1, fixed(FLOAT, FLOAT), strict(a -> {
            double e = Math.exp(asDouble(a[0]));
            if (Double.isInfinite(e) && !Double.isInfinite(asDouble(a[0]))) {
                throw new InvalidInputException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow in exp");
            }
            return Value.of(e);
        }));
        r.add("ln", 1, 1, fixed(FLOAT, FLOAT), strict(a -> Value.of(Math.log(logArgument(asDouble(a[0]))))));
        r.add("log10", 1, 1, fixed(FLOAT, FLOAT), strict(a -> Value.of(Math.log10(logArgument(asDouble(a[0]))))));
        r.add("log", 1, 2, fixed(FLOAT, FLOAT, FLOAT), strict(a -> {
            if (a.length == 1) {
                return Value.of(Math.log10(logArgument(asDouble(a[0]))));
            }
            double base = logArgument(asDouble(a[0]));
            if (base == 1) {
                throw new InvalidInputException(SqlState.DIVISION_BY_ZERO, "division by zero");
            }
            return Value.of(Math.log(logArgument(asDouble(a[1]))) / Math.log(base));
        }));
        r.add("pi", 0, 0, fixed(FLOAT), args -> Value.of(Math.PI));
        r.add(new ScalarFunction("random", 0, 0, fixed(FLOAT), args -> Value.of(ThreadLocalRandom.current().nextDouble()),
                false));
        r.add("degrees", 1, 1, fixed(FLOAT, FLOAT), unary(Math::toDegrees));
        r.add("radians", 1, 1, fixed(FLOAT, FLOAT), unary(Math::toRadians));
        r.add("sin", 1, 1, fixed(FLOAT, FLOAT), unary(Math::sin));
        r.add("cos", 1, 1, fixed(FLOAT, FLOAT), unary(Math::cos));
        r.add("tan", 1, 1, fixed(FLOAT, FLOAT), unary(Math::tan));
        r.add("asin", 1, 1, fixed(FLOAT, FLOAT), unary(x -> inverse("asin", x, Math::asin)));
        r.add("acos", 1, 1, fixed(FLOAT, FLOAT), unary(x -> inverse("acos", x, Math::acos)));
        r.add("atan", 1, 1, fixed(FLOAT, FLOAT), unary(Math::atan));
        r.add("atan2", 2, 2, fixed(FLOAT, FLOAT, FLOAT), strict(a -> Value.of(Math.atan2(asDouble(a[0]), asDouble(a[1])))));
        r.add("gcd", 2, 2, fixed(INTEGER, INTEGER, INTEGER), strict(a -> Value.of(gcd(asLong(a[0]), asLong(a[1])))));
        r.add("lcm", 2, 2, fixed(INTEGER, INTEGER, INTEGER), strict(a -> {
            long x = asLong(a[0]);
            long y = asLong(a[1]);
            if (x == 0 || y == 0) {
                return Value.of(0L);
            }
            try {
                return Value.of(Math.abs(Math.multiplyExact(x / gcd(x, y), y)));
            } catch (ArithmeticException e) {
                throw new InvalidInputException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer overflow in lcm(" + x + ", " + y + ")");
            }
        }));
    }

    /** ROUND and TRUNC: of an INTEGER an INTEGER, of a FLOAT a FLOAT; the places must be an INTEGER. */
    private static Signature roundType(String name, List<DataType> args) {
        DataType x = args.getFirst() == DataType.NULL ? DataType.INTEGER : args.getFirst();
        if (!x.numeric() || args.size() == 2 && args.get(1) != INTEGER && args.get(1) != DataType.NULL) {
            throw ScalarFunction.noSuchFunction(name, args, "(FLOAT [, INTEGER]) or (INTEGER [, INTEGER])");
        }
        return new Signature(args.size() == 2 ? List.of(x, INTEGER) : List.of(x), x);
    }

    /** MOD and DIV: as the operators, INTEGER with INTEGER stays INTEGER. */
    private static Signature arithmetic(String name, List<DataType> args) {
        DataType t = io.mynode.sql.types.Typing.arithmetic(name, args.get(0), args.get(1));
        if (t == DataType.NULL) {
            t = INTEGER;
        }
        return new Signature(List.of(t, t), t);
    }

    /**
     * Rounding half away from zero (PostgreSQL's rule for NUMERIC; its {@code double precision}
     * rounds half to even), or truncating toward zero, to {@code places} decimal places.
     */
    private static Value round(Value[] a, boolean truncate) {
        long places = a.length == 2 ? asLong(a[1]) : 0;
        if (a[0] instanceof Value.Int(long i)) {
            if (places >= 0) {
                return a[0];
            }
            if (places < -18) {
                return Value.of(0L);
            }
            long unit = 1;
            for (long p = places; p < 0; p++) {
                unit *= 10;
            }
            long down = i / unit * unit;
            long rest = Math.abs(i - down);
            if (!truncate && rest * 2 >= unit) {
                try {
                    down = Math.addExact(down, i < 0 ? -unit : unit);
                } catch (ArithmeticException e) {
                    throw new InvalidInputException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer overflow in round(" + i + ", " + places + ")");
                }
            }
            return Value.of(down);
        }
        double x = asDouble(a[0]);
        if (truncate) {
            if (places == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
                return Value.of(places == 0 ? (x < 0 ? Math.ceil(x) : Math.floor(x)) : x);
            }
            int p = (int) Math.max(-400, Math.min(400, places));
            return Value.of(new java.math.BigDecimal(Double.toString(x)).setScale(p, java.math.RoundingMode.DOWN)
                    .doubleValue());
        }
        return Value.of(places == 0 ? Casts.roundHalfAway(x) : Casts.round(x, places));
    }

    private static double power(double x, double y) {
        if (x == 0 && y < 0) {
            throw new InvalidInputException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "zero raised to a negative power is undefined");
        }
        if (x < 0 && y != Math.floor(y)) {
            throw new InvalidInputException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION, "a negative number raised to a non-integer power yields a complex result");
        }
        double r = Math.pow(x, y);
        if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
            throw new InvalidInputException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow in power");
        }
        return r;
    }

    private static double logArgument(double x) {
        if (x == 0) {
            throw new InvalidInputException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM, "cannot take logarithm of zero");
        }
        if (x < 0) {
            throw new InvalidInputException(SqlState.INVALID_ARGUMENT_FOR_LOGARITHM, "cannot take logarithm of a negative number");
        }
        return x;
    }

    private static double inverse(String name, double x, DoubleUnaryOperator f) {
        if (x < -1 || x > 1) {
            throw new InvalidInputException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range for " + name + ": " + Casts.text(x));
        }
        return f.applyAsDouble(x);
    }

    private static long gcd(long x, long y) {
        if (x == Long.MIN_VALUE || y == Long.MIN_VALUE) {
            throw new InvalidInputException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer overflow in gcd(" + x + ", " + y + ")");
        }
        x = Math.abs(x);
        y = Math.abs(y);
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return x;
    }

    private static ScalarFunction.Body unary(DoubleUnaryOperator f) {
        return strict(a -> Value.of(f.applyAsDouble(asDouble(a[0]))));
    }

    static double asDouble(Value v) {
        return switch (v) {
            case Value.Int(long i) -> i;
            case Value.Float(double d) -> d;
            default -> throw new InvalidInputException(SqlState.DATATYPE_MISMATCH, "expected a number, got " + Operators.literal(v));
        };
    }

    static long asLong(Value v) {
        if (v instanceof Value.Int(long i)) {
            return i;
        }
        throw new InvalidInputException(SqlState.DATATYPE_MISMATCH, "expected an integer, got " + Operators.literal(v));
    }
}
