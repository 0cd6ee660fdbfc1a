package io.mynode.sql.types;

import io.mynode.kernel.error.SemanticException;
import io.mynode.kernel.error.SqlState;

/**
 * The plan-time type rules: what type an operator yields for its operand types, or a
 * {@link SemanticException} naming the operator and the types, so that {@code SELECT 'a' + 1}
 * fails before anything runs. {@link DataType#NULL} (a bare NULL literal) fits everywhere.
 */
public final class Typing {
    private Typing() {}

    /** {@code + - * / % ^}: numbers only; INTEGER with INTEGER stays INTEGER, else FLOAT. */
    public static DataType arithmetic(String op, DataType l, DataType r) {
        if (!(l.numeric() || l == DataType.NULL) || !(r.numeric() || r == DataType.NULL)) {
            throw mismatch(op, l, r);
        }
        if (l == DataType.FLOAT || r == DataType.FLOAT) {
            return DataType.FLOAT;
        }
        if (l == DataType.NULL && r == DataType.NULL) {
            return DataType.NULL;
        }
        // INTEGER ^ negative INTEGER is a FLOAT at run time; INTEGER is still the checked type.
        return DataType.INTEGER;
    }

    /** Unary {@code +} and {@code -}. */
    public static DataType sign(String op, DataType t) {
        if (!(t.numeric() || t == DataType.NULL)) {
            throw mismatch(op, t);
        }
        return t;
    }

    /**
     * SUM and AVG: a number, strictly; a bare NULL has no type to sum (PostgreSQL refuses it as
     * well).
     */
    public static DataType numeric(String op, DataType t) {
        if (!t.numeric()) {
            throw mismatch(op, t);
        }
        return t;
    }

    /** Postfix {@code !}: integers only. */
    public static DataType factorial(DataType t) {
        if (t != DataType.INTEGER && t != DataType.NULL) {
            throw mismatch("!", t);
        }
        return DataType.INTEGER;
    }

    /** {@code AND}, {@code OR}, {@code NOT}: booleans only. */
    public static DataType logical(String op, DataType... operands) {
        for (DataType t : operands) {
            if (t != DataType.BOOLEAN && t != DataType.NULL) {
                throw operands.length == 1 ? mismatch(op, t) : mismatch(op, operands[0], operands[1]);
            }
        }
        return DataType.BOOLEAN;
    }

    /** Comparisons: two numbers, two strings or two booleans. */
    public static DataType comparison(String op, DataType l, DataType r) {
        if (!comparable(l, r)) {
            throw mismatch(op, l, r);
        }
        return DataType.BOOLEAN;
    }

    /** Whether values of the two types can be compared (and so stored in one column). */
    public static boolean comparable(DataType l, DataType r) {
        return l == DataType.NULL || r == DataType.NULL || l == r || (l.numeric() && r.numeric());
    }

    /**
     * {@code ||}: two strings, or a string and a value of any type, which is written as text (as
     * in PostgreSQL); two non-strings are an error.
     */
    public static DataType concat(DataType l, DataType r) {
        if (l != DataType.STRING && l != DataType.NULL && r != DataType.STRING && r != DataType.NULL) {
            throw mismatch("||", l, r);
        }
        return DataType.STRING;
    }

    /** {@code LIKE}: strings only. */
    public static DataType strings(String op, DataType l, DataType r, DataType result) {
        if ((l != DataType.STRING && l != DataType.NULL) || (r != DataType.STRING && r != DataType.NULL)) {
            throw mismatch(op, l, r);
        }
        return result;
    }

    /**
     * The one type that values of all these types can take, for the branches of CASE, the
     * arguments of COALESCE, GREATEST and LEAST, the rows of VALUES and the columns of a UNION:
     * NULL fits any type, INTEGER with FLOAT is FLOAT, anything else must be the same type, or a
     * SemanticException names {@code what} and the two types that clash.
     */
    public static DataType unify(String what, java.util.List<DataType> types) {
        DataType result = DataType.NULL;
        for (DataType t : types) {
            if (t == DataType.NULL || t == result) {
                continue;
            }
            if (result == DataType.NULL) {
                result = t;
            } else if (result.numeric() && t.numeric()) {
                result = DataType.FLOAT;
            } else {
                throw new SemanticException(SqlState.DATATYPE_MISMATCH, what + " types " + result + " and " + t
                        + " cannot be matched");
            }
        }
        return result;
    }

    /** Whether a value of {@code from} may be stored in a column of {@code to}. */
    public static boolean assignable(DataType from, DataType to) {
        return from == DataType.NULL || from == to || (from == DataType.INTEGER && to == DataType.FLOAT);
    }

    public static SemanticException mismatch(String op, DataType t) {
        return new SemanticException(SqlState.UNDEFINED_FUNCTION, "cannot apply " + op + " to " + t);
    }

    public static SemanticException mismatch(String op, DataType l, DataType r) {
        return new SemanticException(SqlState.UNDEFINED_FUNCTION, "cannot apply " + op + " to " + l + " and " + r);
    }
}
