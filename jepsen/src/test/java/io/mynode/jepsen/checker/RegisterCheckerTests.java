package io.mynode.jepsen.checker;

import static io.mynode.jepsen.checker.Histories.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.jepsen.history.Edn;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RegisterCheckerTests {
    private final RegisterChecker checker = new RegisterChecker();

    @Nested
    class Valid {
        @Test
        void aReadConcurrentWithAWriteMaySeeEitherValue() {
            var h = of(
                    "0 invoke :write [:x 1]", "0 ok :write [:x 1]",
                    "0 invoke :write [:x 2]",
                    "1 invoke :read [:x nil]", "1 ok :read [:x 1]",
                    "2 invoke :read [:x nil]", "2 ok :read [:x 2]",
                    "0 ok :write [:x 2]");
            assertEquals(Result.Validity.VALID, checker.check(h).validity());
        }

        @Test
        void anUnwrittenRegisterReadsNil() {
            var h = of("0 invoke :read [:x nil]", "0 ok :read [:x nil]", "0 invoke :write [:x 1]", "0 ok :write [:x 1]");
            assertEquals(Result.Validity.VALID, checker.check(h).validity());
        }

        @Test
        void anIndeterminateWriteMayTakeEffectLongAfterItsCall() {
            var h = of(
                    "0 invoke :write [:x 5]", "0 info :write [:x 5]",
                    "1 invoke :read [:x nil]", "1 ok :read [:x nil]",
                    "1 invoke :read [:x nil]", "1 ok :read [:x 5]");
            assertEquals(Result.Validity.VALID, checker.check(h).validity());
        }

        @Test
        void aSuccessfulCasNeedsTheOldValue() {
            var h = of(
                    "0 invoke :write [:x 1]", "0 ok :write [:x 1]",
                    "0 invoke :cas [:x [1 2]]", "0 ok :cas [:x [1 2]]",
                    "1 invoke :cas [:x [1 3]]", "1 fail :cas [:x [1 3]]",
                    "1 invoke :read [:x nil]", "1 ok :read [:x 2]");
            assertEquals(Result.Validity.VALID, checker.check(h).validity());
        }

        @Test
        void keysAreIndependent() {
            var h = of(
                    "0 invoke :write [:x 1]", "0 ok :write [:x 1]",
                    "0 invoke :write [:y 2]", "0 ok :write [:y 2]",
                    "1 invoke :read [:x nil]", "1 ok :read [:x 1]",
                    "1 invoke :read [:y nil]", "1 ok :read [:y 2]");
            Result r = checker.check(h);
            assertEquals(Result.Validity.VALID, r.validity());
            assertEquals(2, r.details().get(Result.k("key-count")));
        }

        @Test
        void anUnkeyedKnossosHistoryIsOneRegister() {
            var h = of("0 invoke :write 3", "0 ok :write 3", "1 invoke :cas [3 4]", "1 ok :cas [3 4]",
                    "1 invoke :read nil", "1 ok :read 4");
            assertEquals(Result.Validity.VALID, checker.check(h).validity());
        }
    }

    @Nested
    class Invalid {
        @Test
        void aStaleReadAfterANewerWriteCompleted() {
            var h = of(
                    "0 invoke :write [:x 1]", "0 ok :write [:x 1]",
                    "0 invoke :write [:x 2]", "0 ok :write [:x 2]",
                    "1 invoke :read [:x nil]", "1 ok :read [:x 1]");
            Result r = checker.check(h);
            assertEquals(Result.Validity.INVALID, r.validity());
            String edn = Edn.write(r.toEdn());
            assertTrue(edn.contains(":key :x"), edn);
            assertTrue(edn.contains(":f :read"), edn);
        }

        @Test
        void aLostUpdateWhereTwoCasesFromTheSameValueBothSucceed() {
            var h = of(
                    "0 invoke :write [:x 0]", "0 ok :write [:x 0]",
                    "0 invoke :cas [:x [0 1]]", "0 ok :cas [:x [0 1]]",
                    "1 invoke :cas [:x [0 2]]", "1 ok :cas [:x [0 2]]");
            assertEquals(Result.Validity.INVALID, checker.check(h).validity());
        }

        @Test
        void readingAFailedWrite() {
            var h = of("0 invoke :write [:x 3]", "0 fail :write [:x 3]", "1 invoke :read [:x nil]", "1 ok :read [:x 3]");
            assertEquals(Result.Validity.INVALID, checker.check(h).validity());
        }

        @Test
        void anIndeterminateWriteCannotBeUndone() {
            var h = of(
                    "0 invoke :write [:x 1]", "0 ok :write [:x 1]",
                    "1 invoke :write [:x 2]", "1 info :write [:x 2]",
                    "2 invoke :read [:x nil]", "2 ok :read [:x 2]",
                    "2 invoke :read [:x nil]", "2 ok :read [:x 1]");
            assertEquals(Result.Validity.INVALID, checker.check(h).validity());
        }

        @Test
        void aValueNobodyWrote() {
            var h = of("0 invoke :read [:y nil]", "0 ok :read [:y 9]");
            assertEquals(Result.Validity.INVALID, checker.check(h).validity());
        }
    }

    @Nested
    class Reductions {
        /** Twelve crashed writes pending at once: 4096 subsets to try without the reductions. */
        private String[] crashedWrites(java.util.function.IntFunction<String> value) {
            java.util.List<String> lines = new java.util.ArrayList<>();
            for (int p = 0; p < 12; p++) {
                lines.add((10 + p) + " invoke :write [:x " + value.apply(p) + "]");
                lines.add((10 + p) + " info :write [:x " + value.apply(p) + "]");
            }
            // Reads of nil after them: a greedy search applies every crashed write first and must
            // back out of all 4096 combinations, unless the reductions cut them.
            for (int i = 0; i < 5; i++) {
                lines.add("1 invoke :read [:x nil]");
                lines.add("1 ok :read [:x nil]");
            }
            lines.add("0 invoke :write [:x 1]");
            lines.add("0 ok :write [:x 1]");
            lines.add("1 invoke :read [:x nil]");
            lines.add("1 ok :read [:x 1]");
            return lines.toArray(String[]::new);
        }

        @Test
        void crashedWritesOfValuesNobodyReadAreLeftOut() {
            var h = of(crashedWrites(p -> Integer.toString(100 + p)));
            assertEquals(Result.Validity.VALID, new RegisterChecker(50).check(h).validity());
        }

        @Test
        void identicalCrashedWritesAreTriedOnce() {
            var h = of(crashedWrites(p -> "1"));
            assertEquals(Result.Validity.VALID, new RegisterChecker(200).check(h).validity());
        }

        @Test
        void aCrashedWriteThatWasReadStillCounts() {
            // The read of 7 is explained only by the crashed write of 7; without it, invalid.
            var h = of("0 invoke :write [:x 7]", "0 info :write [:x 7]",
                    "1 invoke :read [:x nil]", "1 ok :read [:x 7]");
            assertEquals(Result.Validity.VALID, checker.check(h).validity());
            var without = of("0 invoke :write [:x 8]", "0 info :write [:x 8]",
                    "1 invoke :read [:x nil]", "1 ok :read [:x 7]");
            assertEquals(Result.Validity.INVALID, checker.check(without).validity());
        }
    }

    @Nested
    class Unknown {
        @Test
        void nothingObservedIsUnknown() {
            var h = of("0 invoke :write [:x 1]", "0 fail :write [:x 1]");
            assertEquals(Result.Validity.UNKNOWN, checker.check(h).validity());
        }

        @Test
        void aSpentBudgetIsUnknownNotValid() {
            // Many concurrent writes and a read: the search needs more than 3 steps.
            var h = of("0 invoke :write [:x 1]", "1 invoke :write [:x 2]", "2 invoke :write [:x 3]",
                    "0 ok :write [:x 1]", "1 ok :write [:x 2]", "2 ok :write [:x 3]",
                    "3 invoke :read [:x nil]", "3 ok :read [:x 1]");
            assertEquals(Result.Validity.UNKNOWN, new RegisterChecker(3).check(h).validity());
        }
    }
}
