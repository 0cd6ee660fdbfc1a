package io.mynode.sql.parse;

import io.mynode.kernel.error.SyntaxException;
import io.mynode.sql.parse.Ast.Expr;
import io.mynode.sql.parse.Ast.Statement;
import io.mynode.sql.types.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A recursive-descent parser producing one {@link Statement}; a syntax error names the line, the
 * column and what was expected there. This class reads statements (DDL, writes, transaction
 * control); the {@link QueryParser} reads queries and the {@link ExpressionParser} expressions,
 * all three from one {@link TokenStream}.
 */
public final class Parser {
    /** How deeply expressions may nest, so that hostile input cannot overflow the stack. */
    static final int MAX_DEPTH = ExpressionParser.MAX_DEPTH;

    /** How many operators one expression may chain ({@code a + b + ...}); an IN list has no limit. */
    static final int MAX_CHAIN = ExpressionParser.MAX_CHAIN;

    private final TokenStream in;
    private final ExpressionParser expressions;
    private final QueryParser queries;

    private Parser(List<Token> tokens) {
        this.in = new TokenStream(tokens);
        this.expressions = new ExpressionParser(in);
        this.queries = new QueryParser(in, expressions);
        expressions.queries(queries);
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
        if (!p.in.atEnd()) {
            throw p.expected("end of statement");
        }
        return new Parsed(s, p.expressions.parameters());
    }

    /** Parses a single expression, for tests and defaults. */
    public static Expr parseExpression(String sql) {
        Parser p = new Parser(Lexer.tokenize(sql));
        Expr e = p.expression(0);
        if (!p.in.atEnd()) {
            throw p.expected("end of expression");
        }
        return e;
    }

    private Statement statement() {
        Token t = peek();
        if (t.isSymbol("(")) {
            return queries.query();
        }
        if (t.kind() != Token.Kind.KEYWORD) {
            throw expected("a statement");
        }
        return switch (t.text()) {
            case "SELECT", "VALUES" -> queries.query();
            case "WITH" -> with();
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
                if (!(inner.is("SELECT") || inner.is("VALUES") || inner.is("WITH") || inner.isSymbol("(")
                        || inner.is("INSERT") || inner.is("UPDATE") || inner.is("DELETE"))) {
                    throw expected("a query, INSERT, UPDATE or DELETE after EXPLAIN");
                }
                yield new Ast.Explain(statement());
            }
            default -> throw expected("a statement");
        };
    }

    /** {@code WITH ...} before a query or a write, whose FROM clauses and subqueries may use it. */
    private Statement with() {
        int start = in.mark();
        queries.with();
        try {
            Token t = peek();
            if (t.is("INSERT") || t.is("UPDATE") || t.is("DELETE")) {
                return statement();
            }
        } finally {
            queries.endWith();
        }
        // A query reads its own WITH.
        in.reset(start);
        return queries.query();
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
        return expressions.dataType();
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

    /**
     * {@code INSERT INTO t [(columns)] VALUES ... | query | DEFAULT VALUES [ON CONFLICT ...]
     * [RETURNING ...]}.
     */
    private Statement insert() {
        expect("INSERT");
        expect("INTO");
        String table = identifier("a table name");
        Optional<List<String>> columns = Optional.empty();
        if (peek().isSymbol("(") && !queries.startsQueryAt(1)) {
            next();
            List<String> names = new ArrayList<>();
            do {
                names.add(identifier("a column name"));
            } while (acceptSymbol(","));
            expectSymbol(")");
            columns = Optional.of(List.copyOf(names));
        }
        Ast.Query source;
        if (accept("DEFAULT")) {
            expect("VALUES");
            if (columns.isPresent()) {
                throw expected("no column list with DEFAULT VALUES");
            }
            columns = Optional.of(List.of());
            source = new Ast.Values(List.of(List.of()), List.of(), Optional.empty(), Optional.empty());
        } else if (peek().is("VALUES") || peek().is("SELECT") || peek().is("WITH") || peek().isSymbol("(")) {
            source = queries.query();
        } else {
            throw expected("VALUES, a query or DEFAULT VALUES");
        }
        Optional<Ast.OnConflict> onConflict = Optional.empty();
        if (accept("ON")) {
            onConflict = Optional.of(onConflict());
        }
        return new Ast.Insert(table, columns, source, onConflict, returning());
    }

    /** After INSERT's ON: {@code CONFLICT [(columns)] DO NOTHING | DO UPDATE SET ... [WHERE ...]}. */
    private Ast.OnConflict onConflict() {
        in.expectWord("conflict");
        List<String> target = new ArrayList<>();
        if (accept("ON")) {
            throw in.unsupported("ON CONFLICT ON CONSTRAINT");
        }
        if (acceptSymbol("(")) {
            do {
                target.add(identifier("a column name"));
            } while (acceptSymbol(","));
            expectSymbol(")");
        }
        if (peek().is("WHERE")) {
            throw in.unsupported("a WHERE clause on the ON CONFLICT target");
        }
        expect("DO");
        if (in.acceptWord("nothing")) {
            return new Ast.OnConflict(List.copyOf(target), Optional.empty(), Optional.empty());
        }
        expect("UPDATE");
        expect("SET");
        List<Ast.Assignment> set = assignments();
        Optional<Expr> where = accept("WHERE") ? Optional.of(expression(0)) : Optional.empty();
        return new Ast.OnConflict(List.copyOf(target), Optional.of(set), where);
    }

    private List<Ast.Assignment> assignments() {
        List<Ast.Assignment> set = new ArrayList<>();
        do {
            if (peek().isSymbol("(")) {
                throw in.unsupported("SET (a, b) = (...)");
            }
            String column = identifier("a column name");
            expectSymbol("=");
            set.add(new Ast.Assignment(column, expression(0)));
        } while (acceptSymbol(","));
        return List.copyOf(set);
    }

    private List<Ast.SelectItem> returning() {
        return accept("RETURNING") ? queries.selectItems() : List.of();
    }

    private Statement update() {
        expect("UPDATE");
        String table = identifier("a table name");
        expect("SET");
        List<Ast.Assignment> set = assignments();
        if (peek().is("FROM")) {
            throw in.unsupported("UPDATE ... FROM");
        }
        Optional<Expr> where = accept("WHERE") ? Optional.of(expression(0)) : Optional.empty();
        return new Ast.Update(table, set, where, returning());
    }

    private Statement delete() {
        expect("DELETE");
        expect("FROM");
        String table = identifier("a table name");
        if (peek().is("USING")) {
            throw in.unsupported("DELETE ... USING");
        }
        Optional<Expr> where = accept("WHERE") ? Optional.of(expression(0)) : Optional.empty();
        return new Ast.Delete(table, where, returning());
    }

    // The token stream's operations under short names, so that statement rules read as grammar.

    private long parseLong(Token t) {
        return in.parseLong(t);
    }

    private Expr expression(int minPrecedence) {
        return expressions.expression(minPrecedence);
    }

    private Token peek() {
        return in.peek();
    }

    private Token next() {
        return in.next();
    }

    private boolean accept(String keyword) {
        return in.accept(keyword);
    }

    private boolean acceptSymbol(String symbol) {
        return in.acceptSymbol(symbol);
    }

    private void expect(String keyword) {
        in.expect(keyword);
    }

    private void expectSymbol(String symbol) {
        in.expectSymbol(symbol);
    }

    private String identifier(String what) {
        return in.identifier(what);
    }

    private SyntaxException expected(String what) {
        return in.expected(what);
    }
}
