package io.mynode.txn;

import static io.mynode.txn.Fixture.b;
import static io.mynode.txn.Fixture.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.ReadOnlyException;
import io.mynode.kernel.error.SerializationFailure;
import io.mynode.kernel.storage.Cursor;
import io.mynode.kernel.storage.Direction;
import io.mynode.kernel.storage.Entry;
import io.mynode.kernel.storage.KeyRange;
import io.mynode.kernel.txn.Transaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MvccTransactionTests {
    private Fixture f;

    @BeforeEach
    void open() {
        f = Fixture.open("memory");
    }

    @AfterEach
    void close() {
        f.close();
    }

    static List<String> scan(Transaction t, KeyRange range, Direction direction) {
        List<String> out = new ArrayList<>();
        try (Cursor c = t.scan(range, direction)) {
            while (c.hasNext()) {
                Entry e = c.next();
                out.add(s(e.key()) + "=" + s(e.value()));
            }
        }
        return out;
    }

    @Nested
    class LargeTransactions {
        @ParameterizedTest
        @MethodSource("io.mynode.txn.Fixture#engines")
        void aCommitWritingMoreKeysThanOneWriteLogEntryHoldsIsStoredInPartsAndValidated(String engine) {
            try (Fixture g = Fixture.open(engine)) {
                // 40,000 keys of 40 bytes: about 1.8 MB of keys, more than one engine value may hold.
                String pad = "x".repeat(32);
                Transaction reader = g.engine.begin();
                reader.get(b("key-39999-" + pad)); // lands in the write log's last part
                try (Transaction t = g.engine.begin()) {
                    for (int i = 0; i < 40_000; i++) {
                        t.put(b("key-" + i + "-" + pad), b("v"));
                    }
                    t.commit();
                }
                try (Transaction t = g.engine.beginReadOnly()) {
                    assertEquals("v", s(t.get(b("key-39999-" + pad)).orElseThrow()));
                }
                reader.put(b("other"), b("1"));
                SerializationFailure e = assertThrows(SerializationFailure.class, reader::commit);
                assertTrue(e.getMessage().contains("key-39999-"), e.getMessage());
            }
        }

        @ParameterizedTest
        @MethodSource("io.mynode.txn.Fixture#engines")
        void aTransactionTooLargeToCommitFailsAndWritesNothing(String engine) {
            try (Fixture g = Fixture.open(engine)) {
                byte[] big = new byte[Layout.MAX_VALUE];
                Transaction t = g.engine.begin();
                int values = Layout.MAX_COMMIT_BYTES / Layout.MAX_VALUE + 1;
                for (int i = 0; i < values; i++) {
                    t.put(b("big-" + i), big);
                }
                InvalidInputException e = assertThrows(InvalidInputException.class, t::commit);
                assertTrue(e.getMessage().contains("too large"), e.getMessage());
                assertEquals(Transaction.State.ROLLED_BACK, t.state());
                try (Transaction r = g.engine.beginReadOnly()) {
                    assertEquals(Optional.empty(), r.get(b("big-0")));
                }
            }
        }
    }

    @Nested
    class OwnWrites {
        @Test
        void getSeesOwnPutsAndDeletesBeforeCommit() {
            f.put("a=1", "b=2");
            try (Transaction t = f.engine.begin()) {
                t.put(b("a"), b("10"));
                t.delete(b("b"));
                t.put(b("c"), b("30"));
                assertEquals("10", s(t.get(b("a")).orElseThrow()));
                assertEquals(Optional.empty(), t.get(b("b")));
                assertEquals("30", s(t.get(b("c")).orElseThrow()));
            }
        }

        @ParameterizedTest
        @MethodSource("io.mynode.txn.Fixture#engines")
        void scansMergeOwnWritesInBothDirections(String engine) {
            try (Fixture g = Fixture.open(engine)) {
                g.put("a=1", "b=2", "d=4", "f=6");
                try (Transaction t = g.engine.begin()) {
                    t.put(b("c"), b("3"));     // new, between stored keys
                    t.put(b("d"), b("40"));    // replaces a stored key
                    t.delete(b("b"));          // hides a stored key
                    t.put(b("g"), b("7"));     // after every stored key
                    t.delete(b("zz"));         // deleting an absent key shows nothing
                    assertEquals(List.of("a=1", "c=3", "d=40", "f=6", "g=7"),
                            scan(t, KeyRange.all(), Direction.ASCENDING));
                    assertEquals(List.of("g=7", "f=6", "d=40", "c=3", "a=1"),
                            scan(t, KeyRange.all(), Direction.DESCENDING));
                    assertEquals(List.of("c=3", "d=40"), scan(t, KeyRange.closedOpen(b("b"), b("f")), Direction.ASCENDING));
                    assertEquals(List.of("f=6", "d=40", "c=3"),
                            scan(t, new KeyRange(b("b"), false, b("f"), true), Direction.DESCENDING));
                }
            }
        }

        @Test
        void anEmptyValueIsAValueNotADelete() {
            try (Transaction t = f.engine.begin()) {
                t.put(b("e"), new byte[0]);
                assertEquals(0, t.get(b("e")).orElseThrow().length);
                assertEquals(List.of("e="), scan(t, KeyRange.all(), Direction.ASCENDING));
                t.commit();
            }
            try (Transaction t = f.engine.beginReadOnly()) {
                assertEquals(0, t.get(b("e")).orElseThrow().length);
                assertEquals(List.of("e="), scan(t, KeyRange.all(), Direction.DESCENDING));
            }
        }

        @Test
        void aScanDoesNotSeeWritesMadeWhileItIsOpen() {
            f.put("a=1", "c=3");
            try (Transaction t = f.engine.begin()) {
                t.put(b("b"), b("2"));
                List<String> seen = new ArrayList<>();
                try (Cursor c = t.scan(KeyRange.all())) {
                    while (c.hasNext()) {
                        Entry e = c.next();
                        seen.add(s(e.key()) + "=" + s(e.value()));
                        t.put(e.key(), b(s(e.value()) + "0")); // an UPDATE rewriting each row it scans
                        t.put(b("d"), b("4"));                 // and inserting ahead of the scan
                    }
                }
                assertEquals(List.of("a=1", "b=2", "c=3"), seen);
                assertEquals(List.of("a=10", "b=20", "c=30", "d=4"), scan(t, KeyRange.all(), Direction.ASCENDING));
            }
        }

        @Test
        void writesAreInvisibleToOthersUntilCommitAndNeverAfterRollback() {
            try (Transaction t = f.engine.begin()) {
                t.put(b("a"), b("1"));
                try (Transaction other = f.engine.beginReadOnly()) {
                    assertEquals(Optional.empty(), other.get(b("a")));
                }
                t.rollback();
            }
            try (Transaction other = f.engine.beginReadOnly()) {
                assertEquals(List.of(), scan(other, KeyRange.all(), Direction.ASCENDING));
            }
        }
    }

    @Nested
    class Snapshots {
        @Test
        void aTransactionDoesNotSeeLaterCommits() {
            f.put("a=1");
            try (Transaction t = f.engine.begin()) {
                f.put("a=2", "b=3");
                assertEquals("1", s(t.get(b("a")).orElseThrow()));
                assertEquals(List.of("a=1"), scan(t, KeyRange.all(), Direction.ASCENDING));
                assertEquals(List.of("a=1"), scan(t, KeyRange.all(), Direction.DESCENDING));
            }
        }

        @Test
        void deletesAreVersionedToo() {
            long v1 = f.put("a=1", "b=2");
            try (Transaction t = f.engine.begin()) {
                t.delete(b("a"));
                t.commit();
            }
            try (Transaction old = f.engine.beginAsOf(v1); Transaction now = f.engine.beginReadOnly()) {
                assertEquals(List.of("b=2", "a=1"), scan(old, KeyRange.all(), Direction.DESCENDING));
                assertEquals(List.of("b=2"), scan(now, KeyRange.all(), Direction.DESCENDING));
                assertEquals(List.of("b=2"), scan(now, KeyRange.all(), Direction.ASCENDING));
            }
        }

        @Test
        void keysThatArePrefixesOfOthersOrHoldZeroBytesKeepTheirOrder() {
            byte[][] keys = {{1}, {1, 0}, {1, 0, 0}, {1, 0, 1}, {1, 1}, {(byte) 0xFF}, {0}, {0, 0}};
            try (Transaction t = f.engine.begin()) {
                for (byte[] k : keys) {
                    t.put(k, k);
                }
                t.commit();
            }
            try (Transaction t = f.engine.beginReadOnly(); Cursor c = t.scan(KeyRange.all())) {
                List<byte[]> seen = new ArrayList<>();
                c.forEachRemaining(e -> seen.add(e.key()));
                List<byte[]> sorted = new ArrayList<>(List.of(keys));
                sorted.sort(io.mynode.kernel.storage.Keys.ORDER);
                assertEquals(sorted.size(), seen.size());
                for (int i = 0; i < sorted.size(); i++) {
                    assertEquals(java.util.HexFormat.of().formatHex(sorted.get(i)), java.util.HexFormat.of().formatHex(seen.get(i)));
                }
                assertEquals(1, t.scan(KeyRange.prefix(new byte[] {1, 0, 0})).next().key().length - 2);
            }
        }
    }

    @Nested
    class Conflicts {
        @ParameterizedTest
        @MethodSource("io.mynode.txn.Fixture#engines")
        void writeSkewIsPrevented(String engine) {
            try (Fixture g = Fixture.open(engine)) {
                g.put("x=1", "y=1");
                Transaction t1 = g.engine.begin();
                Transaction t2 = g.engine.begin();
                t1.get(b("x"));
                t1.get(b("y"));
                t2.get(b("x"));
                t2.get(b("y"));
                t1.put(b("x"), b("0"));
                t2.put(b("y"), b("0"));
                t1.commit();
                SerializationFailure e = assertThrows(SerializationFailure.class, t2::commit);
                assertTrue(e.getMessage().contains("'x'"), e.getMessage());
                assertEquals(Transaction.State.ROLLED_BACK, t2.state());
            }
        }

        @Test
        void blindWritesDoNotConflict() {
            Transaction t1 = f.engine.begin();
            Transaction t2 = f.engine.begin();
            t1.put(b("x"), b("1"));
            t2.put(b("x"), b("2"));
            t1.commit();
            t2.commit();
            try (Transaction r = f.engine.beginReadOnly()) {
                assertEquals("2", s(r.get(b("x")).orElseThrow()));
            }
        }

        @Test
        void anInsertIntoAScannedRangeConflictsButOneOutsideDoesNot() {
            f.put("b=1", "d=1");
            Transaction t1 = f.engine.begin();
            scan(t1, KeyRange.closed(b("a"), b("e")), Direction.ASCENDING);
            t1.put(b("z"), b("1"));
            Transaction t2 = f.engine.begin();
            scan(t2, KeyRange.closed(b("a"), b("e")), Direction.ASCENDING);
            t2.put(b("y"), b("1"));
            f.put("f=1"); // outside both ranges
            t1.commit();
            f.put("c=1"); // inside t2's range
            assertThrows(SerializationFailure.class, t2::commit);
        }

        @Test
        void aScanClosedEarlyIsChargedOnlyWithWhatItSaw() {
            f.put("a=1", "b=1", "c=1", "m=1");
            Transaction t = f.engine.begin();
            try (Cursor c = t.scan(KeyRange.all())) {
                c.next(); // a
                c.next(); // b
            }
            t.put(b("out"), b("1"));
            f.put("n=2"); // beyond what the scan saw
            assertNotEquals(0, t.commit());

            Transaction late = f.engine.begin();
            try (Cursor c = late.scan(KeyRange.all(), Direction.DESCENDING)) {
                c.next(); // out
            }
            late.put(b("x"), b("1"));
            f.put("ab=2"); // inside the part a descending scan did not reach
            late.commit();

            Transaction seen = f.engine.begin();
            try (Cursor c = seen.scan(KeyRange.all())) {
                c.next(); // a
                c.hasNext(); // exposes ab
            }
            seen.put(b("x"), b("2"));
            f.put("aa=3"); // between a and the key hasNext exposed
            assertThrows(SerializationFailure.class, seen::commit);
        }

        @Test
        void readingOwnWriteIsNotARead() {
            Transaction t = f.engine.begin();
            t.put(b("k"), b("1"));
            t.get(b("k"));
            f.put("k=other");
            t.commit();
        }

        @Test
        void aReadOnlyTransactionNeverConflicts() {
            f.put("a=1");
            Transaction r = f.engine.beginReadOnly();
            r.get(b("a"));
            f.put("a=2");
            assertEquals(r.version(), r.commit());
        }
    }

    /**
     * A replica that lags: a stand-in consensus whose log the "leader" state machine applies at
     * once, and this replica only when it proposes or takes a read index (as Raft's read index
     * waits for the local apply).
     */
    static final class LaggingReplica implements io.mynode.kernel.consensus.Consensus {
        final MvccStateMachine leader = new MvccStateMachine(new io.mynode.kernel.storage.MemoryEngine(),
                io.mynode.kernel.config.Settings.empty("mvcc"));
        final MvccStateMachine replica = new MvccStateMachine(new io.mynode.kernel.storage.MemoryEngine(),
                io.mynode.kernel.config.Settings.empty("mvcc"));
        final List<io.mynode.kernel.consensus.Command> log = new ArrayList<>();

        /** Another node's commit, acknowledged once the leader applied it. */
        long commitElsewhere(String key, String value) {
            byte[] payload = Wire.encode(new Wire.Commit(leader.appliedIndex(), 1000, List.of(), List.of(),
                    List.of(new Wire.Write(b(key), b(value)))));
            log.add(new io.mynode.kernel.consensus.Command("other", log.size() + 1, payload));
            leader.apply(log.size(), log.getLast());
            return log.size();
        }

        void catchUp() {
            for (long i = replica.appliedIndex() + 1; i <= log.size(); i++) {
                replica.apply(i, log.get((int) i - 1));
            }
        }

        @Override
        public java.util.concurrent.CompletableFuture<io.mynode.kernel.consensus.Applied> propose(byte[] payload) {
            log.add(new io.mynode.kernel.consensus.Command("replica", log.size() + 1, payload));
            byte[] result = leader.apply(log.size(), log.getLast());
            catchUp();
            return java.util.concurrent.CompletableFuture.completedFuture(
                    new io.mynode.kernel.consensus.Applied(log.size(), result));
        }

        @Override
        public java.util.concurrent.CompletableFuture<Long> readIndex() {
            catchUp();
            return java.util.concurrent.CompletableFuture.completedFuture((long) log.size());
        }

        @Override
        public io.mynode.kernel.consensus.ConsensusStatus status() {
            throw new UnsupportedOperationException("not needed here");
        }

        @Override
        public void close() {}
    }

    @Nested
    class Strictness {
        @Test
        void aCommitThatAConflictAlreadyAppliedHereDoomsFailsWithoutALogEntry() {
            LaggingReplica cluster = new LaggingReplica();
            MvccEngine onReplica = new MvccEngine(cluster.replica, cluster);
            onReplica.begin().rollback(); // reserves ids, so later begins propose nothing
            Transaction t = onReplica.begin();
            t.get(b("x"));
            cluster.commitElsewhere("x", "1");
            cluster.catchUp(); // this replica has applied the write that t's read missed
            t.put(b("y"), b("2"));
            int entries = cluster.log.size();

            SerializationFailure e = assertThrows(SerializationFailure.class, t::commit);
            assertTrue(e.getMessage().contains("'x'"), e.getMessage());
            assertEquals(entries, cluster.log.size(), "a commit known to fail is not proposed");
            try (Transaction r = onReplica.beginReadOnly()) {
                assertEquals(Optional.empty(), r.get(b("y")), "nothing of t was written");
            }
        }

        @Test
        void aConflictNotYetAppliedHereIsFoundByTheStateMachine() {
            LaggingReplica cluster = new LaggingReplica();
            MvccEngine onReplica = new MvccEngine(cluster.replica, cluster);
            onReplica.begin().rollback();
            Transaction t = onReplica.begin();
            t.get(b("x"));
            cluster.commitElsewhere("x", "1"); // applied by the leader, not yet here
            t.put(b("y"), b("2"));
            int entries = cluster.log.size();

            SerializationFailure e = assertThrows(SerializationFailure.class, t::commit);
            assertTrue(e.getMessage().contains("'x'"), e.getMessage());
            assertEquals(entries + 1, cluster.log.size(), "proposed, and refused when applied");
        }

        @Test
        void aReaderThatBeganOnALaggingReplicaCannotCommitAStaleRead() {
            LaggingReplica cluster = new LaggingReplica();
            MvccEngine onReplica = new MvccEngine(cluster.replica, cluster);
            onReplica.begin().rollback(); // reserves ids, so the replica is current before the write
            cluster.commitElsewhere("x", "1"); // acknowledged before the next transaction begins

            Transaction stale = onReplica.begin();
            assertEquals(Optional.empty(), stale.get(b("x")), "the replica has not applied x yet");
            SerializationFailure e = assertThrows(SerializationFailure.class, stale::commit);
            assertTrue(e.getMessage().contains("'x'"), e.getMessage());

            try (Transaction fresh = onReplica.beginReadOnly()) {
                assertEquals("1", s(fresh.get(b("x")).orElseThrow()), "read-only transactions take a read index");
            }
        }

        @Test
        void aStaleReaderWhoseReadsDidNotChangeCommits() {
            LaggingReplica cluster = new LaggingReplica();
            MvccEngine onReplica = new MvccEngine(cluster.replica, cluster);
            onReplica.begin().rollback();
            cluster.commitElsewhere("x", "1");
            Transaction t = onReplica.begin();
            assertEquals(Optional.empty(), t.get(b("y")));
            assertEquals(t.version(), t.commit());
        }
    }

    @Nested
    class Misuse {
        @Test
        void readOnlyTransactionsRefuseWrites() {
            try (Transaction r = f.engine.beginReadOnly()) {
                assertThrows(ReadOnlyException.class, () -> r.put(b("a"), b("1")));
                assertThrows(ReadOnlyException.class, () -> r.delete(b("a")));
            }
        }

        @Test
        void everyOperationAfterCommitFails() {
            Transaction t = f.engine.begin();
            t.put(b("a"), b("1"));
            long v = t.commit();
            assertEquals(Transaction.State.COMMITTED, t.state());
            assertThrows(IllegalStateException.class, () -> t.get(b("a")));
            assertThrows(IllegalStateException.class, () -> t.scan(KeyRange.all()));
            assertThrows(IllegalStateException.class, () -> t.put(b("a"), b("1")));
            assertThrows(IllegalStateException.class, t::commit);
            t.rollback(); // harmless
            assertEquals(Transaction.State.COMMITTED, t.state());
            assertTrue(v > t.version());
        }

        @Test
        void badKeysAndValuesAreRefusedAndChangeNothing() {
            Transaction t = f.engine.begin();
            assertThrows(InvalidInputException.class, () -> t.put(new byte[0], b("1")));
            assertThrows(InvalidInputException.class, () -> t.put(new byte[Layout.MAX_KEY + 1], b("1")));
            assertThrows(InvalidInputException.class, () -> t.put(b("k"), new byte[Layout.MAX_VALUE + 1]));
            assertThrows(InvalidInputException.class, () -> t.get(new byte[0]));
            t.put(new byte[Layout.MAX_KEY], new byte[Layout.MAX_VALUE]); // the limits themselves are fine
            t.commit();
        }
    }

    @Nested
    class TimeTravel {
        @Test
        void asOfReadsOldVersionsAndRefusesTheFuture() {
            long v1 = f.put("a=1");
            long v2 = f.put("a=2");
            try (Transaction t = f.engine.beginAsOf(v1)) {
                assertEquals("1", s(t.get(b("a")).orElseThrow()));
                assertTrue(t.readOnly());
            }
            try (Transaction t = f.engine.beginAsOf(v2)) {
                assertEquals("2", s(t.get(b("a")).orElseThrow()));
            }
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.engine.beginAsOf(v2 + 100));
            assertTrue(e.getMessage().contains("future"), e.getMessage());
            assertThrows(InvalidInputException.class, () -> f.engine.beginAsOf(-1));
        }

        @Test
        void collectedVersionsAreRefusedClearlyAndNewerOnesStayExact() {
            try (Fixture g = Fixture.open("memory", 5)) {
                long first = g.put("a=0", "b=0");
                List<Long> versions = new ArrayList<>();
                for (int i = 1; i <= 40; i++) {
                    versions.add(g.put("a=" + i));
                }
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> g.engine.beginAsOf(first));
                assertTrue(e.getMessage().contains("garbage collected"), e.getMessage());
                long low = g.stateMachine.lowWater();
                assertTrue(low > first);
                for (int i = 0; i < versions.size(); i++) {
                    if (versions.get(i) >= low) {
                        try (Transaction t = g.engine.beginAsOf(versions.get(i))) {
                            assertEquals(String.valueOf(i + 1), s(t.get(b("a")).orElseThrow()));
                            assertEquals("0", s(t.get(b("b")).orElseThrow()), "b's only version survives");
                        }
                    }
                }
                long stored = countVersions(g, "a");
                assertTrue(stored <= 5 + MvccStateMachine.GC_PER_APPLY, "versions of a kept: " + stored);
            }
        }

        @Test
        void aReaderWhoseVersionIsCollectedMidwayFailsInsteadOfReadingWrongData() {
            try (Fixture g = Fixture.open("memory", 3)) {
                long v = g.put("a=0", "b=0");
                Transaction t = g.engine.beginAsOf(v);
                Cursor c = t.scan(KeyRange.all());
                assertEquals("a", s(c.next().key()));
                for (int i = 0; i < 10; i++) {
                    g.put("a=" + i, "b=" + i);
                }
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> t.get(b("a")));
                assertTrue(e.getMessage().contains("garbage collected"), e.getMessage());
                assertThrows(InvalidInputException.class, c::hasNext);
            }
        }

        @Test
        void aReadWriteTransactionWhoseSnapshotWasCollectedFailsAsRetryable() {
            try (Fixture g = Fixture.open("memory", 3)) {
                g.put("a=0");
                Transaction t = g.engine.begin();
                t.get(b("a"));
                t.put(b("b"), b("1"));
                for (int i = 0; i < 10; i++) {
                    g.put("c=" + i);
                }
                SerializationFailure e = assertThrows(SerializationFailure.class, t::commit);
                assertTrue(e.retryable());
                assertTrue(e.getMessage().contains("low-water"), e.getMessage());
            }
        }
    }

    @Test
    void transactionIdsAreUniqueAcrossEnginesAndRestarts() {
        Set<Long> ids = new HashSet<>();
        MvccEngine second = new MvccEngine(f.stateMachine, f.consensus);
        for (int i = 0; i < 3000; i++) {
            assertTrue(ids.add(f.engine.begin().id()));
            assertTrue(ids.add(second.beginReadOnly().id()));
        }
        MvccStateMachine reopened = new MvccStateMachine(f.storage, io.mynode.kernel.config.Settings.empty("mvcc"));
        MvccEngine afterRestart = new MvccEngine(reopened,
                new io.mynode.kernel.consensus.LocalConsensus("n1", reopened, io.mynode.kernel.config.Settings.empty("local")));
        for (int i = 0; i < 100; i++) {
            assertTrue(ids.add(afterRestart.begin().id()));
        }
    }

    static long countVersions(Fixture g, String key) {
        long n = 0;
        try (Cursor c = g.storage.scan(KeyRange.prefix(Layout.keyPrefix(b(key))))) {
            while (c.hasNext()) {
                c.next();
                n++;
            }
        }
        return n;
    }
}
