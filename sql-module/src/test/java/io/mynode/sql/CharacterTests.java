package io.mynode.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Strings are sequences of Unicode code points, not of Java's UTF-16 units: every string
 * operation counts, matches and orders code points, so a character above U+FFFF (an emoji, a
 * CJK extension ideograph) is one character, and ORDER BY agrees with the byte order of the
 * UTF-8 keys the store sorts by.
 */
class CharacterTests {
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, two UTF-16 units, four UTF-8 bytes

    private static List<List<Value>> rows(Session s, String sql) {
        StatementResult r = s.execute(sql);
        List<List<Value>> out = new ArrayList<>();
        try (RowStream rows = assertInstanceOf(StatementResult.Rows.class, r).rows()) {
            rows.forEachRemaining(out::add);
        }
        return out;
    }

    private static Value one(Session s, String sql) {
        return rows(s, sql).getFirst().getFirst();
    }

    @Test
    void likeMatchesOneCodePointPerUnderscore() {
        try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
            assertEquals(Value.TRUE, one(s, "SELECT '" + EMOJI + "' LIKE '_'"));
            assertEquals(Value.FALSE, one(s, "SELECT '" + EMOJI + "' LIKE '__'"));
            assertEquals(Value.TRUE, one(s, "SELECT '" + EMOJI + "x' LIKE '__'"));
            assertEquals(Value.TRUE, one(s, "SELECT 'a" + EMOJI + "b' LIKE 'a_b'"));
            assertEquals(Value.TRUE, one(s, "SELECT '" + EMOJI + "' LIKE '" + EMOJI + "'"));
            assertEquals(Value.TRUE, one(s, "SELECT '" + EMOJI + "' LIKE '\\" + EMOJI + "'"));
        }
    }

    @Test
    void lengthsCountCodePointsAndOctetLengthCountsBytes() {
        try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
            assertEquals(List.of(Value.of(2), Value.of(2), Value.of(5)),
                    rows(s, "SELECT LENGTH('" + EMOJI + "a'), CHAR_LENGTH('" + EMOJI + "a'), OCTET_LENGTH('" + EMOJI
                            + "a')").getFirst());
            assertEquals(Value.of("a"), one(s, "SELECT SUBSTRING('" + EMOJI + "ab', 2, 1)"));
            assertEquals(Value.of("b" + EMOJI), one(s, "SELECT REVERSE('" + EMOJI + "b')"));
            assertEquals(Value.of(2), one(s, "SELECT POSITION('a' IN '" + EMOJI + "a')"));
        }
    }

    @Test
    void orderByAgreesWithTheOrderOfEncodedKeys() {
        // U+FF5A (fullwidth z) is one UTF-16 unit above the surrogates; U+1F600 is two units
        // that start with 0xD83D, below it. By code point (and UTF-8 bytes) the emoji is larger.
        String[] values = {"a", "z", "\uFF5A", EMOJI, "\uE000", "a" + EMOJI, "a\uFF5A"};
        try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
            s.execute("CREATE TABLE k (s STRING PRIMARY KEY, t STRING)");
            for (String v : values) {
                s.execute("INSERT INTO k VALUES ('" + v + "', '" + v + "')");
            }
            List<List<Value>> keyOrder = rows(s, "SELECT s FROM k");
            assertEquals(keyOrder, rows(s, "SELECT t FROM k ORDER BY t"));
            assertEquals(keyOrder, rows(s, "SELECT s FROM k ORDER BY s"));
            List<List<Value>> reversed = new ArrayList<>(keyOrder);
            java.util.Collections.reverse(reversed);
            assertEquals(reversed, rows(s, "SELECT t FROM k ORDER BY t DESC"));
            assertEquals(List.of(Value.of(EMOJI)), rows(s, "SELECT MAX(t) FROM k").getFirst());
            assertEquals(Value.TRUE, one(s, "SELECT '\uFF5A' < '" + EMOJI + "'"));
            assertEquals(keyOrder.getLast(), List.of(Value.of(EMOJI)));
        }
    }

    @Test
    void unpairedSurrogatesAreRefusedNotStoredAsQuestionMarks() {
        try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
            s.execute("CREATE TABLE k (s STRING PRIMARY KEY)");
            MynodeException e = assertThrows(MynodeException.class, () -> s.execute("INSERT INTO k VALUES ('\uD83D')"));
            assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
            assertEquals(List.of(), rows(s, "SELECT s FROM k"));
        }
    }

    @Test
    void identifiersMayUseLettersAboveTheBasicPlane() {
        String name = "\uD835\uDC31"; // U+1D471 MATHEMATICAL ITALIC SMALL X, a letter
        try (TestDatabase db = TestDatabase.open(); Session s = db.engine().session()) {
            StatementResult.Rows r = assertInstanceOf(StatementResult.Rows.class, s.execute("SELECT 1 AS " + name));
            assertEquals(List.of(name), r.columns().stream().map(c -> c.name()).toList());
            r.rows().close();
        }
    }
}
