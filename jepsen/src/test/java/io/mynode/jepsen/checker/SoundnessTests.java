package io.mynode.jepsen.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mynode.jepsen.history.Edn;
import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checkers must never accuse a correct system: histories simulated from an atomic register and a
 * serial transaction executor, with random overlap, failures and indeterminate operations, are
 * all valid; and one impossible read planted in such a history is always caught.
 */
class SoundnessTests {

    @Test
    void everySimulatedLinearizableRegisterHistoryIsAccepted() {
        for (long seed = 0; seed < 150; seed++) {
            History h = SimulatedHistories.registers(seed, 5, 30, 3);
            Result r = new RegisterChecker().check(h);
            assertEquals(Result.Validity.VALID, r.validity(), "seed " + seed + ": " + Edn.write(r.toEdn()));
        }
    }

    @Test
    void aPlantedImpossibleReadIsAlwaysCaught() {
        for (long seed = 0; seed < 50; seed++) {
            History h = SimulatedHistories.registers(seed, 5, 30, 3);
            List<Op> ops = new ArrayList<>(h.ops());
            for (int i = ops.size() - 1; i >= 0; i--) {
                Op o = ops.get(i);
                if (o.type() == Op.Type.OK && o.f() == RegisterChecker.READ) {
                    List<?> kv = (List<?>) o.value();
                    ops.set(i, new Op(o.index(), o.type(), o.f(), Arrays.asList(kv.get(0), 77L), o.process(), o.time(),
                            null));
                    break;
                }
            }
            assertEquals(Result.Validity.INVALID, new RegisterChecker().check(History.of(ops)).validity(),
                    "seed " + seed);
        }
    }

    @Test
    void everySimulatedSerializableAppendHistoryIsAccepted() {
        for (long seed = 0; seed < 150; seed++) {
            History h = SimulatedHistories.appends(seed, 5, 30, 4);
            Result r = new AppendChecker().check(h);
            assertEquals(Result.Validity.VALID, r.validity(), "seed " + seed + ": " + Edn.write(r.toEdn()));
        }
    }
}
