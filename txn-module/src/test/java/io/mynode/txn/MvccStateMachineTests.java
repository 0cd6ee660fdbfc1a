package io.mynode.txn;

import static io.mynode.txn.Fixture.b;
import static io.mynode.txn.Fixture.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.config.Settings;
import io.mynode.kernel.consensus.Command;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.storage.MemoryEngine;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.txn.Transaction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MvccStateMachineTests {

    static MvccStateMachine machine(StorageEngine storage) {
        return new MvccStateMachine(storage, Settings.empty("mvcc"));
    }

    static byte[] commit(long snapshot, long retention, List<String> reads, String... writes) {
        List<Wire.Write> ws = new ArrayList<>();
        for (String w : writes) {
            String[] kv = w.split("=", 2);
            ws.add(new Wire.Write(b(kv[0]), kv.length == 1 ? null : b(kv[1])));
        }
        return Wire.encode(new Wire.Commit(snapshot, retention, reads.stream().map(Fixture::b).toList(), List.of(), ws));
    }

    static List<Entry> dump(StorageEngine storage) {
        List<Entry> out = new ArrayList<>();
        try (Cursor c = storage.scan(KeyRange.all())) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    @Nested
    class ExactlyOnce {
        @Test
        void aRepeatedCommandReturnsTheFirstOutcomeAndChangesNothing() {
            MemoryEngine storage = new MemoryEngine();
            MvccStateMachine sm = machine(storage);
            byte[] first = sm.apply(1, new Command("c1", 1, commit(0, 100, List.of(), "a=1")));
            assertEquals(new Wire.Committed(1), Wire.decodeOutcome(first));
            List<Entry> before = dump(storage).stream().filter(e -> !java.util.Arrays.equals(e.key(), Layout.APPLIED)).toList();
            byte[] again = sm.apply(2, new Command("c1", 1, commit(0, 100, List.of(), "a=2")));
            assertArrayEquals(first, again);
            List<Entry> after = dump(storage).stream().filter(e -> !java.util.Arrays.equals(e.key(), Layout.APPLIED)).toList();
            assertEquals(before, after);
            assertEquals(2, sm.appliedIndex());
            assertEquals("1", s(sm.read(b("a"), 10).orElseThrow()));
        }

        @Test
        void anOlderSequenceIsRejectedAndChangesNothing() {
            MvccStateMachine sm = machine(new MemoryEngine());
            sm.apply(1, new Command("c1", 5, commit(0, 100, List.of(), "a=1")));
            Wire.Outcome o = Wire.decodeOutcome(sm.apply(2, new Command("c1", 4, commit(1, 100, List.of(), "a=2"))));
            assertInstanceOf(Wire.Rejected.class, o);
            assertEquals("1", s(sm.read(b("a"), 10).orElseThrow()));
        }

        @Test
        void theDedupRecordSurvivesARestart() {
            MemoryEngine storage = new MemoryEngine();
            byte[] first = machine(storage).apply(1, new Command("c1", 1, commit(0, 100, List.of(), "a=1")));
            MvccStateMachine reopened = machine(storage);
            assertEquals(1, reopened.appliedIndex());
            assertArrayEquals(first, reopened.apply(2, new Command("c1", 1, commit(0, 100, List.of(), "a=1"))));
        }
    }

    @Nested
    class UserErrorsAreResults {
        @Test
        void malformedOrInvalidCommandsAreRejectedWithoutThrowing() {
            MemoryEngine storage = new MemoryEngine();
            MvccStateMachine sm = machine(storage);
            assertInstanceOf(Wire.Rejected.class, Wire.decodeOutcome(sm.apply(1, new Command("c", 1, new byte[] {1, 2, 3}))));
            assertInstanceOf(Wire.Rejected.class, Wire.decodeOutcome(sm.apply(2, new Command("c", 2, new byte[0]))));
            String bigKey = "k".repeat(Layout.MAX_KEY + 1);
            assertInstanceOf(Wire.Rejected.class,
                    Wire.decodeOutcome(sm.apply(3, new Command("c", 3, commit(0, 100, List.of(), bigKey + "=1")))));
            assertInstanceOf(Wire.Rejected.class,
                    Wire.decodeOutcome(sm.apply(4, new Command("c", 4, commit(9, 100, List.of(), "a=1")))),
                    "a snapshot from the future");
            assertEquals(4, sm.appliedIndex());
            assertEquals(List.of(), dump(storage).stream().filter(e -> e.key()[0] != Layout.META).toList());
        }

        @Test
        void aConflictIsAResult() {
            MvccStateMachine sm = machine(new MemoryEngine());
            sm.apply(1, new Command("c", 1, commit(0, 100, List.of(), "a=1")));
            sm.apply(2, new Command("c", 2, commit(1, 100, List.of(), "a=2")));
            Wire.Outcome o = Wire.decodeOutcome(sm.apply(3, new Command("d", 1, commit(1, 100, List.of("a"), "b=1"))));
            assertInstanceOf(Wire.Conflict.class, o);
        }

        @Test
        void unknownSettingsAreRefused() {
            assertThrows(ConfigException.class,
                    () -> new MvccStateMachine(new MemoryEngine(), new Settings("mvcc", Map.of("retention.version", "5"))));
        }
    }

    @Test
    void skipAdvancesTheStoredAppliedIndex() {
        MemoryEngine storage = new MemoryEngine();
        MvccStateMachine sm = machine(storage);
        sm.skip(1);
        sm.apply(2, new Command("c", 1, commit(1, 100, List.of(), "a=1")));
        sm.skip(3);
        assertEquals(3, sm.flush());
        assertEquals(3, machine(storage).appliedIndex());
    }

    @Test
    void theStateSurvivesClosingAndReopeningADurableEngine() throws Exception {
        if (!Fixture.engines().contains("btree")) {
            return; // only the memory model is on the class path: nothing durable to reopen
        }
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mvcc-reopen");
        var provider = io.mynode.kernel.Providers.select(io.mynode.kernel.storage.StorageEngineProvider.class, "btree");
        var context = new io.mynode.kernel.storage.StorageContext(dir, Settings.empty("btree"));
        List<Command> commands = randomCommands(3, 100);
        List<Entry> before;
        try (StorageEngine storage = provider.open(context)) {
            MvccStateMachine sm = machine(storage);
            for (int i = 0; i < commands.size(); i++) {
                sm.apply(i + 1, commands.get(i));
            }
            assertEquals(100, sm.flush());
            before = dump(storage);
        }
        try (StorageEngine storage = provider.open(context)) {
            MvccStateMachine sm = machine(storage);
            assertEquals(100, sm.appliedIndex());
            assertEquals(before, dump(storage));
            byte[] again = sm.apply(101, commands.get(99));
            assertEquals(before.size(), dump(storage).size(), "a replayed command changes nothing " + Wire.decodeOutcome(again));
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A random but valid command stream: commits with reads that sometimes conflict, id reservations. */
    static List<Command> randomCommands(long seed, int n) {
        Random r = new Random(seed);
        List<Command> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (r.nextInt(10) == 0) {
                out.add(new Command("client" + r.nextInt(3), i, Wire.encode(new Wire.AllocateIds(10))));
                continue;
            }
            long snapshot = Math.max(0, i - 1 - r.nextInt(5));
            List<String> reads = List.of("k" + r.nextInt(8));
            String w = "k" + r.nextInt(8) + (r.nextInt(5) == 0 ? "" : "=" + i);
            int client = r.nextInt(3);
            // every fifth command repeats the previous one of the same client: a retried proposal
            long sequence = r.nextInt(5) == 0 ? i - 1 : i;
            out.add(new Command("client" + client, sequence, commit(snapshot, 7, reads, w)));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("io.mynode.txn.Fixture#engines")
    void twoReplicasFedTheSameCommandsEndIdentical(String engine) {
        List<Command> commands = randomCommands(7, 400);
        try (Fixture a = Fixture.open(engine); Fixture b = Fixture.open("memory")) {
            List<byte[]> outcomesA = new ArrayList<>();
            List<byte[]> outcomesB = new ArrayList<>();
            long base = a.stateMachine.appliedIndex();
            for (int i = 0; i < commands.size(); i++) {
                outcomesA.add(a.stateMachine.apply(base + i + 1, commands.get(i)));
                outcomesB.add(b.stateMachine.apply(base + i + 1, commands.get(i)));
            }
            for (int i = 0; i < commands.size(); i++) {
                assertArrayEquals(outcomesA.get(i), outcomesB.get(i), "outcome of command " + i);
            }
            assertEquals(dump(a.storage), dump(b.storage));
            long conflicts = outcomesA.stream().filter(o -> Wire.decodeOutcome(o) instanceof Wire.Conflict).count();
            assertTrue(conflicts > 0, "the stream should contain conflicts");
            assertTrue(a.stateMachine.lowWater() > 0, "the stream should have moved the low-water mark");
        }
    }

    @Nested
    class Snapshots {
        @ParameterizedTest
        @MethodSource("io.mynode.txn.Fixture#engines")
        void aRestoredReplicaEqualsTheSenderAndDecidesLaterCommandsAlike(String engine) {
            List<Command> commands = randomCommands(11, 300);
            try (Fixture sender = Fixture.open(engine); Fixture receiver = Fixture.open("memory")) {
                receiver.put("junk=to be replaced");
                for (int i = 0; i < 200; i++) {
                    sender.stateMachine.apply(i + 1, commands.get(i));
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long index = sender.stateMachine.writeSnapshot(out);
                assertEquals(200, index);
                receiver.stateMachine.restoreSnapshot(index, new ByteArrayInputStream(out.toByteArray()));
                assertEquals(dump(sender.storage), dump(receiver.storage));
                assertEquals(200, receiver.stateMachine.appliedIndex());
                assertEquals(sender.stateMachine.lowWater(), receiver.stateMachine.lowWater());
                for (int i = 200; i < commands.size(); i++) {
                    assertArrayEquals(sender.stateMachine.apply(i + 1, commands.get(i)),
                            receiver.stateMachine.apply(i + 1, commands.get(i)));
                }
                assertEquals(dump(sender.storage), dump(receiver.storage));
                try (Transaction t = receiver.engine.beginReadOnly()) {
                    assertTrue(t.get(b("junk")).isEmpty());
                }
            }
        }

        @ParameterizedTest
        @MethodSource("io.mynode.txn.Fixture#engines")
        void aSnapshotTakenWhileApplyingIsExactlyTheStateAtTheIndexItReports(String engine) throws Exception {
            List<Command> commands = randomCommands(23, 3000);
            try (Fixture live = Fixture.open(engine)) {
                Thread applier = new Thread(() -> {
                    for (int i = 0; i < commands.size(); i++) {
                        live.stateMachine.apply(i + 1, commands.get(i));
                    }
                });
                applier.start();
                List<long[]> taken = new ArrayList<>();
                List<byte[]> images = new ArrayList<>();
                while (applier.isAlive() && images.size() < 5) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    taken.add(new long[] {live.stateMachine.writeSnapshot(out)});
                    images.add(out.toByteArray());
                    Thread.sleep(5);
                }
                applier.join();
                assertTrue(images.size() > 0);
                for (int n = 0; n < images.size(); n++) {
                    long index = taken.get(n)[0];
                    try (Fixture restored = Fixture.open("memory"); Fixture replayed = Fixture.open("memory")) {
                        restored.stateMachine.restoreSnapshot(index, new ByteArrayInputStream(images.get(n)));
                        for (int i = 0; i < index; i++) {
                            replayed.stateMachine.apply(i + 1, commands.get(i));
                        }
                        assertEquals(dump(replayed.storage), dump(restored.storage), "snapshot at " + index);
                    }
                }
            }
        }

        @Test
        void aDamagedSnapshotIsRefusedAndLeavesTheStateAlone() {
            try (Fixture sender = Fixture.open("memory"); Fixture receiver = Fixture.open("memory")) {
                sender.put("a=1", "b=2");
                receiver.put("mine=1");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long index = sender.stateMachine.writeSnapshot(out);
                byte[] good = out.toByteArray();
                List<Entry> before = dump(receiver.storage);

                byte[] flipped = good.clone();
                flipped[flipped.length - 12] ^= 0x40;
                byte[] truncated = java.util.Arrays.copyOf(good, good.length - 5);
                for (byte[] bad : List.of(flipped, truncated, new byte[] {1, 2, 3}, new byte[0])) {
                    assertThrows(CorruptionException.class,
                            () -> receiver.stateMachine.restoreSnapshot(index, new ByteArrayInputStream(bad)));
                    assertEquals(before, dump(receiver.storage));
                }
                assertThrows(CorruptionException.class,
                        () -> receiver.stateMachine.restoreSnapshot(index + 1, new ByteArrayInputStream(good)));
                assertEquals(before, dump(receiver.storage));
            }
        }
    }
}
