package io.mynode.raft.core;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The leader's rules for membership changes, as pure functions of what it knows: whether a
 * requested change may go ahead and to what configuration, which learner to promote, and whom to
 * hand leadership to. {@link Node} applies the answers. Kept apart so that every rule and every
 * refusal's wording sits in one short place.
 *
 * <h2>One change at a time</h2>
 * A change adds or removes one member, or promotes one learner, so any majority of the voters
 * before it and any majority after it share a voter (Ongaro's thesis §4.1): the two
 * configurations cannot elect two leaders in one term, even while some nodes use the old one and
 * some the new. Two rules keep it so: a change is refused while the previous one is not yet
 * committed, and a new leader makes no change before it has committed an entry of its own term
 * (the fix in the thesis's errata: otherwise a leader could append a change on top of an
 * uncommitted change of an earlier leader that it does not know was replaced, and two changes
 * would be in flight).
 */
final class Reconfiguration {
    private Reconfiguration() {}

    /** Either the configuration to append or the answer to give instead. */
    sealed interface Decision {
        record Append(Configuration next) implements Decision {}

        record Answer(ChangeResult result) implements Decision {}
    }

    /**
     * What leader {@code self} does with {@code change}, given its latest configuration {@code
     * latest} (set by the entry at {@code latestIndex}), its commit index, whether it has committed
     * in its term and the transfer under way (null if none); {@code known} is every node any
     * configuration in its log names. A transfer is answered here only when it is refused or
     * already done; a removal of the leader itself is a transfer first, which {@link Node} starts.
     */
    static Decision decide(Change change, String self, Configuration latest, long latestIndex, long commit,
            boolean committedInTerm, String transferTarget, java.util.Set<String> known) {
        switch (change) {
            case Change.Transfer t -> {
                Optional<ChangeResult> refused = refuseTarget(t.id(), latest);
                if (refused.isPresent()) {
                    return new Decision.Answer(refused.get());
                }
                if (t.id().equals(self)) {
                    return new Decision.Answer(new ChangeResult.Done());
                }
                if (transferTarget != null && !transferTarget.equals(t.id())) {
                    return new Decision.Answer(new ChangeResult.Retry("leadership is already moving to " + transferTarget));
                }
                return new Decision.Answer(new ChangeResult.Transferring(t.id()));
            }
            case Change.AddLearner a -> {
                Optional<Configuration.Member> present = latest.member(a.id());
                if (present.isPresent()) {
                    Configuration.Member m = present.get();
                    return reject("node " + a.id() + " is already a member (" + (m.voter() ? "voter" : "learner")
                            + (m.address().isEmpty() ? "" : " at " + m.address()) + ")", m.address().equals(a.address()));
                }
                if (known.contains(a.id())) {
                    // Its old votes are lost with its disk: under the same id it could vote twice in a
                    // term (see the package documentation). A new id makes it a new member.
                    return reject("node " + a.id() + " was a member until recently (the log still holds a configuration"
                            + " naming it); a node that comes back with an empty disk joins under a new id", false);
                }
                for (Configuration.Member m : latest.members()) {
                    if (m.address().equals(a.address())) {
                        return reject("address " + a.address() + " is already member " + m.id() + "'s", false);
                    }
                }
                return ready(latestIndex, commit, committedInTerm, transferTarget)
                        .orElseGet(() -> new Decision.Append(latest.with(new Configuration.Member(a.id(), a.address(), false))));
            }
            case Change.Remove r -> {
                if (!latest.contains(r.id())) {
                    return reject("node " + r.id() + " is not a member; members: " + String.join(", ", latest.ids()), true);
                }
                if (latest.isVoter(r.id()) && latest.voters().size() == 1) {
                    return reject("node " + r.id() + " is the last voter; a cluster cannot remove its last voter", false);
                }
                if (r.id().equals(self)) {
                    return new Decision.Answer(new ChangeResult.Transferring(transferTarget)); // Node picks the target
                }
                return ready(latestIndex, commit, committedInTerm, transferTarget)
                        .orElseGet(() -> new Decision.Append(latest.without(r.id())));
            }
        }
    }

    /** Why {@code target} cannot lead, if it cannot. */
    static Optional<ChangeResult> refuseTarget(String target, Configuration latest) {
        if (!latest.contains(target)) {
            return Optional.of(new ChangeResult.Rejected("node " + target + " is not a member; members: "
                    + String.join(", ", latest.ids()), false));
        }
        if (!latest.isVoter(target)) {
            return Optional.of(new ChangeResult.Rejected("node " + target + " is a learner; only a voter can lead", false));
        }
        return Optional.empty();
    }

    /** Why no configuration entry may be appended now, if none may. */
    private static Optional<Decision> ready(long latestIndex, long commit, boolean committedInTerm, String transferTarget) {
        if (transferTarget != null) {
            return Optional.of(new Decision.Answer(new ChangeResult.Retry("leadership is moving to " + transferTarget)));
        }
        if (!committedInTerm) {
            return Optional.of(new Decision.Answer(new ChangeResult.Retry(
                    "the leader has not yet committed an entry of its term")));
        }
        if (latestIndex > commit) {
            return Optional.of(reject("another membership change is in progress: the configuration at index "
                    + latestIndex + " is not committed yet", false));
        }
        return Optional.empty();
    }

    private static Decision reject(String reason, boolean alreadyDone) {
        return new Decision.Answer(new ChangeResult.Rejected(reason, alreadyDone));
    }

    /**
     * The learner to promote now, if any: one whose log holds every committed entry (it is
     * "close": the thesis's catching up in rounds, with the round's end at the commit index), while
     * no change is pending and the leader has committed in its term. One at a time, in
     * configuration order.
     */
    static Optional<String> promotable(Configuration latest, long latestIndex, long commit, boolean committedInTerm,
            String transferTarget, Map<String, Progress> progress) {
        if (transferTarget != null || !committedInTerm || latestIndex > commit) {
            return Optional.empty();
        }
        for (String learner : latest.learners()) {
            Progress pr = progress.get(learner);
            if (pr != null && pr.state == Progress.State.REPLICATE && pr.match >= commit) {
                return Optional.of(learner);
            }
        }
        return Optional.empty();
    }

    /**
     * The voter to hand leadership to when the leader must go: the one whose log matches most of
     * the leader's, among those heard from lately when any were; empty if there is no other voter.
     */
    static Optional<String> successor(String self, Configuration latest, Map<String, Progress> progress) {
        String best = null;
        long bestScore = Long.MIN_VALUE;
        for (String v : latest.voters()) {
            Progress pr = progress.get(v);
            if (v.equals(self) || pr == null) {
                continue;
            }
            // Recent activity first, then the match index; a node gone quiet makes a poor successor.
            long score = (pr.recentActive ? Long.MAX_VALUE / 2 : 0) + pr.match;
            if (score > bestScore) {
                best = v;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every voter's progress but the leader's, in {@code latest}: what quorums and the lease count. */
    static Collection<Progress> voters(String self, Configuration latest, Map<String, Progress> progress) {
        return latest.voters().stream().filter(v -> !v.equals(self)).map(progress::get)
                .filter(java.util.Objects::nonNull).toList();
    }
}
