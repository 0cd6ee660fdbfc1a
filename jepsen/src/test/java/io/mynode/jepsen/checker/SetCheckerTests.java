package io.mynode.jepsen.checker;

import static io.mynode.jepsen.checker.Histories.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SetCheckerTests {
    private final SetChecker checker = new SetChecker();

    @Test
    void everyAcknowledgedAddInTheFinalReadIsValid() {
        var h = of("0 invoke :add 1", "0 ok :add 1", "1 invoke :add 2", "1 info :add 2",
                "2 invoke :add 3", "2 fail :add 3",
                "0 invoke :read nil", "0 ok :read #{1 2}");
        Result r = checker.check(h);
        assertEquals(Result.Validity.VALID, r.validity());
        assertEquals(1, r.details().get(Result.k("recovered-count")));
    }

    @Test
    void aLostInsertIsInvalidAndNamed() {
        var h = of("0 invoke :add 1", "0 ok :add 1", "1 invoke :add 2", "1 ok :add 2",
                "0 invoke :read nil", "0 ok :read #{1}");
        Result r = checker.check(h);
        assertEquals(Result.Validity.INVALID, r.validity());
        assertEquals(List.of(2L), r.details().get(Result.k("lost")));
    }

    @Test
    void anElementNobodyAddedIsUnexpected() {
        var h = of("0 invoke :add 1", "0 ok :add 1", "0 invoke :read nil", "0 ok :read [1 99]");
        Result r = checker.check(h);
        assertEquals(Result.Validity.INVALID, r.validity());
        assertEquals(List.of(99L), r.details().get(Result.k("unexpected")));
    }

    @Test
    void aFailedAddThatIsPresentIsInvalid() {
        var h = of("0 invoke :add 1", "0 fail :add 1", "0 invoke :read nil", "0 ok :read [1]");
        assertEquals(Result.Validity.INVALID, checker.check(h).validity());
    }

    @Test
    void anAddConcurrentWithTheFinalReadMayBeMissing() {
        var h = of("0 invoke :read nil", "1 invoke :add 5", "1 ok :add 5", "0 ok :read []");
        assertEquals(Result.Validity.VALID, checker.check(h).validity());
    }

    @Test
    void withoutAFinalReadTheVerdictIsUnknown() {
        var h = of("0 invoke :add 1", "0 ok :add 1");
        assertEquals(Result.Validity.UNKNOWN, checker.check(h).validity());
    }
}
