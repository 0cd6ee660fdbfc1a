package io.mynode.raft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.raft.core.Message.Append;
import io.mynode.raft.core.Message.AppendResponse;
import io.mynode.raft.core.Message.Commit;
import io.mynode.raft.core.Message.Forward;
import io.mynode.raft.core.Message.Heartbeat;
import io.mynode.raft.core.Message.HeartbeatResponse;
import io.mynode.raft.core.Message.InstallSnapshot;
import io.mynode.raft.core.Message.ReadRequest;
import io.mynode.raft.core.Message.ReadResponse;
import io.mynode.raft.core.Message.SnapshotResponse;
import io.mynode.raft.core.Message.VoteRequest;
import io.mynode.raft.core.Message.VoteResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BoundsTests {
    private static final long TERM = 7;
    private static final long LAST = 20;
    private static final long BIG = Bounds.MAX_INDEX + 1;

    private static Optional<String> check(long term, Message m, boolean leading) {
        return Bounds.check(new Envelope("n2", "n1", term, m), TERM, LAST, leading);
    }

    private static void believed(Message m) {
        assertEquals(Optional.empty(), check(TERM, m, true), m.toString());
    }

    private static void dropped(Message m, String why) {
        dropped(TERM, m, true, why);
    }

    private static void dropped(long term, Message m, boolean leading, String why) {
        Optional<String> reason = check(term, m, leading);
        assertTrue(reason.isPresent() && reason.get().contains(why), m + " at term " + term + ": " + reason);
    }

    @Nested
    class Terms {
        @Test
        void aTermNearOverflowOrFarAboveOursIsDroppedWhateverTheMessage() {
            for (Message m : List.of(new Heartbeat(0, 0), new VoteRequest(true, 0, 0), new Forward(List.of(new byte[1])))) {
                dropped(Long.MAX_VALUE, m, false, "outside 0..");
                dropped(Bounds.MAX_TERM + 1, m, false, "outside 0..");
                dropped(-1, m, false, "outside 0..");
                dropped(TERM + Bounds.MAX_TERM_STEP + 1, m, false, "above this node's term");
                assertEquals(Optional.empty(), check(TERM + Bounds.MAX_TERM_STEP, m, false), m.toString());
            }
        }

        @Test
        void aTermCarriedInsideAMessageIsAtMostTheSendersTerm() {
            dropped(new VoteRequest(false, 3, TERM + 1), "lastTerm");
            dropped(new Append(3, TERM + 1, List.of(), 0), "prevTerm");
            dropped(new AppendResponse(false, 3, 2, TERM + 1), "hintTerm");
            dropped(new InstallSnapshot(5, TERM + 1, 10, 0, new byte[0], false), "snapshotTerm");
            believed(new VoteRequest(false, 3, TERM));
        }
    }

    @Nested
    class Appends {
        @Test
        void entriesMustFollowPrevIndexWithTermsThatNeverGoBackNorPassTheSenders() {
            byte[] x = {1};
            believed(new Append(3, 2, List.of(new Entry(4, 2, x), new Entry(5, TERM, x)), 3));
            dropped(new Append(3, 2, List.of(new Entry(4, 1, x)), 3), "term outside 2..7");
            dropped(new Append(3, 2, List.of(new Entry(4, 5, x), new Entry(5, 4, x)), 3), "term outside 5..7");
            dropped(new Append(3, 2, List.of(new Entry(4, TERM + 1, x)), 3), "term outside");
            dropped(new Append(3, 2, List.of(new Entry(5, 2, x)), 3), "does not follow");
            dropped(new Append(3, 2, List.of(new Entry(4, 2, new byte[Bounds.MAX_COMMAND_BYTES + 1])), 3), "over");
        }

        @Test
        void indexesNearOverflowAreDropped() {
            dropped(new Append(BIG, 1, List.of(), 0), "prevIndex");
            dropped(new Append(1, 1, List.of(), BIG), "commit");
            dropped(new Append(Bounds.MAX_INDEX, 1, List.of(new Entry(Bounds.MAX_INDEX + 1, 1, new byte[0])), 0),
                    "pass index");
            dropped(new Heartbeat(BIG, 0), "commit");
            dropped(new Commit(BIG), "commit");
            dropped(new ReadResponse(List.of(1L), BIG), "index");
            dropped(new VoteRequest(true, BIG, 1), "lastIndex");
        }

        @Test
        void aLeaderBelievesNoAcknowledgementOfEntriesItNeverHad() {
            believed(new AppendResponse(true, LAST, 0, 0));
            dropped(new AppendResponse(true, LAST + 1, 0, 0), "beyond the last index");
            dropped(new AppendResponse(false, LAST + 1, 0, 0), "beyond the last index");
            dropped(new SnapshotResponse(LAST + 1, 0, true), "beyond the last index");
            // Only a leader of this term can tell: anyone else ignores the message anyway.
            assertEquals(Optional.empty(), check(TERM, new AppendResponse(true, LAST + 1, 0, 0), false));
            assertEquals(Optional.empty(), check(TERM - 1, new AppendResponse(true, LAST + 1, 0, 0), true));
        }
    }

    @Nested
    class Sizes {
        @Test
        void aSnapshotChunkMustLieInsideASnapshotOfBelievableSize() {
            believed(new InstallSnapshot(5, 3, 10, 8, new byte[2], true));
            dropped(new InstallSnapshot(5, 3, 10, 9, new byte[2], true), "runs past");
            dropped(new InstallSnapshot(5, 3, Bounds.MAX_SNAPSHOT_BYTES + 1, 0, new byte[0], false), "snapshot size");
            dropped(new SnapshotResponse(5, -1, false), "nextOffset");
        }

        @Test
        void aForwardedCommandMustBeNonEmptyAndFitAPeerMessage() {
            believed(new Forward(List.of(new byte[1], new byte[Bounds.MAX_COMMAND_BYTES])));
            dropped(new Forward(List.of(new byte[0])), "outside 1..");
            dropped(new Forward(List.of(new byte[Bounds.MAX_COMMAND_BYTES + 1])), "outside 1..");
        }

        @Test
        void echoedValuesNeedNoBoundBeyondBeingNonNegative() {
            believed(new HeartbeatResponse(Long.MAX_VALUE));
            believed(new ReadRequest(List.of(Long.MIN_VALUE, Long.MAX_VALUE)));
            believed(new VoteResponse(true, true));
            dropped(new HeartbeatResponse(-1), "negative");
        }
    }
}
