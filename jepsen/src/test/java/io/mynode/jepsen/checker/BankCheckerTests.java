package io.mynode.jepsen.checker;

import static io.mynode.jepsen.checker.Histories.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.jepsen.history.Edn;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BankCheckerTests {
    private final BankChecker checker = new BankChecker(Set.of(0L, 1L, 2L), 30);

    @Test
    void readsThatSumToTheTotalAreValid() {
        var h = of(
                "0 invoke :transfer {:from 0 :to 1 :amount 5}", "0 ok :transfer {:from 0 :to 1 :amount 5}",
                "1 invoke :read nil", "1 ok :read {0 5, 1 15, 2 10}",
                "1 invoke :transfer {:from 2 :to 0 :amount 50}", "1 fail :transfer {:from 2 :to 0 :amount 50}");
        Result r = checker.check(h);
        assertEquals(Result.Validity.VALID, r.validity());
        assertEquals(1L, r.details().get(Result.k("read-count")));
    }

    @Test
    void aReadWithTheTotalOffIsInvalid() {
        var h = of("1 invoke :read nil", "1 ok :read {0 10, 1 10, 2 10}",
                "1 invoke :read nil", "1 ok :read {0 5, 1 10, 2 10}");
        Result r = checker.check(h);
        assertEquals(Result.Validity.INVALID, r.validity());
        String edn = Edn.write(r.toEdn());
        assertTrue(edn.contains(":wrong-total {:count 1"), edn);
        assertTrue(edn.contains(":total 25"), edn);
    }

    @Test
    void aNegativeBalanceIsInvalidEvenWithTheRightTotal() {
        var h = of("1 invoke :read nil", "1 ok :read {0 -5, 1 25, 2 10}");
        Result r = checker.check(h);
        assertEquals(Result.Validity.INVALID, r.validity());
        assertTrue(Edn.write(r.toEdn()).contains(":negative-value"));
    }

    @Test
    void aMissingOrUnknownAccountIsInvalid() {
        assertEquals(Result.Validity.INVALID,
                checker.check(of("1 invoke :read nil", "1 ok :read {0 10, 1 20}")).validity());
        assertEquals(Result.Validity.INVALID,
                checker.check(of("1 invoke :read nil", "1 ok :read {0 10, 1 10, 2 10, 7 0}")).validity());
    }

    @Test
    void withoutASuccessfulReadTheVerdictIsUnknown() {
        var h = of("1 invoke :read nil", "1 fail :read nil");
        assertEquals(Result.Validity.UNKNOWN, checker.check(h).validity());
    }
}
