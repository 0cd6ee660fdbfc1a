package io.mynode.txn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.Keys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayoutTests {
    record Versioned(byte[] key, long version) {}

    private static byte[] randomKey(Random r) {
        byte[] k = new byte[1 + r.nextInt(4)];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) new int[] {0x00, 0x01, 0xFF, 'a'}[r.nextInt(4)];
        }
        return k;
    }

    @Test
    void storageOrderIsUserKeyAscendingThenVersionDescending() {
        Random r = new Random(3);
        List<Versioned> items = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long v = switch (r.nextInt(3)) {
                case 0 -> r.nextInt(5);
                case 1 -> Long.MAX_VALUE - r.nextInt(3);
                default -> r.nextLong() & Long.MAX_VALUE;
            };
            items.add(new Versioned(randomKey(r), v));
        }
        List<Versioned> byModel = new ArrayList<>(items);
        byModel.sort(Comparator.comparing(Versioned::key, Keys.ORDER)
                .thenComparing(Comparator.comparingLong(Versioned::version).reversed()));
        List<Versioned> byEncoding = new ArrayList<>(items);
        byEncoding.sort(Comparator.comparing(x -> Layout.data(x.key(), x.version()), Keys.ORDER));
        for (int i = 0; i < items.size(); i++) {
            assertArrayEquals(byModel.get(i).key(), byEncoding.get(i).key());
            assertEquals(byModel.get(i).version(), byEncoding.get(i).version());
        }
    }

    @Test
    void dataKeysDecodeToTheirUserKeyAndVersion() {
        Random r = new Random(5);
        for (int i = 0; i < 1000; i++) {
            byte[] k = randomKey(r);
            long v = r.nextLong() & Long.MAX_VALUE;
            byte[] encoded = Layout.data(k, v);
            assertArrayEquals(k, Layout.userKey(encoded));
            assertEquals(v, Layout.version(encoded));
        }
    }

    @Test
    void aUserRangeMapsToExactlyTheVersionsOfItsKeys() {
        Random r = new Random(9);
        for (int i = 0; i < 500; i++) {
            byte[] a = randomKey(r);
            byte[] z = randomKey(r);
            KeyRange user = new KeyRange(r.nextBoolean() ? a : null, r.nextBoolean(), r.nextBoolean() ? z : null, r.nextBoolean());
            KeyRange stored = Layout.dataRange(user);
            for (int j = 0; j < 20; j++) {
                byte[] k = randomKey(r);
                byte[] encoded = Layout.data(k, r.nextInt(100));
                assertEquals(user.contains(k), stored.contains(encoded), () -> user + " vs " + java.util.HexFormat.of().formatHex(k));
            }
        }
        assertTrue(Layout.dataRange(KeyRange.all()).contains(Layout.data(new byte[] {(byte) 0xFF, (byte) 0xFF}, 0)));
    }
}
