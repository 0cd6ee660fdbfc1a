package io.mynode.raft.core;

import java.util.List;

/**
 * The messages Raft nodes exchange. Every message travels in an {@link Envelope} carrying the
 * sender's term; forwarded client traffic ({@link Forward}, {@link ReadRequest},
 * {@link ReadResponse}, {@link ChangeRequest}, {@link ChangeResponse}) is exempt from the term
 * rules, since it is valid in any term.
 */
public sealed interface Message {

    /** Leader → follower: entries after {@code prevIndex}@{@code prevTerm}, and the commit index. */
    record Append(long prevIndex, long prevTerm, List<Entry> entries, long commit) implements Message {}

    /**
     * Follower → leader. On success {@code index} is the last index known to match the leader.
     * On rejection {@code index} is the rejected {@code prevIndex} and {@code hintIndex}@{@code
     * hintTerm} the follower's last entry that may match, so the leader skips whole terms.
     */
    record AppendResponse(boolean success, long index, long hintIndex, long hintTerm) implements Message {}

    /**
     * Leader → follower: still leading; {@code commit} is capped at what the follower matches;
     * {@code readSeq} numbers the leader's heartbeat rounds, for confirming reads and leases.
     */
    record Heartbeat(long commit, long readSeq) implements Message {}

    /**
     * Leader → follower: the commit index, capped at what the follower matches, sent as soon as
     * it advances. Unanswered, unlike an empty {@link Append}: the follower has nothing to tell
     * and the leader learns nothing from an echo, so an answer would only double the messages of
     * a round. A lost one costs a little latency: the next append or heartbeat carries it too.
     */
    record Commit(long commit) implements Message {}

    /** Follower → leader: echoes the heartbeat's round. */
    record HeartbeatResponse(long readSeq) implements Message {}

    /**
     * A (pre-)candidate asks for a vote; a pre-vote carries the term the candidate would take.
     * {@code transfer}: the leader asked this candidate to take over ({@link TimeoutNow}), so a
     * voter grants the vote even while it has heard from that leader recently.
     */
    record VoteRequest(boolean pre, long lastIndex, long lastTerm, boolean transfer) implements Message {
        public VoteRequest(boolean pre, long lastIndex, long lastTerm) {
            this(pre, lastIndex, lastTerm, false);
        }
    }

    record VoteResponse(boolean pre, boolean granted) implements Message {}

    /**
     * Leader → follower: one chunk of a snapshot; {@code done} marks the last. {@code config} is
     * the cluster configuration in force at {@code index}, which the follower's log records when
     * it installs the snapshot.
     */
    record InstallSnapshot(long index, long snapshotTerm, long size, long offset, byte[] data, boolean done,
            Configuration config) implements Message {
        public InstallSnapshot(long index, long snapshotTerm, long size, long offset, byte[] data, boolean done) {
            this(index, snapshotTerm, size, offset, data, done, Configuration.EMPTY);
        }
    }

    /** Follower → leader: the offset it expects next, or that the snapshot is installed. */
    record SnapshotResponse(long index, long nextOffset, boolean installed) implements Message {}

    /** Follower → leader: commands proposed on the follower, to append as they are. */
    record Forward(List<byte[]> commands) implements Message {}

    /** Follower → leader: read requests (ids local to the follower) wanting a read index. */
    record ReadRequest(List<Long> ids) implements Message {}

    /** Leader → follower: the read index for those requests, confirmed by a quorum or a lease. */
    record ReadResponse(List<Long> ids, long index) implements Message {}

    /**
     * Leader → the voter it hands leadership to, once that voter's log matches its own: start an
     * election now, without a pre-vote (Raft thesis §3.10).
     */
    record TimeoutNow() implements Message {}

    /** Any node → leader: a membership change or transfer requested on that node ({@code id} is local to it). */
    record ChangeRequest(long id, Change change) implements Message {}

    /** Leader → the requesting node: what became of its {@link ChangeRequest}. */
    record ChangeResponse(long id, ChangeResult result) implements Message {}
}
