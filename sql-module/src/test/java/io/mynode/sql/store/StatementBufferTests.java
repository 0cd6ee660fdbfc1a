package io.mynode.sql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.txn.Transaction;
import io.mynode.sql.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StatementBufferTests {
    private static byte[] key(int i) {
        return new byte[] {(byte) i};
    }

    private static List<String> scan(Store s, KeyRange range) {
        List<String> out = new ArrayList<>();
        try (Cursor c = s.scan(range)) {
            c.forEachRemaining(e -> out.add(e.key()[0] + "=" + new String(e.value())));
        }
        return out;
    }

    @Test
    void overlaysItsWritesOnTheTransactionUntilFlushed() {
        try (TestDatabase db = TestDatabase.open(); Transaction txn = db.node().transactions().begin()) {
            Random random = new Random(9);
            TreeMap<Integer, String> model = new TreeMap<>();
            for (int i = 0; i < 40; i += 2) {
                txn.put(key(i), ("t" + i).getBytes());
                model.put(i, "t" + i);
            }
            StatementBuffer buffer = new StatementBuffer(txn);
            for (int n = 0; n < 200; n++) {
                int k = random.nextInt(45);
                if (random.nextBoolean()) {
                    buffer.put(key(k), ("b" + n).getBytes());
                    model.put(k, "b" + n);
                } else {
                    buffer.delete(key(k));
                    model.remove(k);
                }
                int from = random.nextInt(45);
                int to = from + random.nextInt(10);
                List<String> expected = new ArrayList<>();
                model.subMap(from, true, to, false).forEach((kk, v) -> expected.add(kk + "=" + v));
                assertEquals(expected, scan(buffer, KeyRange.closedOpen(key(from), key(to))));
                assertEquals(Optional.ofNullable(model.get(k)), buffer.get(key(k)).map(String::new));
            }
            // The transaction sees nothing of the statement until the flush.
            assertEquals(20, scan(new StatementBuffer(txn), KeyRange.all()).size());
            buffer.flush();
            assertTrue(buffer.isEmpty());
            List<String> expected = new ArrayList<>();
            model.forEach((kk, v) -> expected.add(kk + "=" + v));
            assertEquals(expected, scan(new StatementBuffer(txn), KeyRange.all()));
        }
    }
}
