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
            assertEquals(new Token(Token.Kind.IDENTIFIER, "Bar Baz", 1, 13), tokens.get(3));
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
