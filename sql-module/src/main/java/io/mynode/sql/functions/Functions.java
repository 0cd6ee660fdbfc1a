package io.mynode.sql.functions;

import io.mynode.sql.functions.ScalarFunction.Body;
import io.mynode.sql.functions.ScalarFunction.Signature;
import io.mynode.sql.functions.ScalarFunction.Typer;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Typing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry of scalar functions, by lower-case name. Adding a function is one call in one of
 * the groups ({@link MathFunctions}, {@link StringFunctions}, {@link ConditionalFunctions}):
 *
 * <pre>
 *   r.add("sqrt", 1, 1, fixed(FLOAT, FLOAT), strict(a -&gt; Value.of(Math.sqrt(asDouble(a[0])))));
 * </pre>
 *
 * The typers below cover the common shapes; a function with odd typing writes its own.
 */
public final class Functions {
    private static final Map<String, ScalarFunction> ALL;

    static {
        Registry r = new Registry();
        MathFunctions.register(r);
        StringFunctions.register(r);
        ConditionalFunctions.register(r);
        ALL = Collections.unmodifiableMap(r.functions);
    }

    private Functions() {}

    /** The function called {@code name} (any case), if there is one. */
    public static Optional<ScalarFunction> find(String name) {
        return Optional.ofNullable(ALL.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Every function's name, sorted. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** Where the groups register their functions; a name may be registered once only. */
    static final class Registry {
        private final Map<String, ScalarFunction> functions = new TreeMap<>();

        void add(String name, int minArgs, int maxArgs, Typer typer, Body body) {
            add(new ScalarFunction(name, minArgs, maxArgs, typer, body, true));
        }

        void add(ScalarFunction f) {
            if (functions.put(f.name(), f) != null) {
                throw new IllegalStateException("function " + f.name() + " is registered twice");
            }
        }

        /** Another name for a registered function. */
        void alias(String alias, String name) {
            ScalarFunction f = functions.get(name);
            add(new ScalarFunction(alias, f.minArgs(), f.maxArgs(), f.typer(), f.body(), f.deterministic()));
        }
    }

    // ---- typers

    /**
     * Fixed parameter types: each argument must be of its parameter's type, or NULL, or an
     * INTEGER where a FLOAT is expected (it is widened).
     */
    static Typer fixed(DataType result, DataType... parameters) {
        return (name, args) -> {
            List<DataType> params = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                DataType p = parameters[Math.min(i, parameters.length - 1)];
                if (!Typing.assignable(args.get(i), p)) {
                    throw ScalarFunction.noSuchFunction(name, args, describe(parameters));
                }
                params.add(p);
            }
            return new Signature(params, result);
        };
    }

    /** One number in, the same type out (ABS, CEIL, SIGN): INTEGER stays INTEGER. */
    static Typer sameNumber() {
        return (name, args) -> {
            DataType t = args.getFirst();
            if (t == DataType.NULL) {
                t = DataType.INTEGER;
            }
            if (!t.numeric()) {
                throw ScalarFunction.noSuchFunction(name, args, "(INTEGER) or (FLOAT)");
            }
            return new Signature(List.of(t), t);
        };
    }

    /** Every argument converted to one unified type, which is the result (COALESCE, GREATEST). */
    static Typer unified() {
        return (name, args) -> {
            DataType t = Typing.unify(name.toUpperCase(java.util.Locale.ROOT), args);
            return new Signature(Collections.nCopies(args.size(), t), t);
        };
    }

    /** Arguments of any type, taken as they are; the result is {@code result}. */
    static Typer any(DataType result) {
        return (name, args) -> new Signature(List.copyOf(args), result);
    }

    private static String describe(DataType[] parameters) {
        List<String> names = new ArrayList<>();
        for (DataType p : parameters) {
            names.add(p.name());
        }
        return "(" + String.join(", ", names) + ")";
    }
}
