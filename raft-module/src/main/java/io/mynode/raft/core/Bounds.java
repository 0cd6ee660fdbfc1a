package io.mynode.raft.core;

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
import java.util.List;
import java.util.Optional;

/**
 * What a peer may claim: the bounds every number in a message must lie within before the core
 * acts on it. {@link Node#step} asks {@link #check} first and drops a message outside them,
 * reporting {@link Effect.Dropped}; nothing of it reaches the node's term, log or disk.
 *
 * <p>Why: the codec checks that a message is well formed (it decodes, its counts fit its bytes),
 * not that it is believable. One heartbeat claiming term 2^63-1 used to be adopted and persisted;
 * the next election overflowed the term, every message after it was malformed, and the cluster
 * had no leader again, restarts included. A peer that is authenticated (the transport's business)
 * is still not trusted with out-of-range values: a bug or a bit flip that passed the checksum
 * must not be able to wedge the cluster either.
 *
 * <h2>The bounds</h2>
 * <ul>
 *   <li><b>Terms</b> at most {@link #MAX_TERM} (2^62), and at most {@link #MAX_TERM_STEP} (2^32)
 *       above this node's own term. The ceiling keeps {@code term + 1} from ever overflowing; the
 *       step keeps one message from spending the headroom: reaching the ceiling takes 2^30
 *       accepted messages, each raising the term by the most allowed, and each costing the
 *       receiver an fsync. Honest terms grow by one per election: 2^32 elections, at one every
 *       election timeout, is decades of elections with nobody winning, so no real node is that far
 *       behind. A term inside a message (an entry's, a snapshot's, a candidate's last) is at most
 *       the envelope's: nobody holds an entry from a term later than its own.</li>
 *   <li><b>Indexes</b> at most {@link #MAX_INDEX} (2^62), so {@code index + count} cannot
 *       overflow; an acknowledgement (append or snapshot) is at most the leader's last index,
 *       since the leader never sent more. Entries of an append have non-decreasing terms, at least
 *       the term before them.</li>
 *   <li><b>Sizes</b>: a forwarded command or an entry at most {@link #MAX_COMMAND_BYTES} (the
 *       driver's proposal limit plus room for the command's header: a larger one could never
 *       travel in one peer message and would block every entry after it); a snapshot at most
 *       {@link #MAX_SNAPSHOT_BYTES}, a chunk inside it. Counts are bounded by the message's bytes,
 *       which the codec checks.</li>
 * </ul>
 * Values that are only echoed back (a heartbeat round, read ids) need no bound: the core ignores
 * a round it never sent and an id it does not know.
 *
 * <h2>Adding a message or a field</h2>
 * {@link #check} switches over every {@link Message} without a default branch, so a new message
 * type does not compile until it says here what its numbers may be. A new numeric field gets its
 * line in that message's case; the bound goes in this class's documentation above.
 */
public final class Bounds {
    /** The highest term a message may carry, far below overflow. */
    public static final long MAX_TERM = 1L << 62;
    /** How far above this node's term a message's term may be. */
    public static final long MAX_TERM_STEP = 1L << 32;
    /** The highest log index a message may name. */
    public static final long MAX_INDEX = 1L << 62;
    /** The largest command a peer may forward or an entry may hold: a 16 MiB proposal and its header. */
    public static final int MAX_COMMAND_BYTES = (16 << 20) + (64 << 10);
    /** The largest snapshot a leader may announce. */
    public static final long MAX_SNAPSHOT_BYTES = 1L << 40;

    private Bounds() {}

