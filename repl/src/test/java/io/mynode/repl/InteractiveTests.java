package io.mynode.repl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InteractiveTests {

    @Nested
    class TheLineParser {
        final Interactive.SqlParser parser = new Interactive.SqlParser();

        @Test
        void asksForMoreWhileAStatementIsIncomplete() {
            assertThrows(EOFError.class, () -> parser.parse("CREATE TABLE t (", 16, ParseContext.ACCEPT_LINE));
            assertThrows(EOFError.class, () -> parser.parse("SELECT 'open", 12, ParseContext.ACCEPT_LINE));
        }

        @Test
        void acceptsACompleteLineAndCommands() {
            assertDoesNotThrow(() -> parser.parse("SELECT * FROM movie", 19, ParseContext.ACCEPT_LINE));
            assertDoesNotThrow(() -> parser.parse("CREATE TABLE t (\nid INTEGER PRIMARY KEY)", 40, ParseContext.ACCEPT_LINE));
            assertDoesNotThrow(() -> parser.parse("!status", 7, ParseContext.ACCEPT_LINE));
        }

        @Test
        void doesNotTreatQuotesAsShellWordsWhenCompleting() {
            assertEquals("mo", parser.parse("SELECT 'x y' FROM mo", 20, ParseContext.COMPLETE).word());
        }
    }

    @Nested
    class Completion {
        final FakeConnection node = new FakeConnection(sql -> null);
        final Interactive.SqlCompleter completer =
                new Interactive.SqlCompleter(new Shell(node, FakeConnection.leaderStatus(java.util.Map.of(), java.time.Duration.ofSeconds(1)),
                        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));

        List<String> candidates(String line) {
            List<Candidate> found = new ArrayList<>();
            completer.complete(null, new Interactive.SqlParser().parse(line, line.length(), ParseContext.COMPLETE), found);
            return found.stream().map(Candidate::value).toList();
        }

        @Test
        void offersKeywordsAndTheNodesTables() {
            node.tables.put("movie", "CREATE TABLE movie (id INTEGER PRIMARY KEY)");
            List<String> offered = candidates("SELECT * FR");
            assertTrue(offered.contains("FROM"), offered.toString());
            assertTrue(offered.contains("movie"), offered.toString());
        }

        @Test
        void offersLowerCaseKeywordsToALowerCaseTypist() {
            assertTrue(candidates("select * fr").contains("from"));
        }

        @Test
        void offersCommandsAtTheStartOfALine() {
            assertEquals(Interactive.COMMANDS, candidates("!st"));
        }
    }
}
