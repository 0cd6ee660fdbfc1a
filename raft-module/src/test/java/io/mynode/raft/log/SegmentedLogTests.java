package io.mynode.raft.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.CorruptionException;
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
                log.compact(300);
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
                log.resetTo(50, 4);
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
        void appendsThatDoNotFitAreRefusedAndChangeNothing() {
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                log.append(entries(1, 3, 1));
                assertThrows(IllegalArgumentException.class, () -> log.append(entries(5, 6, 1)));
                assertEquals(3, log.lastIndex());
            }
        }
    }

    @Nested
    class Recovery {
        private void writeThree() {
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
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
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                assertEquals(2, log.lastIndex());
                log.append(entries(3, 4, 2));
                log.sync();
            }
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
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
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
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
            CorruptionException e = assertThrows(CorruptionException.class, () -> SegmentedLog.open(dir, 1 << 20));
            assertTrue(e.getMessage().contains(seg.getFileName().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
            assertArrayEquals(bytes, Files.readAllBytes(seg), "a corrupt log must not be modified");
        }

        @Test
        void damageInAnEarlierSegmentIsCorruptionEvenAtItsEnd() throws IOException {
            try (SegmentedLog log = SegmentedLog.open(dir, 4096)) {
                for (long i = 1; i <= 200; i += 10) {
                    log.append(entries(i, i + 9, 1));
                    log.sync();
                }
            }
            Path first = segments().getFirst();
            try (FileChannel ch = FileChannel.open(first, StandardOpenOption.WRITE)) {
                ch.truncate(Files.size(first) - 3);
            }
            assertThrows(CorruptionException.class, () -> SegmentedLog.open(dir, 4096));
        }

        @Test
        void aDamagedMetaFileIsCorruption() throws IOException {
            try (SegmentedLog log = SegmentedLog.open(dir, 1 << 20)) {
                log.saveTermAndVote(7, Optional.of("n1"));
                log.sync();
            }
            Path meta = dir.resolve(Meta.FILE);
            byte[] bytes = Files.readAllBytes(meta);
            bytes[10] ^= 0x01;
            Files.write(meta, bytes);
            assertThrows(CorruptionException.class, () -> SegmentedLog.open(dir, 1 << 20));
        }
    }
}
