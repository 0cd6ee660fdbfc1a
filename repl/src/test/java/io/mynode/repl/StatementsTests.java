package io.mynode.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StatementsTests {

    @Nested
    class AStatementEnds {
        @Test
        void atTheEndOfACompleteLine() {
            Statements s = new Statements();
            assertEquals(List.of("SELECT * FROM movie"), s.line("SELECT * FROM movie"));
            assertFalse(s.pending());
        }

        @Test
        void atASemicolonWhichIsDropped() {
            assertEquals(List.of("SELECT 1", "SELECT 2"), Statements.split("SELECT 1; SELECT 2;"));
        }

        @Test
        void onlyWhenParenthesesAreClosed() {
            Statements s = new Statements();
            assertEquals(List.of(), s.line("CREATE TABLE movie ("));
            assertEquals(List.of(), s.line("  id INTEGER PRIMARY KEY,"));
            assertTrue(s.pending());
            assertEquals(List.of("CREATE TABLE movie (\n  id INTEGER PRIMARY KEY,\n  title VARCHAR NOT NULL)"),
                    s.line("  title VARCHAR NOT NULL)"));
        }

        @Test
        void notAfterATrailingComma() {
            Statements s = new Statements();
            assertEquals(List.of(), s.line("INSERT INTO movie VALUES (1, 'Sicario'),"));
            assertEquals(List.of("INSERT INTO movie VALUES (1, 'Sicario'),\n(2, 'Stalker')"), s.line("(2, 'Stalker')"));
        }

        @Test
        void notInsideAStringLiteralEvenAcrossLines() {
            Statements s = new Statements();
            assertEquals(List.of(), s.line("INSERT INTO t VALUES ('a;"));
            assertEquals(List.of("INSERT INTO t VALUES ('a;\nb')"), s.line("b')"));
        }

        @Test
        void notAtADoubledQuoteInsideALiteral() {
            assertEquals(List.of("SELECT 'it''s; fine'", "SELECT 2"), Statements.split("SELECT 'it''s; fine'; SELECT 2"));
        }

        @Test
        void notInsideAQuotedIdentifier() {
            assertEquals(List.of("SELECT \"a;b\" FROM t"), Statements.split("SELECT \"a;b\" FROM t"));
        }

        @Test
        void notAtASemicolonInAComment() {
            assertEquals(List.of("SELECT 1"), Statements.split("SELECT 1 -- one; two"));
        }

        @Test
        void atEndOfInputEvenIfIncomplete() {
            assertEquals(List.of("SELECT (1"), Statements.split("SELECT (1"));
        }
    }

    @Nested
    class Commands {
        @Test
        void aBangLineIsACommandWhenNothingIsPending() {
            assertEquals(List.of("!headers on", "SELECT 1"), Statements.split("  !headers on\nSELECT 1"));
        }

        @Test
        void aBangInsideAStatementIsPartOfIt() {
            Statements s = new Statements();
            s.line("SELECT (");
            assertEquals(List.of("SELECT (\n!x)"), s.line("!x)"));
        }
    }

    @Nested
    class NothingIsSent {
        @Test
        void forBlankLinesCommentsAndEmptyStatements() {
            assertEquals(List.of(), Statements.split("\n   \n-- just a comment\n;;\n"));
        }
    }

    @Test
    void completeTellsTheReaderWhetherToAskForMore() {
        assertTrue(Statements.complete("SELECT 1"));
        assertTrue(Statements.complete(""));
        assertFalse(Statements.complete("CREATE TABLE t ("));
        assertFalse(Statements.complete("SELECT 'open"));
        assertTrue(Statements.complete("CREATE TABLE t (\nid INTEGER PRIMARY KEY)"));
    }
}
