package io.mynode.sql.parse;

import io.mynode.kernel.sql.Value;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Operators;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The abstract syntax tree the {@link Parser} produces: what the user wrote, with names not yet
 * resolved and types not yet checked (that is the planner's work). Every node is an immutable
 * record in a sealed hierarchy, so the planner handles each case exhaustively.
 */
public final class Ast {
    private Ast() {}

    /** A whole statement. */
    public sealed interface Statement permits CreateTable, DropTable, CreateIndex, DropIndex, Begin, Commit,
            Rollback, Insert, Update, Delete, Select, Explain {}

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

    /** {@code INSERT INTO table [(columns)] VALUES (...), ...}. */
    public record Insert(String table, Optional<List<String>> columns, List<List<Expr>> rows) implements Statement {}

    /** {@code UPDATE table SET column = expr, ... [WHERE]}; assignments in the order written. */
    public record Update(String table, List<Assignment> set, Optional<Expr> where) implements Statement {}

    public record Assignment(String column, Expr value) {}

    public record Delete(String table, Optional<Expr> where) implements Statement {}

    /** A query. */
    public record Select(boolean distinct, List<SelectItem> items, Optional<From> from, Optional<Expr> where,
            List<Expr> groupBy, Optional<Expr> having, List<OrderItem> orderBy, Optional<Expr> limit,
            Optional<Expr> offset) implements Statement {}

    public record Explain(Statement statement) implements Statement {}

    /** One item of a select list. */
    public sealed interface SelectItem permits AllColumns, ExprItem {}

    /** {@code *} or {@code table.*}. */
    public record AllColumns(Optional<String> table) implements SelectItem {}

    public record ExprItem(Expr expr, Optional<String> alias) implements SelectItem {}

    public record OrderItem(Expr expr, boolean descending) {}

    /** The FROM clause: a table, or a join of two. */
    public sealed interface From permits TableRef, Join {}

    public record TableRef(String table, Optional<String> alias) implements From {
        /** The name the rest of the query uses for this table. */
        public String name() {
            return alias.orElse(table);
        }
    }

    /** A join; {@code on} is empty for CROSS and comma joins. */
    public record Join(From left, From right, JoinType type, Optional<Expr> on) implements From {}

    public enum JoinType { INNER, LEFT, RIGHT, CROSS }

    /** An expression as written. */
    public sealed interface Expr permits Literal, Parameter, ColumnRef, Unary, Binary, Call, IsNull, Like, InList {}

    public record Literal(Value value) implements Expr {}

    /**
     * A parameter of a prepared statement, {@code ?} or {@code $n}: a value given at each
     * execution. {@code index} counts from 1; the {@code ?} of a statement are numbered in order.
     */
    public record Parameter(int index) implements Expr {}

    public record ColumnRef(Optional<String> table, String column) implements Expr {}

    public record Unary(UnaryOp op, Expr operand) implements Expr {}

    public record Binary(BinaryOp op, Expr left, Expr right) implements Expr {}

    /** A function call; only the aggregates exist. {@code star} is {@code COUNT(*)}. */
    public record Call(String name, List<Expr> args, boolean star) implements Expr {}

    public record IsNull(Expr operand, boolean negated) implements Expr {}

    public record Like(Expr operand, Expr pattern, boolean negated) implements Expr {}

    public record InList(Expr operand, List<Expr> list, boolean negated) implements Expr {}

    public enum UnaryOp {
        PLUS("+"), MINUS("-"), NOT("NOT "), FACTORIAL("!");

        public final String symbol;

        UnaryOp(String symbol) {
            this.symbol = symbol;
        }
    }

    public enum BinaryOp {
        OR("OR", 1), AND("AND", 2),
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
        return switch (e) {
            case Literal(Value v) -> Operators.literal(v);
            case Parameter(int index) -> "$" + index;
            case ColumnRef(Optional<String> t, String c) -> t.map(x -> x + ".").orElse("") + c;
            case Unary(UnaryOp op, Expr x) -> op == UnaryOp.FACTORIAL
                    ? wrap(x) + "!" : op.symbol + wrap(x);
            case Binary(BinaryOp op, Expr l, Expr r) -> wrap(l) + " " + op.symbol + " " + wrap(r);
            case Call(String name, List<Expr> args, boolean star) -> name + "("
                    + (star ? "*" : args.stream().map(Ast::format).collect(Collectors.joining(", "))) + ")";
            case IsNull(Expr x, boolean neg) -> wrap(x) + (neg ? " IS NOT NULL" : " IS NULL");
            case Like(Expr x, Expr p, boolean neg) -> wrap(x) + (neg ? " NOT LIKE " : " LIKE ") + wrap(p);
            case InList(Expr x, List<Expr> list, boolean neg) -> wrap(x) + (neg ? " NOT IN (" : " IN (")
                    + list.stream().map(Ast::format).collect(Collectors.joining(", ")) + ")";
        };
    }

    private static String wrap(Expr e) {
        return switch (e) {
            case Literal l -> format(e);
            case Parameter p -> format(e);
            case ColumnRef c -> format(e);
            case Call c -> format(e);
            default -> "(" + format(e) + ")";
        };
    }
}
