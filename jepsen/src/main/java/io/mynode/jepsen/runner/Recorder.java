package io.mynode.jepsen.runner;

import io.mynode.jepsen.history.History;
import io.mynode.jepsen.history.Keyword;
import io.mynode.jepsen.history.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends ops to the history as they happen, from every client thread and the nemesis. The order
 * of appends is the history's order, so an invocation is recorded before its request is sent and a
 * completion after its answer arrives: that is what makes real-time order in the history sound.
 * Thread-safe (one lock; recording is tiny next to a network round trip).
 */
final class Recorder {
    private final long origin = System.nanoTime();
    private final List<Op> ops = new ArrayList<>();
    private boolean closed;

    synchronized Op invoke(long process, Keyword f, Object value) {
        Op op = Op.invoke(process, f, value, now());
        append(op);
        return op;
    }

    synchronized void complete(Op invoke, Op.Type type, Object value, String error) {
        append(invoke.complete(type, value, now(), error));
    }

    /** A nemesis action: an invoke and an {@code :info} completion, as Jepsen logs it. */
    synchronized void nemesis(Keyword f, Object value) {
        Op op = Op.invoke(Op.NEMESIS, f, value, now());
        append(op);
        append(op.complete(Op.Type.INFO, value, now(), null));
    }

    long now() {
        return System.nanoTime() - origin;
    }

    private void append(Op op) {
        if (!closed) {
            ops.add(op.withIndex(ops.size()));
        }
    }

    /** The history so far; later records are dropped (a straggler thread cannot change it). */
    synchronized History close() {
        closed = true;
        return History.of(ops);
    }
}
