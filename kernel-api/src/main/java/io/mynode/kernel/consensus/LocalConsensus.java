package io.mynode.kernel.consensus;

import io.mynode.kernel.config.Settings;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Consensus of one: commands are applied in the order their proposals take a lock, on the
 * proposing thread. There is no log, so a command is durable only once the state machine is
 * flushed; with {@code local.sync=true} (the default) every proposal flushes before it is
 * acknowledged, so nothing acknowledged is lost. Meant for embedded use and for testing the layers
 * above consensus without a cluster; a node that must survive the loss of its disk uses Raft.
 */
public final class LocalConsensus implements Consensus {
    private final String nodeId;
    private final StateMachine stateMachine;
    private final boolean sync;
    private final String clientId = "local-" + UUID.randomUUID();
    private final AtomicLong sequence = new AtomicLong();
    private long lastIndex;
    private volatile long applied;
    private volatile boolean closed;

    /**
     * Consensus of one over {@code stateMachine}, configured by the {@code local.*} keys of
     * {@code settings} (checked here too, for callers that build settings by hand).
     */
    public LocalConsensus(String nodeId, StateMachine stateMachine, Settings settings) {
        this.nodeId = nodeId;
        this.stateMachine = stateMachine;
        this.sync = LocalConsensusProvider.KEYS.settings(settings.prefix(), settings.values())
                .get(LocalConsensusProvider.SYNC);
        this.lastIndex = stateMachine.appliedIndex();
        this.applied = lastIndex;
    }

    @Override
    public CompletableFuture<Applied> propose(byte[] payload) {
        if (closed) {
            return CompletableFuture.failedFuture(new io.mynode.kernel.error.UnavailableException("consensus is closed"));
        }
        try {
            synchronized (this) {
                long index = ++lastIndex;
                byte[] result = stateMachine.apply(index, new Command(clientId, sequence.incrementAndGet(), payload));
                if (sync) {
                    stateMachine.flush();
                }
                applied = index;
                return CompletableFuture.completedFuture(new Applied(index, result));
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Long> readIndex() {
        return CompletableFuture.completedFuture(applied);
    }

    @Override
    public ConsensusStatus status() {
        long a = applied;
        return new ConsensusStatus(nodeId, "leader", Optional.of(nodeId), 1, a, a, Map.of(nodeId, a));
    }

    @Override
    public void close() {
        closed = true;
    }
}
