package io.mynode.sql.functions;

import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.types.DataType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One scalar function: its name, how many arguments it takes, how its argument types decide its
 * result type (checked at plan time), and its body (run per row).
 *
 * @param deterministic false for functions such as {@code random()} whose calls the optimizer
 *     must not fold into a constant
 */
public record ScalarFunction(String name, int minArgs, int maxArgs, Typer typer, Body body, boolean deterministic) {

    /** The parameter types a call's arguments are converted to, and the result type. */
    public record Signature(List<DataType> parameters, DataType result) {}

    /** Decides a call's signature from its argument types, or throws a SemanticException. */
    @FunctionalInterface
    public interface Typer {
        Signature resolve(String name, List<DataType> arguments);
    }

    /** A call's arguments, each evaluated only when first asked for (COALESCE stops early). */
    public interface Arguments {
        int size();

        Value get(int i);
    }

    @FunctionalInterface
    public interface Body {
        Value apply(Arguments args);
    }

    /** The body of a strict function: never called with a NULL argument (the result is then NULL). */
    @FunctionalInterface
    public interface StrictBody {
        Value apply(Value[] args);
    }

    /** Wraps a strict body: NULL in any argument, NULL out, without calling it. */
    public static Body strict(StrictBody f) {
        return args -> {
            Value[] values = new Value[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = args.get(i);
                if (values[i] instanceof Value.Null) {
                    return Value.NULL;
                }
            }
            return f.apply(values);
        };
    }

    /** The signature of a call with these argument types; arity and types checked. */
    public Signature signature(List<DataType> arguments) {
        if (arguments.size() < minArgs || arguments.size() > maxArgs) {
            String takes = minArgs == maxArgs ? String.valueOf(minArgs)
                    : maxArgs == Integer.MAX_VALUE ? "at least " + minArgs : minArgs + " to " + maxArgs;
            throw new SemanticException(SqlState.UNDEFINED_FUNCTION, "function " + name + " takes " + takes + " argument"
                    + (minArgs == 1 && maxArgs == 1 ? "" : "s") + ", got " + arguments.size());
        }
        return typer.resolve(name, arguments);
    }

    /** The error for argument types a function has no version for. */
    public static SemanticException noSuchFunction(String name, List<DataType> arguments, String expected) {
        return new SemanticException(SqlState.UNDEFINED_FUNCTION, "function " + name + "("
                + arguments.stream().map(DataType::name).collect(Collectors.joining(", ")) + ") does not exist"
                + (expected.isEmpty() ? "" : "; it takes " + expected));
    }
}
