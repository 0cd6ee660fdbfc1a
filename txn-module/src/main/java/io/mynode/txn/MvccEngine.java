package io.mynode.txn;

import io.mynode.kernel.consensus.Applied;
import io.mynode.kernel.consensus.Consensus;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.OutcomeUnknownException;
import io.mynode.kernel.txn.Transaction;
import io.mynode.kernel.txn.TransactionEngine;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The transaction client of one node: begins transactions that read from the local state machine
 * and commit through consensus. Safe for concurrent use; each transaction it returns is not.
 *
 * <p>Transaction ids come in blocks reserved through the log ({@link Wire.AllocateIds}), so they
 * are unique across the cluster and across restarts, and stay small enough to read: a node takes
 * one log entry per {@link MvccStateMachine#ID_BLOCK} transactions.
 */
final class MvccEngine implements TransactionEngine {
    private final MvccStateMachine stateMachine;
    private final Consensus consensus;
    private long nextId;
    private long idLimit;

    MvccEngine(MvccStateMachine stateMachine, Consensus consensus) {
        this.stateMachine = stateMachine;
        this.consensus = consensus;
    }

    /** Snapshot at the local applied index: no round trip; commit validation makes it serializable. */
    @Override
    public Transaction begin() {
        return new MvccTransaction(this, nextId(), stateMachine.appliedIndex(), false);
    }

    @Override
    public Transaction beginReadOnly() {
        long id = nextId();
        // Any applied index at or above the read index is as linearizable, and fresher.
        return new MvccTransaction(this, id, readPoint(), true);
    }

    @Override
    public Transaction beginAsOf(long version) {
        if (version < 0) {
            throw new InvalidInputException("version " + version + " is negative");
        }
        if (version > stateMachine.appliedIndex()) {
            // Maybe only this replica lags: the read index tells whether the version exists at all.
            long readIndex = await(consensus.readIndex(), "taking a read index");
            if (version > readIndex) {
                throw new InvalidInputException("version " + version + " is in the future; the latest is " + readIndex);
            }
        }
        if (!stateMachine.retained(version)) {
            throw new InvalidInputException("version " + version + " was garbage collected; the oldest readable is "
                    + stateMachine.lowWater() + " (mvcc.retention.versions=" + stateMachine.retention() + ")");
        }
        return new MvccTransaction(this, nextId(), version, true);
    }

    MvccStateMachine stateMachine() {
        return stateMachine;
    }

    /** Proposes {@code request} and returns what the state machine decided, at which index. */
    Decided propose(Wire.Request request) {
        return propose(Wire.encode(request));
    }

    /** Proposes an encoded request. */
    Decided propose(byte[] request) {
        Applied applied = await(consensus.propose(request), "proposing a transaction command");
        return new Decided(applied.index(), Wire.decodeOutcome(applied.result()));
    }

    record Decided(long index, Wire.Outcome outcome) {}

    /** A linearizable read point that this replica has applied. */
    long readPoint() {
        return Math.max(await(consensus.readIndex(), "taking a read index"), stateMachine.appliedIndex());
    }

    private synchronized long nextId() {
        if (nextId == idLimit) {
            Decided d = propose(new Wire.AllocateIds(MvccStateMachine.ID_BLOCK));
            if (!(d.outcome() instanceof Wire.IdBlock block)) {
                throw new InternalFailure("reserving transaction ids returned " + d.outcome());
            }
            nextId = block.first();
            idLimit = block.first() + MvccStateMachine.ID_BLOCK;
        }
        return nextId++;
    }

    /** Joins a consensus future, passing the kernel's error family through unchanged. */
    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MynodeException m) {
                throw m;
            }
            throw new OutcomeUnknownException(what + " failed: " + e.getCause(), e.getCause());
        } catch (CancellationException e) {
            throw new OutcomeUnknownException(what + " was cancelled", e);
        }
    }
}
