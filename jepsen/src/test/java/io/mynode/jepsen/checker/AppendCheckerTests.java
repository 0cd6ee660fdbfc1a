package io.mynode.jepsen.checker;

import static io.mynode.jepsen.checker.Histories.of;
import static io.mynode.jepsen.checker.Histories.serial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.jepsen.history.Edn;
import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Keyword;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AppendCheckerTests {
    private final AppendChecker checker = new AppendChecker();

    private Result check(History h) {
        return checker.check(h);
    }

    private static List<?> types(Result r) {
        return (List<?>) r.details().get(Result.k("anomaly-types"));
    }

    private static void assertAnomaly(Result r, String type) {
        assertEquals(Result.Validity.INVALID, r.validity(), Edn.write(r.toEdn()));
        assertTrue(types(r).contains(Keyword.of(type)), "expected " + type + " in " + Edn.write(r.toEdn()));
    }

    @Nested
    class Valid {
        @Test
        void aSerialHistoryIsValid() {
            Result r = check(serial(":txn",
                    "ok [[:append :x 1]]",
                    "ok [[:r :x [1]] [:append :x 2] [:r :x [1 2]]]",
                    "ok [[:r :x [1 2]] [:r :y nil] [:append :y 1]]",
                    "ok [[:r :y [1]]]"));
            assertEquals(Result.Validity.VALID, r.validity(), Edn.write(r.toEdn()));
            assertTrue((Integer) r.details().get(Result.k("edge-count")) > 0);
        }

        @Test
        void anIndeterminateAppendThatWasReadCommittedAndOneNotReadDidNot() {
            Result r = check(serial(":txn",
                    "info [[:append :x 1]]",
                    "info [[:append :x 2]]",
                    "ok [[:r :x [1]]]"));
            assertEquals(Result.Validity.VALID, r.validity(), Edn.write(r.toEdn()));
        }

        @Test
        void concurrentTransactionsInEitherOrderAreValid() {
            Result r = check(of(
                    "0 invoke :txn [[:append :x 1]]",
                    "1 invoke :txn [[:append :x 2]]",
                    "1 ok :txn [[:append :x 2]]",
                    "0 ok :txn [[:append :x 1]]",
                    "2 invoke :txn [[:r :x nil]]", "2 ok :txn [[:r :x [2 1]]]"));
            assertEquals(Result.Validity.VALID, r.validity(), Edn.write(r.toEdn()));
        }
    }

    @Nested
    class Cycles {
        @Test
        void g0WriteCycle() {
            Result r = check(serial(":txn",
                    "ok [[:append :x 1] [:append :y 1]]",
                    "ok [[:append :x 2] [:append :y 2]]",
                    "ok [[:r :x [1 2]] [:r :y [2 1]]]"));
            assertAnomaly(r, "G0");
        }

        @Test
        void g1cCircularInformationFlow() {
            Result r = check(of(
                    "0 invoke :txn [[:append :x 1] [:r :y nil]]",
                    "1 invoke :txn [[:append :y 1] [:r :x nil]]",
                    "0 ok :txn [[:append :x 1] [:r :y [1]]]",
                    "1 ok :txn [[:append :y 1] [:r :x [1]]]"));
            assertAnomaly(r, "G1c");
        }

        @Test
        void gSingleReadSkew() {
            Result r = check(of(
                    "1 invoke :txn [[:r :x nil] [:r :y nil]]",
                    "0 invoke :txn [[:append :x 1] [:append :y 1]]",
                    "0 ok :txn [[:append :x 1] [:append :y 1]]",
                    "1 ok :txn [[:r :x []] [:r :y [1]]]",
                    "2 invoke :txn [[:r :x nil]]", "2 ok :txn [[:r :x [1]]]"));
            assertAnomaly(r, "G-single");
            String text = Edn.write(r.toEdn());
            assertTrue(text.contains("without T2's append of 1"), text);
        }

        @Test
        void gSingleLostUpdate() {
            Result r = check(of(
                    "0 invoke :txn [[:r :x nil] [:append :x 1]]",
                    "1 invoke :txn [[:r :x nil] [:append :x 2]]",
                    "0 ok :txn [[:r :x []] [:append :x 1]]",
                    "1 ok :txn [[:r :x []] [:append :x 2]]",
                    "2 invoke :txn [[:r :x nil]]", "2 ok :txn [[:r :x [1 2]]]"));
            assertAnomaly(r, "G-single");
        }

        @Test
        void g2WriteSkew() {
            Result r = check(of(
                    "0 invoke :txn [[:r :x nil] [:r :y nil] [:append :x 1]]",
                    "1 invoke :txn [[:r :x nil] [:r :y nil] [:append :y 1]]",
                    "0 ok :txn [[:r :x []] [:r :y []] [:append :x 1]]",
                    "1 ok :txn [[:r :x []] [:r :y []] [:append :y 1]]",
                    "2 invoke :txn [[:r :x nil] [:r :y nil]]", "2 ok :txn [[:r :x [1]] [:r :y [1]]]"));
            assertAnomaly(r, "G2");
            assertEquals(List.of(Keyword.of("G2")), types(r));
        }
    }

    @Nested
    class RealTime {
        // T1 appends and commits; afterwards T2 begins and reads the list without it: a stale read.
        private final History stale = serial(":txn", "ok [[:append :x 1]]", "ok [[:r :x []]]", "ok [[:r :x [1]]]");

        @Test
        void aStaleReadAfterACommitWasAcknowledgedBreaksStrictSerializability() {
            Result r = check(stale);
            assertAnomaly(r, "G-single-realtime");
            assertTrue(Edn.write(r.toEdn()).contains("completed before"), Edn.write(r.toEdn()));
        }

        @Test
        void theSameHistoryIsSerializableWithoutRealTime() {
            assertEquals(Result.Validity.VALID, new AppendChecker(8, false).check(stale).validity());
        }

        @Test
        void overlappingTransactionsHaveNoRealTimeOrder() {
            Result r = check(of(
                    "0 invoke :txn [[:append :x 1]]",
                    "1 invoke :txn [[:r :x nil]]",
                    "0 ok :txn [[:append :x 1]]",
                    "1 ok :txn [[:r :x []]]",
                    "2 invoke :txn [[:r :x nil]]", "2 ok :txn [[:r :x [1]]]"));
            assertEquals(Result.Validity.VALID, r.validity(), Edn.write(r.toEdn()));
        }
    }

    @Nested
    class SingleReads {
        @Test
        void g1aAbortedRead() {
            assertAnomaly(check(serial(":txn", "fail [[:append :x 1]]", "ok [[:r :x [1]]]")), "G1a");
        }

        @Test
        void g1bIntermediateRead() {
            assertAnomaly(check(serial(":txn", "ok [[:append :x 1] [:append :x 2]]", "ok [[:r :x [1]]]")), "G1b");
        }

        @Test
        void incompatibleOrders() {
            assertAnomaly(check(serial(":txn", "ok [[:append :x 1]]", "ok [[:append :x 2]]",
                    "ok [[:r :x [1 2]]]", "ok [[:r :x [2 1]]]")), "incompatible-order");
        }

        @Test
        void aTransactionThatDoesNotSeeItsOwnAppend() {
            assertAnomaly(check(serial(":txn", "ok [[:append :x 1]]", "ok [[:append :x 2] [:r :x [1]]]")),
                    "internal");
        }

        @Test
        void anElementNobodyAppended() {
            assertAnomaly(check(serial(":txn", "ok [[:r :x [42]]]")), "garbage-read");
        }
    }

    @Test
    void nothingCommittedIsUnknown() {
        assertEquals(Result.Validity.UNKNOWN, check(serial(":txn", "fail [[:append :x 1]]")).validity());
    }
}