    /**
     * Why {@code env} must be dropped, or empty if every number in it is believable for a node
     * at {@code term} whose log ends at {@code lastIndex}; {@code leading} says whether this
     * node leads in {@code term} (only a leader can check an acknowledgement against its log).
     * Pure: it reads nothing but its arguments.
     */
    static Optional<String> check(Envelope env, long term, long lastIndex, boolean leading) {
        long t = env.term();
        if (t < 0 || t > MAX_TERM) {
            return why("term " + t + " is outside 0.." + MAX_TERM);
        }
        if (t > term && t - term > MAX_TERM_STEP) {
            return why("term " + t + " is more than " + MAX_TERM_STEP + " above this node's term " + term);
        }
        boolean acknowledging = leading && t == term;
        return switch (env.message()) {
            case Append a -> append(a, t);
            case AppendResponse r -> first(
                    index("index", r.index()),
                    index("hintIndex", r.hintIndex()),
                    termAtMost("hintTerm", r.hintTerm(), t),
                    acknowledging && r.index() > lastIndex
                            ? why("acknowledges index " + r.index() + " beyond the last index " + lastIndex) : none());
            case Heartbeat h -> first(index("commit", h.commit()), nonNegative("readSeq", h.readSeq()));
            case HeartbeatResponse r -> nonNegative("readSeq", r.readSeq());
            case Commit c -> index("commit", c.commit());
            case VoteRequest v -> first(index("lastIndex", v.lastIndex()), termAtMost("lastTerm", v.lastTerm(), t));
            case VoteResponse v -> none();
            case InstallSnapshot s -> first(
                    index("index", s.index()),
                    termAtMost("snapshotTerm", s.snapshotTerm(), t),
                    s.size() < 0 || s.size() > MAX_SNAPSHOT_BYTES
                            ? why("snapshot size " + s.size() + " is outside 0.." + MAX_SNAPSHOT_BYTES) : none(),
                    s.offset() < 0 || s.offset() + s.data().length > s.size()
                            ? why("chunk at " + s.offset() + " runs past the snapshot's " + s.size() + " bytes") : none());
            case SnapshotResponse r -> first(
                    index("index", r.index()),
                    r.nextOffset() < 0 || r.nextOffset() > MAX_SNAPSHOT_BYTES
                            ? why("nextOffset " + r.nextOffset() + " is outside 0.." + MAX_SNAPSHOT_BYTES) : none(),
                    acknowledging && r.index() > lastIndex
                            ? why("acknowledges a snapshot at " + r.index() + " beyond the last index " + lastIndex) : none());
            case Forward f -> commands(f.commands());
            case ReadRequest r -> none();
            case ReadResponse r -> index("index", r.index());
            case TimeoutNow n -> none();
            case ChangeRequest r -> none(); // its id is only echoed; the codec bounds ids and addresses
            case ChangeResponse r -> r.result() instanceof ChangeResult.Accepted a
                    ? first(index("index", a.index()), termAtMost("term", a.term(), t)) : none();
        };
    }

    private static Optional<String> append(Append a, long t) {
        Optional<String> fixed = first(
                index("prevIndex", a.prevIndex()),
                termAtMost("prevTerm", a.prevTerm(), t),
                index("commit", a.commit()),
                a.prevIndex() > MAX_INDEX - a.entries().size()
                        ? why(a.entries().size() + " entries after " + a.prevIndex() + " pass index " + MAX_INDEX) : none());
        if (fixed.isPresent()) {
            return fixed;
        }
        long previous = a.prevTerm();
        long expected = a.prevIndex() + 1;
        for (Entry e : a.entries()) {
            if (e.index() != expected++) {
                return why("entry " + e + " does not follow index " + (expected - 2));
            }
            if (e.term() < previous || e.term() > t) {
                return why("entry " + e + " has a term outside " + previous + ".." + t);
            }
            if (e.data().length > MAX_COMMAND_BYTES) {
                return why("entry " + e + " is over " + MAX_COMMAND_BYTES + " bytes");
            }
            previous = e.term();
        }
        return none();
    }

    private static Optional<String> commands(List<byte[]> commands) {
        for (byte[] c : commands) {
            if (c.length == 0 || c.length > MAX_COMMAND_BYTES) {
                return why("a forwarded command of " + c.length + " bytes is outside 1.." + MAX_COMMAND_BYTES);
            }
        }
        return none();
    }

    private static Optional<String> index(String field, long v) {
        return v < 0 || v > MAX_INDEX ? why(field + " " + v + " is outside 0.." + MAX_INDEX) : none();
    }

    private static Optional<String> termAtMost(String field, long v, long envelopeTerm) {
        return v < 0 || v > envelopeTerm ? why(field + " " + v + " is outside 0.." + envelopeTerm
                + " (the sender's term)") : none();
    }

    private static Optional<String> nonNegative(String field, long v) {
        return v < 0 ? why(field + " " + v + " is negative") : none();
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... checks) {
        for (Optional<String> c : checks) {
            if (c.isPresent()) {
                return c;
            }
        }
        return none();
    }

    private static Optional<String> why(String reason) {
        return Optional.of(reason);
    }

    private static Optional<String> none() {
        return Optional.empty();
    }
}
