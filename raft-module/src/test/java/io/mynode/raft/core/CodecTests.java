package io.mynode.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mynode.kernel.error.InvalidInputException;
import io.mynode.raft.core.Message.Append;
import io.mynode.raft.core.Message.AppendResponse;
import io.mynode.raft.core.Message.ChangeRequest;
import io.mynode.raft.core.Message.ChangeResponse;
import io.mynode.raft.core.Message.Commit;
import io.mynode.raft.core.Message.Forward;
import io.mynode.raft.core.Message.Heartbeat;
import io.mynode.raft.core.Message.HeartbeatResponse;
import io.mynode.raft.core.Message.InstallSnapshot;
import io.mynode.raft.core.Message.ReadRequest;
import io.mynode.raft.core.Message.ReadResponse;
import io.mynode.raft.core.Message.SnapshotResponse;
import io.mynode.raft.core.Message.TimeoutNow;
import io.mynode.raft.core.Message.VoteRequest;
import io.mynode.raft.core.Message.VoteResponse;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CodecTests {
    private static final Configuration CONFIG = new Configuration(List.of(new Configuration.Member("n1", "h1:9601", true),
            new Configuration.Member("n2", "h2:9602", true), new Configuration.Member("n4", "h4:9604", false)));

    private static final List<Message> ALL = List.of(
            new Append(4, 2, List.of(new Entry(5, 2, new byte[0]), new Entry(6, 3, new byte[] {1, 2, 3}),
                    new Entry(7, 3, CONFIG.toEntryData())), 4),
            new AppendResponse(false, 9, 7, 2),
            new Heartbeat(12, 3),
            new HeartbeatResponse(3),
            new Commit(11),
            new VoteRequest(true, 8, 2),
            new VoteRequest(false, 8, 2, true),
            new VoteResponse(false, true),
            new InstallSnapshot(40, 3, 100, 10, new byte[] {9, 9}, false, CONFIG),
            new SnapshotResponse(40, 12, false),
            new Forward(List.of(new byte[] {5}, new byte[] {6, 7})),
            new ReadRequest(List.of(1L, 2L)),
            new ReadResponse(List.of(3L), 17),
            new TimeoutNow(),
            new ChangeRequest(7, new Change.AddLearner("n6", "h6:9606")),
            new ChangeRequest(8, new Change.Remove("n2")),
            new ChangeRequest(9, new Change.Transfer("n1")),
            new ChangeResponse(7, new ChangeResult.Accepted(12, 3)),
            new ChangeResponse(8, new ChangeResult.Transferring("n1")),
            new ChangeResponse(9, new ChangeResult.Done()),
            new ChangeResponse(10, new ChangeResult.Rejected("node n6 is already a member", true)),
            new ChangeResponse(11, new ChangeResult.Retry("not yet")));

    @Test
    void everyMessageSurvivesARoundTrip() {
        for (Message m : ALL) {
            Envelope env = new Envelope("n1", "n2", 5, m);
            Envelope back = Codec.decode(Codec.encode(env));
            // Records with arrays compare by identity, so compare the re-encoded bytes.
            assertEquals(Arrays.toString(Codec.encode(env)), Arrays.toString(Codec.encode(back)), m.toString());
            assertEquals(m.getClass(), back.message().getClass());
        }
    }

    @Test
    void garbageTruncationAndFlippedBitsAreRejectedAsInvalidInput() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] good = Codec.encode(new Envelope("n1", "n2", 5, ALL.get(random.nextInt(ALL.size()))));
            byte[] bad = switch (round % 3) {
                case 0 -> Arrays.copyOf(good, random.nextInt(good.length));
                case 1 -> {
                    byte[] b = good.clone();
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    yield b;
                }
                default -> {
                    byte[] b = new byte[random.nextInt(200)];
                    random.nextBytes(b);
                    yield b;
                }
            };
            try {
                Codec.decode(bad);
                fail("decoded a damaged message: " + Arrays.toString(bad));
            } catch (InvalidInputException expected) {
                // the only acceptable outcome
            }
        }
    }

    @Test
    void anAppendWhoseEntriesDoNotFollowOnIsRejected() {
        byte[] bytes = Codec.encode(new Envelope("n1", "n2", 5, new Append(4, 2, List.of(new Entry(9, 2, new byte[] {1})), 4)));
        assertThrows(InvalidInputException.class, () -> Codec.decode(bytes));
    }

    @Test
    void membershipMessagesKeepTheirFields() {
        for (Message m : List.of(new ChangeRequest(7, new Change.AddLearner("n6", "h6:9606")),
                new ChangeResponse(10, new ChangeResult.Rejected("node n6 is already a member", true)),
                new ChangeResponse(7, new ChangeResult.Accepted(12, 3)), new VoteRequest(false, 8, 2, true))) {
            assertEquals(m, Codec.decode(Codec.encode(new Envelope("n1", "n2", 5, m))).message());
        }
        InstallSnapshot s = (InstallSnapshot) Codec.decode(Codec.encode(new Envelope("n1", "n2", 5,
                new InstallSnapshot(40, 3, 100, 0, new byte[] {9}, false, CONFIG)))).message();
        assertEquals(CONFIG, s.config());
    }

    @Test
    void aConfigurationEntryThatDoesNotDecodeIsRejected() {
        byte[] junk = {Configuration.ENTRY_MARKER, 1, 2, 3};
        byte[] bytes = Codec.encode(new Envelope("n1", "n2", 5, new Append(4, 2, List.of(new Entry(5, 2, junk)), 4)));
        assertThrows(InvalidInputException.class, () -> Codec.decode(bytes));
    }

    @Test
    void aForwardedCommandPosingAsAConfigurationIsRejected() {
        byte[] bytes = Codec.encode(new Envelope("n1", "n2", 5, new Forward(List.of(CONFIG.toEntryData()))));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Codec.decode(bytes));
        assertTrue(e.getMessage().contains("configuration"), e.getMessage());
    }

    @Test
    void aChangeRequestWithoutANodeOrWithAnUnknownKindIsRejected() {
        byte[] noNode = Codec.encode(new Envelope("n1", "n2", 5, new ChangeRequest(1, new Change.Remove(""))));
        assertThrows(InvalidInputException.class, () -> Codec.decode(noNode));
        byte[] addWithoutAddress = Codec.encode(new Envelope("n1", "n2", 5, new ChangeRequest(1, new Change.AddLearner("n6", ""))));
        assertThrows(InvalidInputException.class, () -> Codec.decode(addWithoutAddress));
    }

    @Test
    void idsRoundTripInUtf8() {
        Envelope env = new Envelope("nœud-1", "узел-2", 5, new Heartbeat(1, 2));
        Envelope back = Codec.decode(Codec.encode(env));
        assertEquals("nœud-1", back.from());
        assertEquals("узел-2", back.to());
    }

    @Test
    void aStringLongerThanItsMessageIsRejectedWithoutReadingIt() {
        // A well-framed message (its checksum holds) whose sender id claims 1 GiB.
        java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate(16);
        body.put((byte) 2).put((byte) 3).put((byte) 0xdb).putInt(1 << 30).put(new byte[] {'n', '1'});
        byte[] framed = Arrays.copyOf(body.array(), body.position() + 4);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(framed, 0, body.position());
        java.nio.ByteBuffer.wrap(framed).putInt(body.position(), (int) crc.getValue());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Codec.decode(framed));
        assertTrue(e.getMessage().contains("exceeds the message size"), e.getMessage());
    }
}
