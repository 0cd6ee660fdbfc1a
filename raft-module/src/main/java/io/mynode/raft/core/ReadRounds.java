package io.mynode.raft.core;

import io.mynode.raft.core.Role.PendingRead;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * A leader's read-index rounds (thesis §6.4) and read lease (§6.4.1). Every heartbeat broadcast
 * is a numbered round. A read that cannot be answered at once gets the commit index and the
 * number of the next round, and is confirmed once a quorum has echoed that round: the leader was
 * still leader after the read arrived. With a lease the leader notes when it sent each recent
 * round, so that an echo also tells since when that follower has promised not to vote, and while
 * such promises from a quorum hold, reads need no round at all.
 *
 * <p>One per {@link Role.Leader}: a new leadership starts with no round echoed and no lease, and
 * stepping down drops both. Per-follower state (the highest round echoed and its send time) lives
 * in {@link Progress}. Quorums are counted over the voters of the leader's latest configuration,
 * which the leader passes in with each echo; a configuration change drops the lease
 * ({@link #dropLease}), so a lease always rests on promises counted in the configuration in force
 * (see the package documentation for why that suffices).
 */
final class ReadRounds {
    /** Send times kept for this many recent rounds; an echo of an older round extends no lease. */
    static final int ROUNDS = 64;

    private final long leaseNanos;
    private final LongSupplier clock;
    /** Reads with an index and a round, oldest first. */
    private final List<PendingRead> pending = new ArrayList<>();
    /** The last round sent. */
    private long round;
    /** Monotonic send time of round r, at {@code r % ROUNDS}. */
    private final long[] sentAt = new long[ROUNDS];
    /**
     * Reads joined round {@code round + 1} since the last broadcast: that round's heartbeat is
     * sent once, at {@link Node#drain()}, however many reads arrived in between.
     */
    private boolean wanted;
    /** Whether {@link #leaseUntil} holds: false until a quorum echoed a round of this leadership. */
    private boolean leased;
    /** The lease ends at this monotonic time (compare by difference: nanoTime may be negative). */
    private long leaseUntil;

    ReadRounds(long leaseNanos, LongSupplier clock) {
        this.leaseNanos = leaseNanos;
        this.clock = clock;
    }

    /** Whether a read waits for a round not sent yet. */
    boolean wanted() {
        return wanted;
    }

    /**
     * Starts the next round and returns its number. Its send time is read now, before the
     * messages leave (the driver sends them after a log sync): a lease counted from a little too
     * early only ends a little too early.
     */
    long send() {
        wanted = false;
        round++;
        if (leaseNanos > 0) {
            sentAt[(int) (round % ROUNDS)] = clock.getAsLong();
        }
        return round;
    }

    /** Queues {@code r}, which carries its read index, for confirmation by the next round. */
    void await(PendingRead r) {
        wanted = true;
        pending.add(new PendingRead(r.from(), r.ids(), r.index(), round + 1));
    }

    /**
     * Records that {@code pr}'s follower echoed {@code echoed}; returns the reads this confirms,
     * oldest first. {@code all} is the progress of every voter but the leader, and {@code quorum}
     * the voters' majority (the leader itself counts as one). An echo of a round not yet sent (a
     * confused peer) is ignored.
     */
    List<PendingRead> echoed(Progress pr, long echoed, Collection<Progress> all, int quorum) {
        if (echoed <= pr.readSeq || echoed > round) {
            return List.of();
        }
        pr.readSeq = echoed;
        if (leaseNanos > 0 && round - echoed < ROUNDS) {
            pr.ackedSentAt = sentAt[(int) (echoed % ROUNDS)];
            pr.acked = true;
            extendLease(all, quorum);
        }
        List<Long> seqs = new ArrayList<>(all.size() + 1);
        seqs.add(Long.MAX_VALUE); // the leader confirms every round it sends
        all.forEach(p -> seqs.add(p.readSeq));
        seqs.sort(Collections.reverseOrder());
        long confirmed = seqs.get(quorum - 1);
        List<PendingRead> done = new ArrayList<>();
        while (!pending.isEmpty() && pending.getFirst().seq() <= confirmed) {
            done.add(pending.removeFirst());
        }
        return done;
    }

    /**
     * The lease starts at the send time of the round that the (quorum - 1)-th freshest follower
     * echoed, the leader itself completing the quorum: each of those followers received that
     * round after it was sent and refuses to vote for a while after (see {@code Node.inLease}),
     * and any new leader needs a vote from one of them or from this leader, which votes only after
     * it stopped leading. Only rounds of this leadership count, so a new leader serves lease reads
     * only after a quorum answered a heartbeat it sent as leader (and, as every read, after it
     * committed in its term).
     */
    private void extendLease(Collection<Progress> all, int quorum) {
        List<Long> sent = new ArrayList<>(all.size());
        for (Progress pr : all) {
            if (pr.acked) {
                sent.add(pr.ackedSentAt);
            }
        }
        if (quorum < 2 || sent.size() < quorum - 1) {
            return; // alone, a node needs no lease: its reads are answered at once
        }
        sent.sort((a, b) -> Long.signum(b - a)); // monotonic times may be negative or wrap
        long until = sent.get(quorum - 2) + leaseNanos;
        if (!leased || until - leaseUntil > 0) {
            leaseUntil = until;
            leased = true;
        }
    }

    /**
     * Forgets the lease and every echo it was counted from ({@code all}: every follower's
     * progress): after a configuration change a lease is counted again, in the new configuration,
     * from echoes that arrive from now on.
     */
    void dropLease(Collection<Progress> all) {
        leased = false;
        all.forEach(pr -> pr.acked = false);
    }

    /** Reads the clock: a leader paused for longer than its lease finds it over when it resumes. */
    boolean holdsLease() {
        return leaseNanos > 0 && leased && clock.getAsLong() - leaseUntil < 0;
    }

    /**
     * When the lease ends (monotonic nanoseconds), if one was ever held in this leadership: a
     * value that only grows, so a copy of it read earlier never promises more than the lease did.
     */
    OptionalLong leaseEnd() {
        return leaseNanos > 0 && leased ? OptionalLong.of(leaseUntil) : OptionalLong.empty();
    }

    /** The round last sent, for reads answered without one. */
    long round() {
        return round;
    }
}
