package io.mynode.sql.functions;

import static io.mynode.sql.functions.Functions.unified;

import io.mynode.kernel.sql.Value;
import io.mynode.sql.functions.ScalarFunction.Signature;
import io.mynode.sql.types.Operators;
import io.mynode.sql.types.Typing;
import io.mynode.sql.types.ValueOrder;
import java.util.List;

/**
 * NULL-handling and choosing functions: {@code coalesce nullif greatest least}. Their arguments
 * unify to one type as CASE branches do ({@code coalesce(int_col, 0.5)} is a FLOAT). COALESCE
 * evaluates its arguments left to right only until one is not NULL, so
 * {@code coalesce(1, 1 / 0)} is 1; GREATEST and LEAST skip NULLs and are NULL only if every
 * argument is, as in PostgreSQL.
 */
final class ConditionalFunctions {
    private ConditionalFunctions() {}

    static void register(Functions.Registry r) {
        r.add("coalesce", 1, Integer.MAX_VALUE, unified(), args -> {
            for (int i = 0; i < args.size(); i++) {
                Value v = args.get(i);
                if (!(v instanceof Value.Null)) {
                    return v;
                }
            }
            return Value.NULL;
        });
        r.add("nullif", 2, 2, ConditionalFunctions::nullifType, args -> {
            Value a = args.get(0);
            Value b = args.get(1);
            if (a instanceof Value.Null || b instanceof Value.Null) {
                return a;
            }
            return Operators.compare(a, b, Operators.CompareOp.EQUAL).equals(Value.TRUE) ? Value.NULL : a;
        });
        r.add("greatest", 1, Integer.MAX_VALUE, unified(), args -> extreme(args, 1));
        r.add("least", 1, Integer.MAX_VALUE, unified(), args -> extreme(args, -1));
    }

    /** NULLIF(a, b) is a's type; b need only be comparable with it. */
    private static Signature nullifType(String name, List<io.mynode.sql.types.DataType> args) {
        Typing.comparison("NULLIF", args.get(0), args.get(1));
        return new Signature(args, args.get(0));
    }

    private static Value extreme(ScalarFunction.Arguments args, int sign) {
        Value best = Value.NULL;
        for (int i = 0; i < args.size(); i++) {
            Value v = args.get(i);
            if (v instanceof Value.Null) {
                continue;
            }
            if (best instanceof Value.Null || Integer.signum(ValueOrder.INSTANCE.compare(v, best)) == sign) {
                best = v;
            }
        }
        return best;
    }
}
