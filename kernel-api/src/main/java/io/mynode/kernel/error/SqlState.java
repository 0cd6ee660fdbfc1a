package io.mynode.kernel.error;

import java.util.regex.Pattern;

/**
 * A SQLSTATE: the five-character code that SQL (ISO 9075) and PostgreSQL give an error, so that
 * a program acts on {@code 40001} rather than on a message's wording. Every
 * {@link MynodeException} has one ({@link MynodeException#sqlState()}): the code its thrower
 * chose, or its {@link ErrorKind}'s default. The REPL prints it ({@code Error [40001]: ...}), the
 * JDBC driver puts it in {@code SQLException.getSQLState()} and picks the exception's subclass by
 * it, and the PostgreSQL protocol sends it in an ErrorResponse: one vocabulary for every client.
 *
 * <p>The first two characters are the class ({@code 23} integrity constraint, {@code 40}
 * transaction rollback, {@code 42} syntax or access rule, ...). The constants below are
 * PostgreSQL's codes for the errors mynode raises, with PostgreSQL's names; a code outside the
 * list is allowed (one crossing the wire from a newer node, say) as long as it is well formed.
 *
 * @param code five characters, each a digit or an upper-case ASCII letter
 */
public record SqlState(String code) {
    private static final Pattern WELL_FORMED = Pattern.compile("[0-9A-Z]{5}");

    public SqlState {
        if (code == null || !WELL_FORMED.matcher(code).matches()) {
            throw new IllegalArgumentException("a SQLSTATE is five digits or upper-case letters, not '" + code + "'");
        }
    }

    /** Whether {@code code} is a well-formed SQLSTATE; for decoders that fall back on bad input. */
    public static boolean wellFormed(String code) {
        return code != null && WELL_FORMED.matcher(code).matches();
    }

    /** The class: the first two characters, e.g. {@code 23} for every constraint violation. */
    public String errorClass() {
        return code.substring(0, 2);
    }

    @Override
    public String toString() {
        return code;
    }

    // ----- 08: connection exception (the client cannot reach a node, or lost it)
    public static final SqlState CONNECTION_EXCEPTION = new SqlState("08000");
    /** The client could not open a connection (no node reachable); nothing was sent. */
    public static final SqlState UNABLE_TO_CONNECT = new SqlState("08001");
    /** The connection or session was closed by the client. */
    public static final SqlState CONNECTION_DOES_NOT_EXIST = new SqlState("08003");
    /** The node cannot serve now (no leader, no quorum, shutting down); nothing took effect. */
    public static final SqlState CONNECTION_FAILURE = new SqlState("08006");
    /** The connection broke while a statement ran: it may or may not have taken effect. */
    public static final SqlState TRANSACTION_RESOLUTION_UNKNOWN = new SqlState("08007");
    /** The other side broke the wire protocol. */
    public static final SqlState PROTOCOL_VIOLATION = new SqlState("08P01");

    // ----- 0A: feature not supported
    public static final SqlState FEATURE_NOT_SUPPORTED = new SqlState("0A000");

    // ----- 21: cardinality violation (a scalar subquery returned more than one row)
    public static final SqlState CARDINALITY_VIOLATION = new SqlState("21000");

    // ----- 22: data exception (a value is wrong)
    public static final SqlState DATA_EXCEPTION = new SqlState("22000");
    public static final SqlState STRING_DATA_RIGHT_TRUNCATION = new SqlState("22001");
    public static final SqlState NUMERIC_VALUE_OUT_OF_RANGE = new SqlState("22003");
    public static final SqlState DIVISION_BY_ZERO = new SqlState("22012");
    public static final SqlState INVALID_PARAMETER_VALUE = new SqlState("22023");
    public static final SqlState INVALID_ROW_COUNT_IN_LIMIT_CLAUSE = new SqlState("2201W");
    public static final SqlState INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE = new SqlState("2201X");
    public static final SqlState INVALID_TEXT_REPRESENTATION = new SqlState("22P02");
    public static final SqlState CHARACTER_NOT_IN_REPERTOIRE = new SqlState("22021");
    public static final SqlState INVALID_ESCAPE_SEQUENCE = new SqlState("22025");
    public static final SqlState SUBSTRING_ERROR = new SqlState("22011");
    public static final SqlState INVALID_ARGUMENT_FOR_LOGARITHM = new SqlState("2201E");
    public static final SqlState INVALID_ARGUMENT_FOR_POWER_FUNCTION = new SqlState("2201F");

