package io.mynode.sql.parse;

import io.mynode.kernel.error.SyntaxException;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.parse.Ast.BinaryOp;
import io.mynode.sql.parse.Ast.Expr;
import io.mynode.sql.parse.Ast.Statement;
import io.mynode.sql.parse.Ast.UnaryOp;
import io.mynode.sql.types.DataType;
import io.mynode.sql.types.Operators;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A recursive-descent parser with precedence climbing for expressions (as toyDB's), producing
 * one {@link Statement}. A syntax error names the line, the column and what was expected.
 *
 * <p>Operator precedence, loosest first, follows PostgreSQL: {@code OR}; {@code AND};
 * prefix {@code NOT}; {@code IS [NOT] NULL}; comparisons; {@code LIKE}, {@code IN};
 * {@code ||}; {@code + -}; {@code * / %}; {@code ^} (right-associative); prefix {@code + -};
 * postfix {@code !}.
 */
public final class Parser {
    private static final int NOT_PRECEDENCE = 3;
    private static final int IS_PRECEDENCE = 4;
    private static final int LIKE_PRECEDENCE = 6;
    private static final int PREFIX_PRECEDENCE = 11;

    /** How deeply expressions may nest, so that hostile input cannot overflow the stack. */
    static final int MAX_DEPTH = 200;

    /** How many operators one expression may chain ({@code a + b + ...}); an IN list has no limit. */
    static final int MAX_CHAIN = 1000;

    private final List<Token> tokens;
    private int pos;
    private int depth;
    /** How many {@code ?} were read, and the highest {@code $n}; a statement uses one style only. */
    private int questionMarks;
    private int highestDollar;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses exactly one statement, optionally followed by a semicolon. */
    public static Statement parse(String sql) {
        return parsed(sql).statement();
    }

    /**
     * A parsed statement and how many parameters it has: the number of {@code ?}, or the highest
     * {@code n} of {@code $n} (a {@code $n} may be used more than once, or skipped).
     */
    public record Parsed(Statement statement, int parameters) {}

    /** Parses exactly one statement, optionally followed by a semicolon, counting its parameters. */
    public static Parsed parsed(String sql) {
        Parser p = new Parser(Lexer.tokenize(sql));
        Statement s = p.statement();
        p.acceptSymbol(";");
        if (p.peek().kind() != Token.Kind.END) {
            throw p.expected("end of statement");
        }
        return new Parsed(s, Math.max(p.questionMarks, p.highestDollar));
    }

    /** Parses a single expression, for tests and defaults. */
    public static Expr parseExpression(String sql) {
        Parser p = new Parser(Lexer.tokenize(sql));
        Expr e = p.expression(0);
        if (p.peek().kind() != Token.Kind.END) {
            throw p.expected("end of expression");
        }
        return e;
    }

    private Statement statement() {
        Token t = peek();
        if (t.kind() != Token.Kind.KEYWORD) {
            throw expected("a statement");
        }
        return switch (t.text()) {
            case "SELECT" -> select();
            case "INSERT" -> insert();
            case "UPDATE" -> update();
            case "DELETE" -> delete();
            case "CREATE" -> create();
            case "DROP" -> drop();
            case "BEGIN" -> begin();
            case "COMMIT" -> {
                next();
                yield new Ast.Commit();
            }
            case "ROLLBACK" -> {
                next();
                yield new Ast.Rollback();
            }
            case "EXPLAIN" -> {
                next();
                Token inner = peek();
                if (!(inner.is("SELECT") || inner.is("INSERT") || inner.is("UPDATE") || inner.is("DELETE"))) {
                    throw expected("SELECT, INSERT, UPDATE or DELETE after EXPLAIN");
                }
                yield new Ast.Explain(statement());
            }
            default -> throw expected("a statement");
        };
    }

    private Statement begin() {
        expect("BEGIN");
        accept("TRANSACTION");
        boolean readOnly = false;
        if (accept("READ")) {
            if (accept("ONLY")) {
                readOnly = true;
            } else if (!accept("WRITE")) {
                throw expected("ONLY or WRITE");
            }
        }
        OptionalLong asOf = OptionalLong.empty();
        if (accept("AS")) {
            expect("OF");
            expect("SYSTEM");
            expect("TIME");
            Token n = peek();
            if (n.kind() != Token.Kind.INTEGER) {
                throw expected("a version number");
            }
            next();
            asOf = OptionalLong.of(parseLong(n));
            readOnly = true;
        }
        return new Ast.Begin(readOnly, asOf);
    }

    private Statement create() {
        expect("CREATE");
        if (accept("TABLE")) {
            String name = identifier("a table name");
            expectSymbol("(");
            List<Ast.ColumnDef> columns = new ArrayList<>();
            do {
                columns.add(columnDef());
            } while (acceptSymbol(","));
            expectSymbol(")");
            return new Ast.CreateTable(name, columns);
        }
        boolean unique = accept("UNIQUE");
        if (!accept("INDEX")) {
            throw expected(unique ? "INDEX" : "TABLE, INDEX or UNIQUE INDEX");
        }
        String name = identifier("an index name");
        expect("ON");
        String table = identifier("a table name");
        expectSymbol("(");
        String column = identifier("a column name");
        expectSymbol(")");
        return new Ast.CreateIndex(name, table, column, unique);
    }

    private Ast.ColumnDef columnDef() {
        String name = identifier("a column name");
        DataType type = dataType();
        boolean primaryKey = false;
        Optional<Boolean> nullable = Optional.empty();
        Optional<Expr> defaultValue = Optional.empty();
        boolean unique = false;
        boolean index = false;
        Optional<String> references = Optional.empty();
        Set<String> seen = new HashSet<>();
        while (true) {
            Token t = peek();
            String constraint;
            if (accept("PRIMARY")) {
                expect("KEY");
                constraint = "PRIMARY KEY";
                primaryKey = true;
            } else if (accept("NOT")) {
                expect("NULL");
                constraint = "NULL";
                nullable = Optional.of(false);
            } else if (accept("NULL")) {
                constraint = "NULL";
                nullable = Optional.of(true);
            } else if (accept("DEFAULT")) {
                constraint = "DEFAULT";
                defaultValue = Optional.of(expression(0));
            } else if (accept("UNIQUE")) {
                constraint = "UNIQUE";
                unique = true;
            } else if (accept("INDEX")) {
                constraint = "INDEX";
                index = true;
            } else if (accept("REFERENCES")) {
                constraint = "REFERENCES";
                references = Optional.of(identifier("a table name"));
            } else {
                break;
            }
            if (!seen.add(constraint)) {
                throw Lexer.error(t.line(), t.column(), "each constraint at most once per column",
                        "a second " + (constraint.equals("NULL") ? "NULL or NOT NULL" : constraint));
            }
        }
        return new Ast.ColumnDef(name, type, primaryKey, nullable, defaultValue, unique, index, references);
    }

    private DataType dataType() {
        Token t = peek();
        if (t.kind() == Token.Kind.KEYWORD) {
            DataType type = switch (t.text()) {
                case "BOOL", "BOOLEAN" -> DataType.BOOLEAN;
                case "INT", "INTEGER", "BIGINT" -> DataType.INTEGER;
                case "FLOAT", "DOUBLE", "REAL" -> DataType.FLOAT;
                case "STRING", "VARCHAR", "TEXT" -> DataType.STRING;
                default -> null;
            };
            if (type != null) {
                next();
                if (t.is("DOUBLE")) {
                    accept("PRECISION");
                }
                return type;
            }
        }
        throw expected("a data type (BOOLEAN, INTEGER, FLOAT, STRING, VARCHAR or TEXT)");
    }

    private Statement drop() {
        expect("DROP");
        boolean table;
        if (accept("TABLE")) {
            table = true;
        } else if (accept("INDEX")) {
            table = false;
        } else {
            throw expected("TABLE or INDEX");
        }
        boolean ifExists = false;
        if (accept("IF")) {
            expect("EXISTS");
            ifExists = true;
        }
        String name = identifier(table ? "a table name" : "an index name");
        return table ? new Ast.DropTable(name, ifExists) : new Ast.DropIndex(name, ifExists);
    }

    private Statement insert() {
        expect("INSERT");
        expect("INTO");
        String table = identifier("a table name");
        Optional<List<String>> columns = Optional.empty();
        if (acceptSymbol("(")) {
            List<String> names = new ArrayList<>();
            do {
                names.add(identifier("a column name"));
            } while (acceptSymbol(","));
            expectSymbol(")");
            columns = Optional.of(List.copyOf(names));
        }
        expect("VALUES");
        List<List<Expr>> rows = new ArrayList<>();
        do {
            expectSymbol("(");
            List<Expr> row = new ArrayList<>();
            do {
                row.add(expression(0));
            } while (acceptSymbol(","));
            expectSymbol(")");
            rows.add(List.copyOf(row));
        } while (acceptSymbol(","));
        return new Ast.Insert(table, columns, List.copyOf(rows));
    }

    private Statement update() {
        expect("UPDATE");
        String table = identifier("a table name");
        expect("SET");
        List<Ast.Assignment> set = new ArrayList<>();
        do {
            String column = identifier("a column name");
            expectSymbol("=");
            set.add(new Ast.Assignment(column, expression(0)));
        } while (acceptSymbol(","));
        Optional<Expr> where = accept("WHERE") ? Optional.of(expression(0)) : Optional.empty();
        return new Ast.Update(table, List.copyOf(set), where);
    }

    private Statement delete() {
        expect("DELETE");
        expect("FROM");
        String table = identifier("a table name");
        Optional<Expr> where = accept("WHERE") ? Optional.of(expression(0)) : Optional.empty();
        return new Ast.Delete(table, where);
    }

    private Statement select() {
        expect("SELECT");
        boolean distinct = accept("DISTINCT");
        if (!distinct) {
            accept("ALL");
        }
        List<Ast.SelectItem> items = new ArrayList<>();
        do {
            items.add(selectItem());
        } while (acceptSymbol(","));
        Optional<Ast.From> from = accept("FROM") ? Optional.of(from()) : Optional.empty();
        Optional<Expr> where = accept("WHERE") ? Optional.of(expression(0)) : Optional.empty();
        List<Expr> groupBy = new ArrayList<>();
        if (accept("GROUP")) {
            expect("BY");
            do {
                groupBy.add(expression(0));
            } while (acceptSymbol(","));
        }
        Optional<Expr> having = accept("HAVING") ? Optional.of(expression(0)) : Optional.empty();
        List<Ast.OrderItem> orderBy = new ArrayList<>();
        if (accept("ORDER")) {
            expect("BY");
            do {
                Expr e = expression(0);
                boolean desc = false;
                if (accept("DESC")) {
                    desc = true;
                } else {
                    accept("ASC");
                }
                orderBy.add(new Ast.OrderItem(e, desc));
            } while (acceptSymbol(","));
        }
        Optional<Expr> limit = Optional.empty();
        Optional<Expr> offset = Optional.empty();
        // PostgreSQL takes LIMIT and OFFSET in either order.
        for (int i = 0; i < 2; i++) {
            if (limit.isEmpty() && accept("LIMIT")) {
                limit = Optional.of(expression(0));
            } else if (offset.isEmpty() && accept("OFFSET")) {
                offset = Optional.of(expression(0));
            }
        }
        return new Ast.Select(distinct, List.copyOf(items), from, where, List.copyOf(groupBy), having,
                List.copyOf(orderBy), limit, offset);
    }

    private Ast.SelectItem selectItem() {
        if (acceptSymbol("*")) {
            return new Ast.AllColumns(Optional.empty());
        }
        if (peek().kind() == Token.Kind.IDENTIFIER && peek(1).isSymbol(".") && peek(2).isSymbol("*")) {
            String table = next().text();
            next();
            next();
            return new Ast.AllColumns(Optional.of(table));
        }
        Expr e = expression(0);
        Optional<String> alias = Optional.empty();
        if (accept("AS")) {
            alias = Optional.of(identifier("a column alias"));
        } else if (peek().kind() == Token.Kind.IDENTIFIER) {
            alias = Optional.of(next().text());
        }
        return new Ast.ExprItem(e, alias);
    }

    private Ast.From from() {
        Ast.From left = tableRef();
        while (true) {
            if (acceptSymbol(",")) {
                left = new Ast.Join(left, tableRef(), Ast.JoinType.CROSS, Optional.empty());
                continue;
            }
            Ast.JoinType type;
            if (accept("CROSS")) {
                expect("JOIN");
                left = new Ast.Join(left, tableRef(), Ast.JoinType.CROSS, Optional.empty());
                continue;
            } else if (accept("JOIN")) {
                type = Ast.JoinType.INNER;
            } else if (accept("INNER")) {
                expect("JOIN");
                type = Ast.JoinType.INNER;
            } else if (accept("LEFT")) {
                accept("OUTER");
                expect("JOIN");
                type = Ast.JoinType.LEFT;
            } else if (accept("RIGHT")) {
                accept("OUTER");
                expect("JOIN");
                type = Ast.JoinType.RIGHT;
            } else {
                return left;
            }
            Ast.From right = tableRef();
            expect("ON");
            left = new Ast.Join(left, right, type, Optional.of(expression(0)));
        }
    }

    private Ast.TableRef tableRef() {
        String table = identifier("a table name");
        Optional<String> alias = Optional.empty();
        if (accept("AS")) {
            alias = Optional.of(identifier("a table alias"));
        } else if (peek().kind() == Token.Kind.IDENTIFIER) {
            alias = Optional.of(next().text());
        }
        return new Ast.TableRef(table, alias);
    }

    /** Precedence climbing: parses operators binding tighter than {@code minPrecedence}. */
    private Expr expression(int minPrecedence) {
        if (++depth > MAX_DEPTH) {
            Token t = peek();
            throw Lexer.error(t.line(), t.column(), "an expression nested at most " + MAX_DEPTH + " deep",
                    "deeper nesting");
        }
        try {
            return climb(minPrecedence);
        } finally {
            depth--;
        }
    }

    private Expr climb(int minPrecedence) {
        Expr left = prefix();
        int chain = 0;
        while (true) {
            Token t = peek();
            // Each operator taken here nests the tree one level deeper on the left.
            if (chain++ > MAX_CHAIN) {
                throw Lexer.error(t.line(), t.column(), "at most " + MAX_CHAIN + " operators in a row", "more");
            }
            if (t.is("IS") && IS_PRECEDENCE > minPrecedence) {
                next();
                boolean negated = accept("NOT");
                expect("NULL");
                left = new Ast.IsNull(left, negated);
                continue;
            }
            if (LIKE_PRECEDENCE > minPrecedence && (t.is("LIKE") || t.is("IN")
                    || (t.is("NOT") && (peek(1).is("LIKE") || peek(1).is("IN"))))) {
                boolean negated = accept("NOT");
                if (accept("LIKE")) {
                    left = new Ast.Like(left, expression(LIKE_PRECEDENCE), negated);
                } else {
                    expect("IN");
                    expectSymbol("(");
                    List<Expr> list = new ArrayList<>();
                    do {
                        list.add(expression(0));
                    } while (acceptSymbol(","));
                    expectSymbol(")");
                    left = new Ast.InList(left, List.copyOf(list), negated);
                }
                continue;
            }
            if (t.isSymbol("!") && !peek(1).isSymbol("=")) {
                next();
                left = new Ast.Unary(UnaryOp.FACTORIAL, left);
                continue;
            }
            Optional<BinaryOp> op = binaryOp(t);
            if (op.isEmpty() || op.get().precedence <= minPrecedence) {
                return left;
            }
            next();
            BinaryOp o = op.get();
            // ^ is right-associative: its right side may contain another ^.
            int next = o == BinaryOp.POWER ? o.precedence - 1 : o.precedence;
            left = new Ast.Binary(o, left, expression(next));
        }
    }

    private Expr prefix() {
        Token t = peek();
        if (t.is("NOT")) {
            next();
            return new Ast.Unary(UnaryOp.NOT, expression(NOT_PRECEDENCE - 1));
        }
        if (t.isSymbol("-") || t.isSymbol("+")) {
            next();
            // A minus sign before a number literal is part of it, so that the smallest
            // integer can be written.
            Token n = peek();
            if (t.isSymbol("-") && n.kind() == Token.Kind.INTEGER && n.text().equals("9223372036854775808")) {
                next();
                return new Ast.Literal(Value.of(Long.MIN_VALUE));
            }
            Expr operand = expression(PREFIX_PRECEDENCE - 1);
            return new Ast.Unary(t.isSymbol("-") ? UnaryOp.MINUS : UnaryOp.PLUS, operand);
        }
        return atom();
    }

    private Expr atom() {
        int start = pos;
        Token t = next();
        switch (t.kind()) {
            case INTEGER -> {
                return new Ast.Literal(Value.of(parseLong(t)));
            }
            case FLOAT -> {
                return new Ast.Literal(Value.of(Double.parseDouble(t.text())));
            }
            case STRING -> {
                try {
                    return new Ast.Literal(Operators.string(t.text()));
                } catch (io.mynode.kernel.error.InvalidInputException e) {
                    throw new SyntaxException("line " + t.line() + ", column " + t.column() + ": " + e.getMessage());
                }
            }
            case IDENTIFIER -> {
                if (peek().isSymbol("(")) {
                    return call(t.text());
                }
                if (acceptSymbol(".")) {
                    return new Ast.ColumnRef(Optional.of(t.text()), identifier("a column name"));
                }
                return new Ast.ColumnRef(Optional.empty(), t.text());
            }
            case PARAMETER -> {
                return parameter(t);
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
                    default -> {
                    }
                }
            }
            case SYMBOL -> {
                if (t.text().equals("(")) {
                    Expr e = expression(0);
                    expectSymbol(")");
                    return e;
                }
            }
            case END -> {
            }
        }
        pos = start;
        throw expected("an expression");
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

    private Expr call(String name) {
        expectSymbol("(");
        if (acceptSymbol("*")) {
            expectSymbol(")");
            return new Ast.Call(name, List.of(), true);
        }
        List<Expr> args = new ArrayList<>();
        if (!peek().isSymbol(")")) {
            do {
                args.add(expression(0));
            } while (acceptSymbol(","));
        }
        expectSymbol(")");
        return new Ast.Call(name, List.copyOf(args), false);
    }

    private static Optional<BinaryOp> binaryOp(Token t) {
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

    private long parseLong(Token t) {
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw Lexer.error(t.line(), t.column(), "an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE,
                    t.text());
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    private boolean accept(String keyword) {
        if (peek().is(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String keyword) {
        if (!accept(keyword)) {
            throw expected(keyword);
        }
    }

    private void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw expected("'" + symbol + "'");
        }
    }

    private String identifier(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENTIFIER) {
            throw expected(what);
        }
        pos++;
        return t.text();
    }

    private SyntaxException expected(String what) {
        Token t = peek();
        return Lexer.error(t.line(), t.column(), what, t.describe());
    }
}
