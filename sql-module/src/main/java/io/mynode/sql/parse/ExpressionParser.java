package io.mynode.sql.parse;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.SyntaxException;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.parse.Ast.BinaryOp;
import io.mynode.sql.parse.Ast.Expr;
import io.mynode.sql.parse.Ast.UnaryOp;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Operators;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Expressions, by precedence climbing (as toyDB's). Operator precedence, loosest first, follows
 * PostgreSQL: {@code OR}; {@code AND}; prefix {@code NOT}; {@code IS ...} (NULL, TRUE, FALSE,
 * UNKNOWN, DISTINCT FROM); comparisons (with {@code ANY}/{@code ALL} of a subquery);
 * {@code [NOT] LIKE, ILIKE, IN, BETWEEN}; {@code ||}; {@code + -}; {@code * / %}; {@code ^}
 * (right-associative); prefix {@code + -}; postfix {@code !}; {@code ::} casts.
 *
 * <p>Functions with keyword syntax ({@code SUBSTRING(s FROM a FOR b)}, {@code POSITION(a IN b)},
 * {@code TRIM(LEADING x FROM s)}) are parsed here into ordinary calls, so that the planner knows
 * one form only. Subqueries in expressions are handed to the {@link QueryParser}.
 */
final class ExpressionParser {
    private static final int NOT_PRECEDENCE = 3;
    private static final int IS_PRECEDENCE = 4;
    private static final int LIKE_PRECEDENCE = 6;
    private static final int PREFIX_PRECEDENCE = 11;

    /** How deeply expressions may nest, so that hostile input cannot overflow the stack. */
    static final int MAX_DEPTH = 200;

    /** How many operators one expression may chain ({@code a + b + ...}); an IN list has no limit. */
    static final int MAX_CHAIN = 1000;

    private final TokenStream in;
    private QueryParser queries;
    private int depth;

    /** How many {@code ?} were read, and the highest {@code $n}; a statement uses one style only. */
    private int questionMarks;
    private int highestDollar;

    ExpressionParser(TokenStream in) {
        this.in = in;
    }

    void queries(QueryParser queries) {
        this.queries = queries;
    }

    /**
     * How many parameters the statement has: the number of {@code ?}, or the highest {@code n}
     * of {@code $n} (a {@code $n} may be used more than once, or skipped).
     */
    int parameters() {
        return Math.max(questionMarks, highestDollar);
    }

    /** A whole expression. */
    Expr expression() {
        return expression(0);
    }

    /** An expression binding tighter than {@code minPrecedence}. */
    Expr expression(int minPrecedence) {
        if (++depth > MAX_DEPTH) {
            Token t = in.peek();
            throw Lexer.error(t.line(), t.column(), "an expression nested at most " + MAX_DEPTH + " deep",
                    "deeper nesting");
        }
        try {
            return climb(minPrecedence);
        } finally {
            depth--;
        }
    }

    /** Counts a level of nesting that is not an expression (a subquery), against the same limit. */
    <T> T nested(java.util.function.Supplier<T> parse) {
        if (++depth > MAX_DEPTH) {
            Token t = in.peek();
            throw Lexer.error(t.line(), t.column(), "an expression nested at most " + MAX_DEPTH + " deep",
                    "deeper nesting");
        }
        try {
            return parse.get();
        } finally {
            depth--;
        }
    }

    private Expr climb(int minPrecedence) {
        Expr left = prefix();
        int chain = 0;
        while (true) {
            Token t = in.peek();
            // Each operator taken here nests the tree one level deeper on the left.
            if (chain++ > MAX_CHAIN) {
                throw Lexer.error(t.line(), t.column(), "at most " + MAX_CHAIN + " operators in a row", "more");
            }
            if (t.is("IS") && IS_PRECEDENCE > minPrecedence) {
                in.next();
                left = is(left);
                continue;
            }
            if (LIKE_PRECEDENCE > minPrecedence && (likeLike(t) || (t.is("NOT") && likeLike(in.peek(1))))) {
                boolean negated = in.accept("NOT");
                left = likeInBetween(left, negated);
                continue;
            }
            if (t.isSymbol("!") && !in.peek(1).isSymbol("=")) {
                in.next();
                left = new Ast.Unary(UnaryOp.FACTORIAL, left);
                continue;
            }
            if (t.is("OVER")) {
                throw in.unsupported("window functions (OVER)");
            }
            Optional<BinaryOp> op = binaryOp(t);
            if (op.isEmpty() || op.get().precedence <= minPrecedence) {
                return left;
            }
            in.next();
            BinaryOp o = op.get();
            if (o.comparison().isPresent() && (in.peek().is("ANY") || in.peek().is("SOME") || in.peek().is("ALL"))) {
                boolean all = in.next().is("ALL");
                in.expectSymbol("(");
                if (!queries.startsQuery()) {
                    throw in.unsupported(o.symbol + (all ? " ALL" : " ANY") + " of anything but a subquery");
                }
                Ast.Query q = nested(queries::query);
                in.expectSymbol(")");
                left = new Ast.Quantified(left, o, all, q);
                continue;
            }
            // ^ is right-associative: its right side may contain another ^.
            int next = o == BinaryOp.POWER ? o.precedence - 1 : o.precedence;
            left = new Ast.Binary(o, left, expression(next));
        }
    }

    private static boolean likeLike(Token t) {
        return t.is("LIKE") || t.is("ILIKE") || t.is("IN") || t.is("BETWEEN");
    }

    /** After IS: {@code [NOT] NULL | TRUE | FALSE | UNKNOWN | DISTINCT FROM x}. */
    private Expr is(Expr left) {
        boolean negated = in.accept("NOT");
        if (in.accept("NULL")) {
            return new Ast.IsNull(left, negated);
        }
        if (in.accept("TRUE")) {
            return new Ast.IsTruth(left, Ast.Truth.TRUE, negated);
        }
        if (in.accept("FALSE")) {
            return new Ast.IsTruth(left, Ast.Truth.FALSE, negated);
        }
        if (in.acceptWord("unknown")) {
            return new Ast.IsTruth(left, Ast.Truth.UNKNOWN, negated);
        }
        if (in.accept("DISTINCT")) {
            in.expect("FROM");
            return new Ast.Binary(negated ? BinaryOp.IS_NOT_DISTINCT_FROM : BinaryOp.IS_DISTINCT_FROM, left,
                    expression(IS_PRECEDENCE));
        }
        throw in.expected("NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS");
    }

    private Expr likeInBetween(Expr left, boolean negated) {
        if (in.peek().is("LIKE") || in.peek().is("ILIKE")) {
            boolean insensitive = in.next().is("ILIKE");
            Expr pattern = expression(LIKE_PRECEDENCE);
            Optional<Expr> escape = in.acceptWord("escape") ? Optional.of(expression(LIKE_PRECEDENCE)) : Optional.empty();
            return new Ast.Like(left, pattern, negated, insensitive, escape);
        }
        if (in.accept("BETWEEN")) {
            boolean symmetric = in.accept("SYMMETRIC");
            if (!symmetric) {
                in.accept("ASYMMETRIC");
            }
            Expr low = expression(LIKE_PRECEDENCE);
            in.expect("AND");
            Expr high = expression(LIKE_PRECEDENCE);
            return new Ast.Between(left, low, high, negated, symmetric);
        }
        in.expect("IN");
        in.expectSymbol("(");
        if (queries.startsQuery()) {
            Ast.Query q = nested(queries::query);
            in.expectSymbol(")");
            return new Ast.InSubquery(left, q, negated);
        }
        List<Expr> list = new ArrayList<>();
        do {
            list.add(expression(0));
        } while (in.acceptSymbol(","));
        in.expectSymbol(")");
        return new Ast.InList(left, List.copyOf(list), negated);
    }

    private Expr prefix() {
        Token t = in.peek();
        if (t.is("NOT")) {
            in.next();
            return new Ast.Unary(UnaryOp.NOT, expression(NOT_PRECEDENCE - 1));
        }
        if (t.isSymbol("-") || t.isSymbol("+")) {
            in.next();
            // A minus sign before a number literal is part of it, so that the smallest
            // integer can be written.
            Token n = in.peek();
            if (t.isSymbol("-") && n.kind() == Token.Kind.INTEGER && n.text().equals("9223372036854775808")) {
                in.next();
                return casts(new Ast.Literal(Value.of(Long.MIN_VALUE)));
            }
            Expr operand = expression(PREFIX_PRECEDENCE - 1);
            return new Ast.Unary(t.isSymbol("-") ? UnaryOp.MINUS : UnaryOp.PLUS, operand);
        }
        return casts(atom());
    }

    /** Postfix {@code ::type} casts, which bind tighter than any operator. */
    private Expr casts(Expr e) {
        while (in.acceptSymbol("::")) {
            e = new Ast.Cast(e, dataType());
        }
        return e;
    }

    private Expr atom() {
        int start = in.mark();
        Token t = in.next();
        switch (t.kind()) {
            case INTEGER -> {
                return new Ast.Literal(Value.of(in.parseLong(t)));
            }
            case FLOAT -> {
                return new Ast.Literal(Value.of(Double.parseDouble(t.text())));
            }
            case STRING -> {
                try {
                    return new Ast.Literal(Operators.string(t.text()));
                } catch (InvalidInputException e) {
                    throw new SyntaxException("line " + t.line() + ", column " + t.column() + ": " + e.getMessage());
                }
            }
            case PARAMETER -> {
                return parameter(t);
            }
            case IDENTIFIER -> {
                if (in.peek().isSymbol("(")) {
                    return call(t.text());
                }
                if (in.acceptSymbol(".")) {
                    return new Ast.ColumnRef(Optional.of(t.text()), in.identifier("a column name"));
                }
                return new Ast.ColumnRef(Optional.empty(), t.text());
            }
            case KEYWORD -> {
                switch (t.text()) {
                    case "TRUE" -> {
                        return new Ast.Literal(Value.TRUE);
                    }
                    case "FALSE" -> {
                        return new Ast.Literal(Value.FALSE);
                    }
                    case "NULL" -> {
                        return new Ast.Literal(Value.NULL);
                    }
                    case "NAN" -> {
                        return new Ast.Literal(Value.of(Double.NaN));
                    }
                    case "INFINITY" -> {
                        return new Ast.Literal(Value.of(Double.POSITIVE_INFINITY));
                    }
                    case "DEFAULT" -> {
                        return new Ast.Default();
                    }
                    case "CASE" -> {
                        return caseExpression();
                    }
                    case "CAST" -> {
                        in.expectSymbol("(");
                        Expr operand = expression(0);
                        in.expect("AS");
                        DataType type = dataType();
                        in.expectSymbol(")");
                        return new Ast.Cast(operand, type);
                    }
                    case "EXISTS" -> {
                        in.expectSymbol("(");
                        if (!queries.startsQuery()) {
                            throw in.expected("a query after EXISTS (");
                        }
                        Ast.Query q = nested(queries::query);
                        in.expectSymbol(")");
                        return new Ast.Exists(q);
                    }
                    // LEFT and RIGHT are join keywords and, before a parenthesis, string functions.
                    case "LEFT", "RIGHT" -> {
                        if (in.peek().isSymbol("(")) {
                            return call(t.text().toLowerCase(Locale.ROOT));
                        }
                    }
                    default -> {
                    }
                }
            }
            case SYMBOL -> {
                if (t.text().equals("(")) {
                    if (queries.startsQuery()) {
                        Ast.Query q = nested(queries::query);
                        in.expectSymbol(")");
                        return new Ast.ScalarSubquery(q);
                    }
                    Expr e = expression(0);
                    in.expectSymbol(")");
                    return e;
                }
            }
            case END -> {
            }
        }
        in.reset(start);
        throw in.expected("an expression");
    }

    private Expr parameter(Token t) {
        if (t.text().equals("?")) {
            if (highestDollar > 0) {
                throw new SyntaxException("syntax error at line " + t.line() + ", column " + t.column()
                        + ": a statement numbers its parameters with ? or with $n, not both");
            }
            if (questionMarks == Lexer.MAX_PARAMETER) {
                throw new SyntaxException("syntax error at line " + t.line() + ", column " + t.column()
                        + ": more than " + Lexer.MAX_PARAMETER + " parameters");
            }
            return new Ast.Parameter(++questionMarks);
        }
        if (questionMarks > 0) {
            throw new SyntaxException("syntax error at line " + t.line() + ", column " + t.column()
                    + ": a statement numbers its parameters with ? or with $n, not both");
        }
        int n = Integer.parseInt(t.text().substring(1));
        highestDollar = Math.max(highestDollar, n);
        return new Ast.Parameter(n);
    }

    private Expr caseExpression() {
        Optional<Expr> operand = in.peek().is("WHEN") ? Optional.empty() : Optional.of(expression(0));
        List<Ast.When> whens = new ArrayList<>();
        while (in.accept("WHEN")) {
            Expr condition = expression(0);
            in.expect("THEN");
            whens.add(new Ast.When(condition, expression(0)));
        }
        if (whens.isEmpty()) {
            throw in.expected("WHEN");
        }
        Optional<Expr> otherwise = in.accept("ELSE") ? Optional.of(expression(0)) : Optional.empty();
        in.expect("END");
        return new Ast.Case(operand, List.copyOf(whens), otherwise);
    }

    private Expr call(String name) {
        in.expectSymbol("(");
        Expr call = switch (name) {
            case "substring" -> substring();
            case "position" -> position();
            case "trim" -> trim();
            case "extract", "overlay" -> throw in.unsupported(name.toUpperCase(Locale.ROOT));
            default -> null;
        };
        if (call != null) {
            in.expectSymbol(")");
            return call;
        }
        if (in.acceptSymbol("*")) {
            in.expectSymbol(")");
            return after(new Ast.Call(name, List.of(), true, false));
        }
        boolean distinct = in.accept("DISTINCT");
        if (!distinct) {
            in.accept("ALL");
        }
        List<Expr> args = new ArrayList<>();
        if (distinct || !in.peek().isSymbol(")")) {
            do {
                args.add(expression(0));
            } while (in.acceptSymbol(","));
        }
        if (in.peek().is("ORDER")) {
            throw in.unsupported("ORDER BY inside an aggregate call");
        }
        in.expectSymbol(")");
        return after(new Ast.Call(name, List.copyOf(args), false, distinct));
    }

    /** What may follow a call: FILTER and OVER are not built, and say so. */
    private Expr after(Ast.Call call) {
        if (in.peek().isWord("filter") && in.peek(1).isSymbol("(")) {
            throw in.unsupported("FILTER on an aggregate");
        }
        if (in.peek().is("OVER")) {
            throw in.unsupported("window functions (OVER)");
        }
        return call;
    }

    /** {@code SUBSTRING(s FROM a [FOR b])}, {@code SUBSTRING(s FOR b)} or {@code SUBSTRING(s, a [, b])}. */
    private Expr substring() {
        Expr s = expression(0);
        List<Expr> args = new ArrayList<>(List.of(s));
        if (in.accept("FROM")) {
            args.add(expression(0));
            if (in.accept("FOR")) {
                args.add(expression(0));
            }
        } else if (in.accept("FOR")) {
            args.add(new Ast.Literal(Value.of(1)));
            args.add(expression(0));
        } else {
            while (in.acceptSymbol(",")) {
                args.add(expression(0));
            }
        }
        return new Ast.Call("substring", List.copyOf(args), false);
    }

    /** {@code POSITION(needle IN haystack)}: the needle binds tighter than IN. */
    private Expr position() {
        Expr needle = expression(LIKE_PRECEDENCE);
        in.expect("IN");
        Expr haystack = expression(0);
        return new Ast.Call("position", List.of(needle, haystack), false);
    }

    /**
     * {@code TRIM([LEADING|TRAILING|BOTH] [chars] FROM s)}, {@code TRIM([BOTH] FROM s)} or
     * {@code TRIM(s [, chars])}, as {@code btrim}, {@code ltrim} or {@code rtrim} of (s, chars).
     */
    private Expr trim() {
        String function = "btrim";
        boolean side = true;
        if (in.accept("LEADING")) {
            function = "ltrim";
        } else if (in.accept("TRAILING")) {
            function = "rtrim";
        } else if (!in.accept("BOTH")) {
            side = false;
        }
        if (in.accept("FROM")) {
            return new Ast.Call(function, List.of(expression(0)), false);
        }
        Expr first = expression(0);
        if (in.accept("FROM")) {
            return new Ast.Call(function, List.of(expression(0), first), false);
        }
        if (side) {
            throw in.expected("FROM");
        }
        List<Expr> args = new ArrayList<>(List.of(first));
        while (in.acceptSymbol(",")) {
            args.add(expression(0));
        }
        return new Ast.Call(function, List.copyOf(args), false);
    }

    /** A type name, as in CREATE TABLE and CAST. */
    DataType dataType() {
        Token t = in.peek();
        DataType type = null;
        if (t.kind() == Token.Kind.KEYWORD) {
            type = switch (t.text()) {
                case "BOOL", "BOOLEAN" -> DataType.BOOLEAN;
                case "INT", "INTEGER", "BIGINT" -> DataType.INTEGER;
                case "FLOAT", "DOUBLE", "REAL" -> DataType.FLOAT;
                case "STRING", "VARCHAR", "TEXT" -> DataType.STRING;
                default -> null;
            };
        } else if (t.kind() == Token.Kind.IDENTIFIER && !t.quoted()) {
            // PostgreSQL's internal names, which clients and tools print.
            type = switch (t.text()) {
                case "smallint", "int2", "int4", "int8" -> DataType.INTEGER;
                case "float4", "float8" -> DataType.FLOAT;
                default -> null;
            };
        }
        if (type == null) {
            throw in.expected("a data type (BOOLEAN, INTEGER, FLOAT, STRING, VARCHAR or TEXT)");
        }
        in.next();
        if (t.is("DOUBLE")) {
            in.accept("PRECISION");
        }
        return type;
    }

    static Optional<BinaryOp> binaryOp(Token t) {
        if (t.is("AND")) {
            return Optional.of(BinaryOp.AND);
        }
        if (t.is("OR")) {
            return Optional.of(BinaryOp.OR);
        }
        if (t.kind() != Token.Kind.SYMBOL) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (t.text()) {
            case "=" -> BinaryOp.EQUAL;
            case "!=", "<>" -> BinaryOp.NOT_EQUAL;
            case "<" -> BinaryOp.LESS;
            case "<=" -> BinaryOp.LESS_OR_EQUAL;
            case ">" -> BinaryOp.GREATER;
            case ">=" -> BinaryOp.GREATER_OR_EQUAL;
            case "||" -> BinaryOp.CONCAT;
            case "+" -> BinaryOp.ADD;
            case "-" -> BinaryOp.SUBTRACT;
            case "*" -> BinaryOp.MULTIPLY;
            case "/" -> BinaryOp.DIVIDE;
            case "%" -> BinaryOp.REMAINDER;
            case "^" -> BinaryOp.POWER;
            default -> null;
        });
    }
}