    // ----- 23: integrity constraint violation
    public static final SqlState INTEGRITY_CONSTRAINT_VIOLATION = new SqlState("23000");
    public static final SqlState NOT_NULL_VIOLATION = new SqlState("23502");
    public static final SqlState FOREIGN_KEY_VIOLATION = new SqlState("23503");
    public static final SqlState UNIQUE_VIOLATION = new SqlState("23505");

    // ----- 25: invalid transaction state
    public static final SqlState INVALID_TRANSACTION_STATE = new SqlState("25000");
    /** BEGIN inside a transaction. */
    public static final SqlState ACTIVE_SQL_TRANSACTION = new SqlState("25001");
    /** A write in a read-only transaction. */
    public static final SqlState READ_ONLY_SQL_TRANSACTION = new SqlState("25006");
    /** COMMIT or ROLLBACK outside a transaction. */
    public static final SqlState NO_ACTIVE_SQL_TRANSACTION = new SqlState("25P01");

    // ----- 26: invalid SQL statement name
    /** A prepared statement the session does not have. */
    public static final SqlState INVALID_SQL_STATEMENT_NAME = new SqlState("26000");

    // ----- 2B: dependent privilege descriptors still exist
    /** DROP of something another object depends on (a table a foreign key references). */
    public static final SqlState DEPENDENT_OBJECTS_STILL_EXIST = new SqlState("2BP01");

    // ----- 40: transaction rollback (retry the whole transaction)
    /** The transaction was rolled back (its connection was lost, say); retrying it is safe. */
    public static final SqlState TRANSACTION_ROLLBACK = new SqlState("40000");
    /** A serializable transaction conflicted with a concurrent commit; retry it from the start. */
    public static final SqlState SERIALIZATION_FAILURE = new SqlState("40001");

    // ----- 42: syntax error or access rule violation (the statement is wrong)
    public static final SqlState SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION = new SqlState("42000");
    /** A write to a column the database fills itself (a hidden row id). */
    public static final SqlState GENERATED_ALWAYS = new SqlState("428C9");
    public static final SqlState SYNTAX_ERROR = new SqlState("42601");
    public static final SqlState INSUFFICIENT_PRIVILEGE = new SqlState("42501");
    public static final SqlState DUPLICATE_COLUMN = new SqlState("42701");
    public static final SqlState AMBIGUOUS_COLUMN = new SqlState("42702");
    public static final SqlState UNDEFINED_COLUMN = new SqlState("42703");
    public static final SqlState UNDEFINED_OBJECT = new SqlState("42704");
    public static final SqlState DUPLICATE_OBJECT = new SqlState("42710");
    public static final SqlState GROUPING_ERROR = new SqlState("42803");
    public static final SqlState DATATYPE_MISMATCH = new SqlState("42804");
    public static final SqlState UNDEFINED_FUNCTION = new SqlState("42883");
    public static final SqlState INVALID_COLUMN_REFERENCE = new SqlState("42P10");
    public static final SqlState UNDEFINED_TABLE = new SqlState("42P01");
    public static final SqlState UNDEFINED_PARAMETER = new SqlState("42P02");
    public static final SqlState DUPLICATE_TABLE = new SqlState("42P07");
    public static final SqlState DUPLICATE_ALIAS = new SqlState("42712");
    /** A prepared statement's name (id) already in use in the session. */
    public static final SqlState DUPLICATE_PREPARED_STATEMENT = new SqlState("42P05");
    /** A CREATE TABLE that cannot make a table (no primary key, two of them, ...). */
    public static final SqlState INVALID_TABLE_DEFINITION = new SqlState("42P16");
    /** A parameter used as two different types. */
    public static final SqlState AMBIGUOUS_PARAMETER = new SqlState("42P08");
    /** A parameter whose type neither its context nor the client fixes. */
    public static final SqlState INDETERMINATE_DATATYPE = new SqlState("42P18");

    // ----- 53, 54: insufficient resources, program limit exceeded
    public static final SqlState OUT_OF_MEMORY = new SqlState("53200");
    public static final SqlState PROGRAM_LIMIT_EXCEEDED = new SqlState("54000");

    // ----- 57: operator intervention
    /** The statement was cancelled, by the client or by its timeout. */
    public static final SqlState QUERY_CANCELED = new SqlState("57014");

    // ----- 58: system error (outside the database)
    public static final SqlState IO_ERROR = new SqlState("58030");

    // ----- F0: configuration file error
    public static final SqlState CONFIG_FILE_ERROR = new SqlState("F0000");

    // ----- XX: internal error
    public static final SqlState INTERNAL_ERROR = new SqlState("XX000");
    public static final SqlState DATA_CORRUPTED = new SqlState("XX001");
}
