package io.mynode.kernel.sql;

/**
 * A SQL value as results carry it to clients. {@link #toString()} is the REPL's rendering:
 * {@code NULL}, {@code TRUE}, {@code FALSE}, integers in decimal, floats as Java prints doubles
 * ({@code NaN}, {@code Infinity}), strings as they are.
 */
public sealed interface Value permits Value.Null, Value.Bool, Value.Int, Value.Float, Value.Str {

    /** SQL's NULL: unknown. There is one instance, {@link #NULL}. */
    record Null() implements Value {
        @Override
        public String toString() {
            return "NULL";
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public String toString() {
            return value ? "TRUE" : "FALSE";
        }
    }

    /** A 64-bit signed integer. */
    record Int(long value) implements Value {
        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A 64-bit IEEE float. Equality is {@link Double#compare}'s: NaN equals NaN here. */
    record Float(double value) implements Value {
        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    /** A UTF-8 string of at most 1024 bytes. */
    record Str(String value) implements Value {
        @Override
        public String toString() {
            return value;
        }
    }

    Null NULL = new Null();
    Bool TRUE = new Bool(true);
    Bool FALSE = new Bool(false);

    static Value of(boolean b) {
        return b ? TRUE : FALSE;
    }

    static Value of(long v) {
        return new Int(v);
    }

    static Value of(double v) {
        return new Float(v);
    }

    static Value of(String v) {
        return v == null ? NULL : new Str(v);
    }
}
