package io.mynode.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.SyntaxException;
import io.mynode.kernel.sql.Value;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ParserTests {

    @Nested
    class Lexing {
        @Test
        void foldsUnquotedIdentifiersAndKeepsQuotedOnes() {
            List<Token> tokens = Lexer.tokenize("SeLeCt Foo, \"Bar Baz\" -- comment\n");
            assertEquals(new Token(Token.Kind.KEYWORD, "SELECT", 1, 1), tokens.get(0));
            assertEquals(new Token(Token.Kind.IDENTIFIER, "foo", 1, 8), tokens.get(1));
            assertEquals(new Token(Token.Kind.IDENTIFIER, "Bar Baz", 1, 13, true), tokens.get(3));
            assertEquals(Token.Kind.END, tokens.get(4).kind());
        }

        @Test
        void tracksLinesAndColumnsAcrossNewlines() {
            List<Token> tokens = Lexer.tokenize("SELECT\n  1,\n   'a\nb', x");
            assertEquals(2, tokens.get(1).line());
            assertEquals(3, tokens.get(1).column());
            assertEquals(new Token(Token.Kind.STRING, "a\nb", 3, 4), tokens.get(3));
            assertEquals(4, tokens.get(5).line());
        }

        @Test
        void readsNumbersInEveryForm() {
            assertEquals(List.of("1", "1.5", ".5", "1e3", "2.5E-2"),
                    Lexer.tokenize("1 1.5 .5 1e3 2.5E-2").stream().filter(t -> t.kind() != Token.Kind.END)
                            .map(Token::text).toList());
            assertEquals(Token.Kind.FLOAT, Lexer.tokenize("1e3").getFirst().kind());
            assertEquals(Token.Kind.INTEGER, Lexer.tokenize("13").getFirst().kind());
        }
    }

    @Nested
    class Expressions {
        private String roundTrip(String sql) {
            return Ast.format(Parser.parseExpression(sql));
        }

        @Test
        void respectsPrecedenceAndAssociativity() {
            assertEquals("1 + (2 * (3 ^ 2))", roundTrip("1 + 2 * 3 ^ 2"));
            assertEquals("(1 - 2) - 3", roundTrip("1 - 2 - 3"));
            assertEquals("2 ^ (3 ^ 2)", roundTrip("2 ^ 3 ^ 2"));
            assertEquals("(-2) ^ 2", roundTrip("-2 ^ 2"));
            assertEquals("(a = 1) OR ((b = 2) AND (NOT (c = 3)))", roundTrip("a = 1 OR b = 2 AND NOT c = 3"));
            assertEquals("(a || b) LIKE 'x%'", roundTrip("a || b LIKE 'x%'"));
            assertEquals("(1 + 2) IS NOT NULL", roundTrip("1 + 2 IS NOT NULL"));
            assertEquals("-(3!)", roundTrip("-3!"));
            assertEquals("x NOT IN (1, 2)", roundTrip("x NOT IN (1, 2)"));
        }

        @Test
        void readsTheSmallestIntegerAsOneLiteral() {
            assertEquals(new Ast.Literal(Value.of(Long.MIN_VALUE)), Parser.parseExpression("-9223372036854775808"));
        }

        @Test
        void formattingParsesBackToTheSameTree() {
            Random random = new Random(7);
            String[] atoms = {"a", "t.b", "1", "2.5", "'s'", "NULL", "TRUE"};
            String[] ops = {"+", "-", "*", "/", "%", "^", "=", "<", ">=", "!=", "AND", "OR", "||"};
            for (int i = 0; i < 500; i++) {
                StringBuilder sql = new StringBuilder(atoms[random.nextInt(atoms.length)]);
                for (int j = random.nextInt(6); j > 0; j--) {
                    sql.append(' ').append(ops[random.nextInt(ops.length)]).append(' ')
                            .append(random.nextBoolean() ? "NOT " : "").append(atoms[random.nextInt(atoms.length)]);
                }
                Ast.Expr parsed = Parser.parseExpression(sql.toString());
                assertEquals(parsed, Parser.parseExpression(Ast.format(parsed)), sql.toString());
            }
        }
    }

    @Nested
    class Statements {
        @Test
        void parsesCreateTableWithEveryConstraint() {
            Ast.CreateTable t = assertInstanceOf(Ast.CreateTable.class, Parser.parse(
                    "CREATE TABLE m (id INTEGER PRIMARY KEY, g INT NOT NULL DEFAULT 1 UNIQUE INDEX REFERENCES genre);"));
            assertEquals("m", t.name());
            Ast.ColumnDef g = t.columns().get(1);
            assertEquals(Optional.of(false), g.nullable());
            assertTrue(g.unique() && g.index());
            assertEquals(Optional.of("genre"), g.references());
            assertEquals(Optional.of(new Ast.Literal(Value.of(1L))), g.defaultValue());
        }

        @Test
        void parsesBeginVariants() {
            assertEquals(new Ast.Begin(false, java.util.OptionalLong.empty()), Parser.parse("BEGIN"));
            assertEquals(new Ast.Begin(true, java.util.OptionalLong.empty()), Parser.parse("BEGIN READ ONLY"));
            assertEquals(new Ast.Begin(true, java.util.OptionalLong.of(7)), Parser.parse("BEGIN AS OF SYSTEM TIME 7"));
        }

        @Test
        void parsesJoinsLeftDeep() {
            Ast.Select s = assertInstanceOf(Ast.Select.class,
                    Parser.parse("SELECT * FROM a JOIN b ON a.x = b.x LEFT JOIN c ON c.y = b.y, d"));
            Ast.Join top = assertInstanceOf(Ast.Join.class, s.from().orElseThrow());
            assertEquals(Ast.JoinType.CROSS, top.type());
            Ast.Join left = assertInstanceOf(Ast.Join.class, top.left());
            assertEquals(Ast.JoinType.LEFT, left.type());
        }
    }

    @Nested
    class Queries {
        private Ast.Query query(String sql) {
            return assertInstanceOf(Ast.Query.class, Parser.parse(sql));
        }

        @Test
        void formattingParsesBackToTheSameQuery() {
            for (String sql : List.of(
                    "SELECT DISTINCT a, b AS c FROM t AS x JOIN u USING (a) WHERE a BETWEEN 1 AND 2 ORDER BY 1 DESC NULLS LAST",
                    "SELECT * FROM t NATURAL FULL JOIN u LEFT JOIN v ON v.a = t.a CROSS JOIN w",
                    "SELECT CASE WHEN a IS NOT DISTINCT FROM b THEN CAST(a AS FLOAT) ELSE 1.5 END FROM t",
                    "SELECT a FROM t UNION ALL SELECT b FROM u INTERSECT SELECT c FROM v ORDER BY 1 LIMIT 3 OFFSET 1",
                    "SELECT (SELECT max(x) FROM u WHERE u.y = t.y), EXISTS (SELECT 1) FROM t WHERE a IN (SELECT b FROM u)",
                    "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s) WHERE n > ALL (SELECT 1)",
                    "SELECT count(DISTINCT a), substring(s, 1, 2), a ILIKE 'x%' ESCAPE '!' FROM t GROUP BY 1")) {
                Ast.Query q = query(sql);
                assertEquals(q, query(SqlText.query(q)), sql);
            }
        }

        @Test
        void bindsIntersectTighterThanUnionAndExcept() {
            Ast.SetOperation top = assertInstanceOf(Ast.SetOperation.class,
                    query("SELECT 1 EXCEPT SELECT 2 INTERSECT SELECT 3 UNION SELECT 4"));
            assertEquals(Ast.SetOperator.UNION, top.operator());
            Ast.SetOperation except = assertInstanceOf(Ast.SetOperation.class, top.left());
            assertEquals(Ast.SetOperator.EXCEPT, except.operator());
            assertEquals(Ast.SetOperator.INTERSECT, assertInstanceOf(Ast.SetOperation.class, except.right()).operator());
        }

        @Test
        void readsKeywordSyntaxFunctionsAsPlainCalls() {
            assertEquals(new Ast.Call("substring", List.of(new Ast.ColumnRef(Optional.empty(), "s"),
                    new Ast.Literal(Value.of(2)), new Ast.Literal(Value.of(3))), false),
                    Parser.parseExpression("SUBSTRING(s FROM 2 FOR 3)"));
            assertEquals(new Ast.Call("position", List.of(new Ast.Literal(Value.of("a")),
                    new Ast.ColumnRef(Optional.empty(), "s")), false), Parser.parseExpression("POSITION('a' IN s)"));
            assertEquals(new Ast.Call("ltrim", List.of(new Ast.ColumnRef(Optional.empty(), "s"),
                    new Ast.Literal(Value.of("x"))), false), Parser.parseExpression("TRIM(LEADING 'x' FROM s)"));
            assertEquals("left", assertInstanceOf(Ast.Call.class, Parser.parseExpression("LEFT(s, 2)")).name());
        }

        @Test
        void inlinesWithQueriesWhereTheyAreNamed() {
            Ast.Select s = assertInstanceOf(Ast.Select.class,
                    query("WITH a AS (SELECT 1 AS x), b AS (SELECT x FROM a) SELECT * FROM b JOIN t ON TRUE"));
            Ast.Join j = assertInstanceOf(Ast.Join.class, s.from().orElseThrow());
            Ast.Derived b = assertInstanceOf(Ast.Derived.class, j.left());
            assertEquals("b", b.alias());
            Ast.Select inner = assertInstanceOf(Ast.Select.class, b.query());
            assertEquals("a", assertInstanceOf(Ast.Derived.class, inner.from().orElseThrow()).alias());
            assertInstanceOf(Ast.TableRef.class, j.right());
        }

        @Test
        void keepsNonReservedWordsAsNames() {
            Ast.Select s = assertInstanceOf(Ast.Select.class,
                    query("SELECT nulls, first, last, conflict, unknown, \"NULLS\" FROM t ORDER BY nulls NULLS FIRST"));
            assertEquals(6, s.items().size());
            assertEquals(Optional.of(true), s.orderBy().getFirst().nullsFirst());
        }

        @Test
        void neverReadsAReservedWordAsAnAlias() {
            for (String word : List.of("full", "natural", "using", "union", "except", "intersect", "window", "for",
                    "fetch", "returning", "lateral", "over", "end", "when", "case")) {
                assertThrows(SyntaxException.class, () -> Parser.parse("SELECT * FROM t " + word), word);
                assertThrows(SyntaxException.class, () -> Parser.parse("SELECT a " + word + " FROM t"), word);
            }
        }
    }

    @Nested
    class Errors {
        @Test
        void nameLineColumnAndWhatWasExpected() {
            SyntaxException e = assertThrows(SyntaxException.class, () -> Parser.parse("SELECT 1\nFROM t WHERE x = = 1"));
            assertEquals("syntax error at line 2, column 18: expected an expression, found '='", e.getMessage());
        }

        @Test
        void reportTheEndOfInput() {
            SyntaxException e = assertThrows(SyntaxException.class, () -> Parser.parse("SELECT a FROM"));
            assertEquals("syntax error at line 1, column 14: expected a table name, found end of input", e.getMessage());
        }

        @Test
        void refuseHostileNestingInsteadOfOverflowingTheStack() {
            String deep = "(".repeat(5000) + "1" + ")".repeat(5000);
            assertTrue(assertThrows(SyntaxException.class, () -> Parser.parse("SELECT " + deep)).getMessage()
                    .contains("nested at most 200 deep"));
            assertThrows(SyntaxException.class, () -> Parser.parse("SELECT " + "-".repeat(5000) + "1"));
            assertThrows(SyntaxException.class, () -> Parser.parse("SELECT 1" + " + 1".repeat(5000)));
            assertThrows(SyntaxException.class, () -> Parser.parse("SELECT " + "x".repeat(200)));
            Parser.parse("SELECT 1" + " + 1".repeat(900));
        }

        @Test
        void neverEscapeAsAnythingButSyntaxErrors() {
            Random random = new Random(11);
            String[] words = {"SELECT", "FROM", "t", "(", ")", ",", "1", "'x'", "+", "WHERE", "JOIN", "ON", "=", "*",
                    "INSERT", "INTO", "VALUES", "CREATE", "TABLE", "INTEGER", "PRIMARY", "KEY", ";", "\"", "'", "!", "."};
            for (int i = 0; i < 5000; i++) {
                StringBuilder sql = new StringBuilder();
                for (int j = random.nextInt(10); j >= 0; j--) {
                    sql.append(words[random.nextInt(words.length)]).append(' ');
                }
                try {
                    Parser.parse(sql.toString());
                } catch (SyntaxException expected) {
                    assertTrue(expected.getMessage().startsWith("syntax error at line")
                            || expected.getMessage().startsWith("line "), expected.getMessage());
                }
            }
        }
    }
}
