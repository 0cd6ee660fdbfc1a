package io.mynode.kernel.consensus;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The replicated state: consensus orders commands; every replica applies them in that order to its
 * own state machine and so reaches the same state.
 *
 * <p><b>Determinism.</b> {@link #apply} depends only on the current state, the index and the
 * command: no clocks, randomness, thread timing or local configuration. A user error (a
 * constraint violated, a serialization conflict) is part of the returned result; an exception
 * out of {@code apply} means the replica cannot go on (e.g. the disk failed) and stops the node.
 *
 * <p><b>Exactly once.</b> Consensus may log the same command twice when a client retries after
 * a leader change. The state machine remembers the last sequence (and its result) applied for
 * each client id, in the same atomic write as the data, and returns the remembered result for a
 * repeat instead of applying it again.
 *
 * <p><b>Durability.</b> Applying need not be durable: the log is the write-ahead log. The applied
 * index is stored atomically with the data, so after a crash consensus replays the log from
 * {@link #appliedIndex()} + 1. {@link #flush()} makes the state durable, after which the log
 * before the returned index may be discarded.
 *
 * <p><b>Threads.</b> Consensus calls {@code apply}, {@code flush}, {@code restoreSnapshot} from
 * one thread; reads of the state (by the transaction layer) may run concurrently.
 */
public interface StateMachine extends AutoCloseable {

    /** Applies the command logged at {@code index} (strictly greater than every earlier one). */
    byte[] apply(long index, Command command);

    /**
     * Records that the log entry at {@code index} carried no command (a leader's no-op), so the
     * applied index can advance past it. The default does nothing: replaying such an entry after
     * a restart is harmless.
     */
    default void skip(long index) {}

    /** The index of the last command applied, 0 when none; as stored, so it survives a restart. */
    long appliedIndex();

    /** Makes the state durable and returns the applied index that is now durable. */
    long flush();

    /**
     * Writes a snapshot of the current state to {@code out} and returns the applied index it
     * covers. Applying may continue while the snapshot is written.
     */
    long writeSnapshot(OutputStream out);

    /**
     * Replaces the whole state with the snapshot read from {@code in}, taken at {@code index}.
     * A malformed snapshot is a {@link io.mynode.kernel.error.CorruptionException} and leaves
     * the current state unchanged.
     */
    void restoreSnapshot(long index, InputStream in);

    @Override
    void close();
}
