package io.mynode.sql.parse;

import io.mynode.kernel.sql.Value;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Operators;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The abstract syntax tree the {@link Parser} produces: what the user wrote, with names not yet
 * resolved and types not yet checked (that is the planner's work). Every node is an immutable
 * record in a sealed hierarchy, so the planner handles each case exhaustively.
 * {@link SqlText} renders any node back to SQL.
 */
public final class Ast {
    private Ast() {}

    /** A whole statement. */
    public sealed interface Statement permits CreateTable, DropTable, CreateIndex, DropIndex, Begin, Commit,
            Rollback, Insert, Update, Delete, Query, Explain {}

    /** {@code CREATE TABLE name (columns)}. */
    public record CreateTable(String name, List<ColumnDef> columns) implements Statement {}

    /**
     * One column of a {@code CREATE TABLE}.
     *
     * @param nullable empty when neither {@code NULL} nor {@code NOT NULL} was written
     */
    public record ColumnDef(String name, DataType type, boolean primaryKey, Optional<Boolean> nullable,
            Optional<Expr> defaultValue, boolean unique, boolean index, Optional<String> references) {}

    public record DropTable(String name, boolean ifExists) implements Statement {}

    public record CreateIndex(String name, String table, String column, boolean unique) implements Statement {}

    public record DropIndex(String name, boolean ifExists) implements Statement {}

    /** {@code BEGIN [READ ONLY | READ WRITE] [AS OF SYSTEM TIME n]}; AS OF implies READ ONLY. */
    public record Begin(boolean readOnly, OptionalLong asOf) implements Statement {}

    public record Commit() implements Statement {}

    public record Rollback() implements Statement {}

    /**
     * {@code INSERT INTO table [(columns)] source [ON CONFLICT ...] [RETURNING ...]}, where the
     * source is {@code VALUES (...), ...} or any query.
     */
    public record Insert(String table, Optional<List<String>> columns, Query source, Optional<OnConflict> onConflict,
            List<SelectItem> returning) implements Statement {
        public Insert {
            returning = List.copyOf(returning);
        }

        /** A plain {@code INSERT ... VALUES}. */
        public Insert(String table, Optional<List<String>> columns, List<List<Expr>> rows) {
            this(table, columns, new Values(rows, List.of(), Optional.empty(), Optional.empty()), Optional.empty(),
                    List.of());
        }
    }

    /**
     * {@code ON CONFLICT [(columns)] DO NOTHING} (an empty {@code update}) or
     * {@code DO UPDATE SET ... [WHERE ...]}; the target is empty when no columns were named.
     */
    public record OnConflict(List<String> target, Optional<List<Assignment>> update, Optional<Expr> where) {}

    /** {@code UPDATE table SET column = expr, ... [WHERE] [RETURNING]}; assignments in the order written. */
    public record Update(String table, List<Assignment> set, Optional<Expr> where, List<SelectItem> returning)
            implements Statement {
        public Update(String table, List<Assignment> set, Optional<Expr> where) {
            this(table, set, where, List.of());
        }
    }

    public record Assignment(String column, Expr value) {}

    public record Delete(String table, Optional<Expr> where, List<SelectItem> returning) implements Statement {
        public Delete(String table, Optional<Expr> where) {
            this(table, where, List.of());
        }
    }

    /**
     * Something that yields rows: a SELECT, a set operation of two queries, or VALUES. Each may
     * carry its own ORDER BY, LIMIT and OFFSET.
     */
    public sealed interface Query extends Statement permits Select, SetOperation, Values {
        List<OrderItem> orderBy();

        Optional<Expr> limit();

        Optional<Expr> offset();
    }

    /** A SELECT. */
    public record Select(boolean distinct, List<SelectItem> items, Optional<From> from, Optional<Expr> where,
            List<Expr> groupBy, Optional<Expr> having, List<OrderItem> orderBy, Optional<Expr> limit,
            Optional<Expr> offset) implements Query {}

    /** {@code left UNION|INTERSECT|EXCEPT [ALL] right}, then the ORDER BY and LIMIT of the whole. */
    public record SetOperation(SetOperator operator, boolean all, Query left, Query right, List<OrderItem> orderBy,
            Optional<Expr> limit, Optional<Expr> offset) implements Query {}

    public enum SetOperator { UNION, INTERSECT, EXCEPT }

    /** {@code VALUES (...), (...)} as a query; every row has the same number of expressions. */
    public record Values(List<List<Expr>> rows, List<OrderItem> orderBy, Optional<Expr> limit, Optional<Expr> offset)
            implements Query {}

    public record Explain(Statement statement) implements Statement {}

    /** One item of a select list. */
    public sealed interface SelectItem permits AllColumns, ExprItem {}

    /** {@code *} or {@code table.*}. */
    public record AllColumns(Optional<String> table) implements SelectItem {}

    public record ExprItem(Expr expr, Optional<String> alias) implements SelectItem {}

    /**
     * One ORDER BY key; {@code nullsFirst} is empty when not written (NULLs then sort as if
     * larger than every value: last ascending, first descending).
     */
    public record OrderItem(Expr expr, boolean descending, Optional<Boolean> nullsFirst) {
        public OrderItem(Expr expr, boolean descending) {
            this(expr, descending, Optional.empty());
        }
    }

    /** The FROM clause: a table, a subquery, or a join of two. */
    public sealed interface From permits TableRef, Join, Derived {}

    public record TableRef(String table, Optional<String> alias) implements From {
        /** The name the rest of the query uses for this table. */
        public String name() {
            return alias.orElse(table);
        }
    }

    /** A query in FROM, {@code (SELECT ...) AS alias [(column, ...)]}; the column names are optional. */
    public record Derived(Query query, String alias, List<String> columns) implements From {}

    /**
     * A join. {@code on} is empty for CROSS and comma joins, and for {@code USING} and
     * {@code NATURAL} ones, which name their equated columns instead ({@code natural}: every
     * column name the two sides share).
     */
    public record Join(From left, From right, JoinType type, Optional<Expr> on, List<String> using, boolean natural)
            implements From {
        public Join(From left, From right, JoinType type, Optional<Expr> on) {
            this(left, right, type, on, List.of(), false);
        }
    }

    public enum JoinType { INNER, LEFT, RIGHT, FULL, CROSS }

    /** An expression as written. */
    public sealed interface Expr permits Literal, Parameter, ColumnRef, Unary, Binary, Call, IsNull, IsTruth, Like,
            InList, Between, Case, Cast, ScalarSubquery, Exists, InSubquery, Quantified, Default {}

    public record Literal(Value value) implements Expr {}

    /**
     * A parameter of a prepared statement, {@code ?} or {@code $n}: a value given at each
     * execution. {@code index} counts from 1; the {@code ?} of a statement are numbered in order.
     */
    public record Parameter(int index) implements Expr {}

    public record ColumnRef(Optional<String> table, String column) implements Expr {}

    public record Unary(UnaryOp op, Expr operand) implements Expr {}

    public record Binary(BinaryOp op, Expr left, Expr right) implements Expr {}

    /**
     * A function call, scalar or aggregate. {@code star} is {@code COUNT(*)}; {@code distinct}
     * is {@code COUNT(DISTINCT x)}. Special-syntax functions arrive with ordinary arguments:
     * {@code SUBSTRING(s FROM a FOR b)} as {@code substring(s, a, b)}, {@code POSITION(a IN b)} as
     * {@code position(a, b)}, {@code TRIM(LEADING x FROM s)} as {@code ltrim(s, x)}.
     */
    public record Call(String name, List<Expr> args, boolean star, boolean distinct) implements Expr {
        public Call(String name, List<Expr> args, boolean star) {
            this(name, args, star, false);
        }
    }

    public record IsNull(Expr operand, boolean negated) implements Expr {}

    /** {@code IS [NOT] TRUE | FALSE | UNKNOWN}: never NULL itself. */
    public record IsTruth(Expr operand, Truth truth, boolean negated) implements Expr {}

    public enum Truth { TRUE, FALSE, UNKNOWN }

    /** {@code [NOT] LIKE | ILIKE pattern [ESCAPE e]}; without ESCAPE the escape character is backslash. */
    public record Like(Expr operand, Expr pattern, boolean negated, boolean caseInsensitive, Optional<Expr> escape)
            implements Expr {
        public Like(Expr operand, Expr pattern, boolean negated) {
            this(operand, pattern, negated, false, Optional.empty());
        }
    }

    public record InList(Expr operand, List<Expr> list, boolean negated) implements Expr {}

    /** {@code [NOT] BETWEEN [SYMMETRIC] low AND high}. */
    public record Between(Expr operand, Expr low, Expr high, boolean negated, boolean symmetric) implements Expr {}

    /**
     * {@code CASE [operand] WHEN ... THEN ... [ELSE ...] END}: with an operand each WHEN is a
     * value compared to it, without one each WHEN is a condition.
     */
    public record Case(Optional<Expr> operand, List<When> whens, Optional<Expr> otherwise) implements Expr {}

    public record When(Expr condition, Expr result) {}

    /** {@code CAST(operand AS type)} or {@code operand::type}. */
    public record Cast(Expr operand, DataType type) implements Expr {}

    /** {@code (SELECT ...)} used as a value: one column, at most one row. */
    public record ScalarSubquery(Query query) implements Expr {}

    public record Exists(Query query) implements Expr {}

    public record InSubquery(Expr operand, Query query, boolean negated) implements Expr {}

    /** {@code operand op ANY|SOME|ALL (SELECT ...)}. */
    public record Quantified(Expr operand, BinaryOp op, boolean all, Query query) implements Expr {}

    /** The keyword {@code DEFAULT} as a value: the column's default, in INSERT VALUES and UPDATE SET only. */
    public record Default() implements Expr {}

    public enum UnaryOp {
        PLUS("+"), MINUS("-"), NOT("NOT "), FACTORIAL("!");

        public final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }
    }

    public enum BinaryOp {
        OR("OR", 1), AND("AND", 2),
        IS_DISTINCT_FROM("IS DISTINCT FROM", 4), IS_NOT_DISTINCT_FROM("IS NOT DISTINCT FROM", 4),
        EQUAL("=", 5), NOT_EQUAL("!=", 5), LESS("<", 5), LESS_OR_EQUAL("<=", 5), GREATER(">", 5),
        GREATER_OR_EQUAL(">=", 5),
        CONCAT("||", 7), ADD("+", 8), SUBTRACT("-", 8), MULTIPLY("*", 9), DIVIDE("/", 9), REMAINDER("%", 9),
        POWER("^", 10);

        public final String symbol;
        public final int precedence;

        BinaryOp(String symbol, int precedence) {
            this.symbol = symbol;
            this.precedence = precedence;
        }

        /** The comparison this operator is, if it is one. */
        public Optional<Operators.CompareOp> comparison() {
            return Optional.ofNullable(switch (this) {
                case EQUAL -> Operators.CompareOp.EQUAL;
                case NOT_EQUAL -> Operators.CompareOp.NOT_EQUAL;
                case LESS -> Operators.CompareOp.LESS;
                case LESS_OR_EQUAL -> Operators.CompareOp.LESS_OR_EQUAL;
                case GREATER -> Operators.CompareOp.GREATER;
                case GREATER_OR_EQUAL -> Operators.CompareOp.GREATER_OR_EQUAL;
                default -> null;
            });
        }
    }

    /** Renders an expression back to SQL, fully parenthesised where precedence needs it. */
    public static String format(Expr e) {
        return SqlText.expression(e);
    }
}
