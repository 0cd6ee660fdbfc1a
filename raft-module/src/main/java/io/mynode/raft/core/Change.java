package io.mynode.raft.core;

/**
 * A request to change the cluster's membership or its leader, made on any node and carried out
 * by the leader ({@link Node#requestChange}). Membership changes one server at a time (see the
 * package documentation); the promotion of a learner to voter is not requested: the leader makes
 * it itself once the learner has caught up.
 */
public sealed interface Change {

    /** Adds {@code id}, reachable at {@code address}, as a learner. */
    record AddLearner(String id, String address) implements Change {}

    /** Removes {@code id}, voter or learner; a leader asked to remove itself first hands leadership on. */
    record Remove(String id) implements Change {}

    /** Moves leadership to voter {@code id} (TimeoutNow). */
    record Transfer(String id) implements Change {}
}
