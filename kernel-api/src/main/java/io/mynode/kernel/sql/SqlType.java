package io.mynode.kernel.sql;

/**
 * The type of a result column or a statement parameter, as a client sees it. There is one per
 * kind of {@link Value}, plus {@link #NULL} for what has no type of its own (the column of
 * {@code SELECT NULL}). Closed, so that every client maps every type.
 *
 * <p>How the clients name them (the JDBC driver's {@code java.sql.Types}, the PostgreSQL
 * protocol's type OIDs):
 *
 * <pre>
 *   SqlType   values           JDBC type       Java class         PostgreSQL type (OID)
 *   BOOLEAN   TRUE, FALSE      BOOLEAN         Boolean            bool   (16)
 *   INTEGER   64-bit signed    BIGINT          Long               int8   (20)
 *   FLOAT     64-bit IEEE 754  DOUBLE          Double             float8 (701)
 *   STRING    UTF-8 text       VARCHAR         String             text   (25)
 *   NULL      only NULL        NULL            (none)             text   (25), as PostgreSQL
 *                                                                 resolves an untyped literal
 * </pre>
 */
public enum SqlType {
    BOOLEAN, INTEGER, FLOAT, STRING, NULL;

    /** The type of {@code value}: its kind. */
    public static SqlType of(Value value) {
        return switch (value) {
            case Value.Null n -> NULL;
            case Value.Bool b -> BOOLEAN;
            case Value.Int i -> INTEGER;
            case Value.Float f -> FLOAT;
            case Value.Str s -> STRING;
        };
    }

    /**
     * Whether a value of this type may be given where {@code target} is expected, unchanged or
     * widened: the same type, NULL for anything, or an INTEGER where a FLOAT is expected.
     */
    public boolean assignableTo(SqlType target) {
        return this == target || this == NULL || (this == INTEGER && target == FLOAT);
    }
}
