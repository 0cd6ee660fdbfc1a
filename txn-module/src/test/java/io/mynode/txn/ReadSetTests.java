package io.mynode.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadSetTests {

    private static byte[] key(Random r) {
        return new byte[] {(byte) r.nextInt(12)};
    }

    @Test
    void mergedRangesCoverExactlyTheKeysOfTheOriginals() {
        Random r = new Random(17);
        for (int round = 0; round < 2000; round++) {
            List<KeyRange> ranges = new ArrayList<>();
            for (int i = r.nextInt(6); i > 0; i--) {
                ranges.add(new KeyRange(r.nextInt(5) == 0 ? null : key(r), r.nextBoolean(),
                        r.nextInt(5) == 0 ? null : key(r), r.nextBoolean()));
            }
            ReadSet set = new ReadSet(List.of(), ranges);
            List<KeyRange> merged = ReadSet.merge(ranges);
            for (int i = 1; i < merged.size(); i++) {
                byte[] prevEnd = merged.get(i - 1).end();
                byte[] start = merged.get(i).start();
                assertTrue(prevEnd != null && start != null && Keys.compare(prevEnd, start) <= 0,
                        "sorted and disjoint: " + merged);
            }
            for (int k = 0; k < 12; k++) {
                byte[] key = {(byte) k};
                boolean expected = ranges.stream().anyMatch(x -> x.contains(key));
                assertEquals(expected, set.rangeOf(key).isPresent(), () -> ranges + " merged " + merged + " key " + key[0]);
            }
        }
    }
}
