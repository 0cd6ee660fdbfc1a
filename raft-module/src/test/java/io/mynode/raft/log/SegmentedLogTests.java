package io.mynode.raft.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.raft.core.Configuration;
import io.mynode.raft.core.Entry;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedLogTests {
    @TempDir
    Path dir;

    private static List<Entry> entries(long from, long to, long term) {
        List<Entry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(new Entry(i, term, ("cmd-" + i + "-" + term).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static String data(SegmentedLog log, long index) {
        return new String(log.entries(index, index, Long.MAX_VALUE).getFirst().data(), StandardCharsets.UTF_8);
    }

    private List<Path> segments() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Nested
    class Durability {
        @Test
        void entriesTermAndVoteSurviveReopening() {
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                log.append(entries(1, 5, 1));
                log.saveTermAndVote(3, Optional.of("n2"));
                log.sync();
            }
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                assertEquals(1, log.firstIndex());
                assertEquals(5, log.lastIndex());
                assertEquals(1, log.term(5));
                assertEquals("cmd-3-1", data(log, 3));
                assertEquals(3, log.currentTerm());
                assertEquals(Optional.of("n2"), log.votedFor());
            }
        }

        @Test
        void aConflictingAppendTruncatesTheSuffixOnDiskToo() {
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                log.append(entries(1, 10, 1));
                log.append(entries(6, 7, 2));
                log.sync();
                assertEquals(7, log.lastIndex());
            }
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                assertEquals(7, log.lastIndex());
                assertEquals(2, log.term(6));
                assertEquals(1, log.term(5));
                assertEquals("cmd-7-2", data(log, 7));
            }
        }

        @Test
        void segmentsRollAndCompactionRemovesWholeOnes() throws IOException {
            try (SegmentedLog log = SegmentedLog.open(dir, 4096)) {
                for (long i = 1; i <= 400; i += 10) {
                    log.append(entries(i, i + 9, 1));
                    log.sync();
                }
                int before = segments().size();
                assertTrue(before > 3, "expected several segments, got " + before);
                log.compact(300, Configuration.EMPTY);
                assertTrue(segments().size() < before);
                assertEquals(301, log.firstIndex());
                assertEquals(1, log.term(300));
                log.append(entries(401, 410, 2));
                log.sync();
            }
            try (SegmentedLog log = SegmentedLog.open(dir, 4096)) {
                assertEquals(301, log.firstIndex());
                assertEquals(410, log.lastIndex());
                assertEquals("cmd-350-1", data(log, 350));
                assertEquals(2, log.term(410));
            }
        }

        @Test
        void aResetToASnapshotStartsAFreshLog() {
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                log.append(entries(1, 20, 1));
                log.sync();
                log.resetTo(50, 4, Configuration.EMPTY);
                assertEquals(51, log.firstIndex());
                assertEquals(50, log.lastIndex());
                log.append(entries(51, 52, 4));
                log.sync();
            }
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                assertEquals(51, log.firstIndex());
                assertEquals(52, log.lastIndex());
                assertEquals(4, log.term(50));
            }
        }

        @Test
        void theConfigurationAtTheCompactionPointSurvivesAReopen() {
            Configuration three = new Configuration(List.of(new Configuration.Member("n1", "h:1", true),
                    new Configuration.Member("n2", "h:2", true), new Configuration.Member("n3", "h:3", false)));
            Configuration two = three.without("n3");
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                assertEquals(Configuration.EMPTY, log.configuration());
                log.saveConfiguration(three);
                log.sync();
            }
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                assertEquals(three, log.configuration());
                log.append(entries(1, 20, 1));
                log.sync();
                log.compact(10, two);
            }
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                assertEquals(two, log.configuration());
                log.resetTo(40, 3, three);
            }
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                assertEquals(three, log.configuration());
                assertEquals(40, log.lastIndex());
            }
        }

        @Test
        void aMetaFileOfVersionOneReadsAsHavingNoConfiguration() throws IOException {
            // As written before configurations were recorded: magic, version 1, term 7, snapshot 0@0, vote "n2".
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(42);
            b.putInt(0x4D524D31).putInt(1).putLong(7).putLong(0).putLong(0).putInt(2).put("n2".getBytes());
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(b.array(), 0, 38);
            b.putInt((int) crc.getValue());
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve("raft.meta"), b.array());
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                assertEquals(7, log.currentTerm());
                assertEquals(java.util.Optional.of("n2"), log.votedFor());
                assertEquals(Configuration.EMPTY, log.configuration());
            }
        }

        @Test
        void appendsThatDoNotFitAreRefusedAndChangeNothing() {
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                log.append(entries(1, 3, 1));
                assertThrows(IllegalArgumentException.class, () -> log.append(entries(5, 6, 1)));
                assertEquals(3, log.lastIndex());
            }
        }
    }

    /** These tests cut and flip bytes at the end of files, so they use segments that grow. */
    @Nested
    class Recovery {
        private SegmentedLog plain(long segmentBytes) {
            return SegmentedLog.open(dir, segmentBytes, false);
        }

        private void writeThree() {
            try (SegmentedLog log = plain(1 << 20)) {
                log.append(entries(1, 3, 1));
                log.sync();
            }
        }

        @Test
        void aTornTailIsTruncatedAndTheLogGoesOn() throws IOException {
            writeThree();
            Path seg = segments().getFirst();
            long size = Files.size(seg);
            try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
                ch.truncate(size - 5); // the last record was cut short by a crash
            }
            try (SegmentedLog log = plain(1 << 20)) {
                assertEquals(2, log.lastIndex());
                log.append(entries(3, 4, 2));
                log.sync();
            }
            try (SegmentedLog log = plain(1 << 20)) {
                assertEquals(4, log.lastIndex());
                assertEquals("cmd-4-2", data(log, 4));
            }
        }

        @Test
        void aLastRecordFailingItsChecksumAtTheEndIsATornTail() throws IOException {
            writeThree();
            Path seg = segments().getFirst();
            byte[] bytes = Files.readAllBytes(seg);
            bytes[bytes.length - 1] ^= 0x40;
            Files.write(seg, bytes);
            try (SegmentedLog log = plain(1 << 20)) {
                assertEquals(2, log.lastIndex());
            }
        }

        @Test
        void aFlippedByteInTheMiddleIsCorruption() throws IOException {
            writeThree();
            Path seg = segments().getFirst();
            byte[] bytes = Files.readAllBytes(seg);
            bytes[SegmentedLog.SEGMENT_HEADER + SegmentedLog.RECORD_HEADER + 20] ^= 0x01; // inside record 1's data
            Files.write(seg, bytes);
            CorruptionException e = assertThrows(CorruptionException.class, () -> plain(1 << 20));
            assertTrue(e.getMessage().contains(seg.getFileName().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
            assertArrayEquals(bytes, Files.readAllBytes(seg), "a corrupt log must not be modified");
        }

        @Test
        void damageInAnEarlierSegmentIsCorruptionEvenAtItsEnd() throws IOException {
            try (SegmentedLog log = plain(4096)) {
                for (long i = 1; i <= 200; i += 10) {
                    log.append(entries(i, i + 9, 1));
                    log.sync();
                }
            }
            Path first = segments().getFirst();
            try (FileChannel ch = FileChannel.open(first, StandardOpenOption.WRITE)) {
                ch.truncate(Files.size(first) - 3);
            }
            assertThrows(CorruptionException.class, () -> plain(4096));
        }

        @Test
        void aDamagedMetaFileIsCorruption() throws IOException {
            try (SegmentedLog log = plain(1 << 20)) {
                log.saveTermAndVote(7, Optional.of("n1"));
                log.sync();
            }
            Path meta = dir.resolve(Meta.FILE);
            byte[] bytes = Files.readAllBytes(meta);
            bytes[10] ^= 0x01;
            Files.write(meta, bytes);
            assertThrows(CorruptionException.class, () -> plain(1 << 20));
        }
    }

    @Nested
    class Preallocation {
        private static final long SEGMENT = 64 << 10;

        /** A log whose next segment is prepared, so that its first append takes a preallocated one. */
        private SegmentedLog prepared() throws InterruptedException {
            SegmentedLog log = SegmentedLog.open(dir, SEGMENT);
            log.awaitPrepared();
            return log;
        }

        /** Appends entries 1..{@code last} in synced batches of 100, each after the next segment is prepared. */
        private void appendInBatchesOf100(SegmentedLog log, long last) throws InterruptedException {
            for (long i = 1; i <= last; i += 100) {
                log.append(entries(i, i + 99, 1));
                log.sync();
                log.awaitPrepared();
            }
        }

        private List<Path> leftovers() throws IOException {
            try (var s = Files.list(dir)) {
                return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            }
        }

        @Test
        void appendsWriteIntoAFileOfTheFullSizeAndSurviveReopening() throws Exception {
            try (SegmentedLog log = prepared()) {
                log.append(entries(1, 5, 1));
                log.sync();
                assertEquals(1, segments().size());
                assertEquals(SEGMENT, Files.size(segments().getFirst()), "the segment is preallocated");
            }
            try (SegmentedLog log = SegmentedLog.open(dir, SEGMENT)) {
                assertEquals(5, log.lastIndex());
                assertEquals("cmd-5-1", data(log, 5));
                log.append(entries(6, 8, 2));
                log.sync();
                assertEquals(1, segments().size(), "appends go on in the same preallocated file");
                assertEquals(SEGMENT, Files.size(segments().getFirst()));
            }
            try (SegmentedLog log = SegmentedLog.open(dir, SEGMENT)) {
                assertEquals(8, log.lastIndex());
                assertEquals("cmd-3-1", data(log, 3));
                assertEquals("cmd-8-2", data(log, 8));
            }
            assertEquals(List.of(), leftovers(), "closing deletes the segment prepared next");
        }

        @Test
        void rolledSegmentsAreCutToTheirRecordsSoOnlyTheLastEndsInZeros() throws Exception {
            try (SegmentedLog log = prepared()) {
                appendInBatchesOf100(log, 10000);
                List<Path> segs = segments();
                assertTrue(segs.size() > 2, "expected several segments, got " + segs.size());
                for (Path seg : segs.subList(0, segs.size() - 1)) {
                    byte[] bytes = Files.readAllBytes(seg);
                    assertTrue(bytes.length < SEGMENT + 100 * 64 && bytes[bytes.length - 1] != 0,
                            seg + " ends in zeros or was not cut");
                }
            }
            try (SegmentedLog log = SegmentedLog.open(dir, SEGMENT)) {
                assertEquals(10000, log.lastIndex());
                assertEquals("cmd-2500-1", data(log, 2500));
            }
        }

        @Test
        void aTornRecordFollowedByZerosIsATornTail() throws Exception {
            long end;
            try (SegmentedLog log = prepared()) {
                log.append(entries(1, 3, 1));
                log.sync();
            }
            Path seg = segments().getFirst();
            byte[] bytes = Files.readAllBytes(seg);
            end = lastNonZero(bytes) + 1;
            bytes[(int) end - 1] ^= 0x40; // the last record's last byte: its write was torn
            Files.write(seg, bytes);
            try (SegmentedLog log = SegmentedLog.open(dir, SEGMENT)) {
                assertEquals(2, log.lastIndex());
                log.append(entries(3, 4, 2));
                log.sync();
            }
            try (SegmentedLog log = SegmentedLog.open(dir, SEGMENT)) {
                assertEquals(4, log.lastIndex());
                assertEquals("cmd-4-2", data(log, 4));
            }
        }

        @Test
        void zerosBeforeTheEndOfAnEarlierSegmentAreCorruption() throws Exception {
            try (SegmentedLog log = prepared()) {
                appendInBatchesOf100(log, 5000);
            }
            Path first = segments().getFirst();
            try (FileChannel ch = FileChannel.open(first, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.allocate(4096), Files.size(first)); // zeros after its records
            }
            assertThrows(CorruptionException.class, () -> SegmentedLog.open(dir, SEGMENT));
        }

        @Test
        void aSegmentLeftWithNoRecordsByACrashRightAfterTheRollIsAnEmptyTail() throws Exception {
            try (SegmentedLog log = prepared()) {
                log.append(entries(1, 3, 1));
                log.sync();
            }
            // What a crash right after a roll leaves: the old segment cut to its records, then a
            // prepared segment, header and zeros only.
            Path old = segments().getFirst();
            try (FileChannel ch = FileChannel.open(old, StandardOpenOption.WRITE)) {
                ch.truncate(lastNonZero(Files.readAllBytes(old)) + 1);
            }
            Path next = dir.resolve(SegmentedLog.segmentName(4));
            byte[] empty = new byte[(int) SEGMENT];
            java.nio.ByteBuffer.wrap(empty).put(SegmentedLog.header());
            Files.write(next, empty);
            try (SegmentedLog log = SegmentedLog.open(dir, SEGMENT)) {
                assertEquals(3, log.lastIndex());
                log.append(entries(4, 5, 1));
                log.sync();
            }
            try (SegmentedLog log = SegmentedLog.open(dir, SEGMENT)) {
                assertEquals(5, log.lastIndex());
                assertEquals("cmd-5-1", data(log, 5));
            }
        }

        @Test
        void aTruncatedSegmentGrowsUntilTheLogMovesToAPreparedOne() throws Exception {
            try (SegmentedLog log = prepared()) {
                log.append(entries(1, 10, 1));
                log.sync();
                log.append(entries(6, 7, 2)); // a new leader's conflicting suffix cuts the file
                log.sync();
                log.awaitPrepared();
                log.append(entries(8, 9, 2));
                log.sync();
                assertEquals(2, segments().size(), "the cut segment is left for a prepared one");
            }
            try (SegmentedLog log = SegmentedLog.open(dir, SEGMENT)) {
                assertEquals(9, log.lastIndex());
                assertEquals(1, log.term(5));
                assertEquals(2, log.term(6));
                assertEquals("cmd-9-2", data(log, 9));
            }
        }

        @Test
        @SuppressWarnings("try") // opening the log is what deletes the leftovers
        void filesLeftInPreparationByACrashAreDeletedOnOpen() throws Exception {
            Path leftover = dir.resolve("wal-next-crashed.tmp");
            Files.write(leftover, new byte[100]);
            try (SegmentedLog log = SegmentedLog.open(dir, SEGMENT)) {
                assertTrue(Files.notExists(leftover));
            }
        }

        private static int lastNonZero(byte[] bytes) {
            int i = bytes.length - 1;
            while (bytes[i] == 0) {
                i--;
            }
            return i;
        }
    }
}
