package io.mynode.raft;

/**
 * The replica's client-side budgets, in ticks.
 *
 * @param retryTicks resend a proposal or read not yet answered after this many ticks (sooner on a leader change)
 * @param timeoutTicks give up on a proposal or read after this many ticks
 * @param snapshotEntries flush the state machine and compact the log once this many entries are applied past the compaction point
 */
record Timing(int retryTicks, int timeoutTicks, long snapshotEntries) {
    Timing {
        if (retryTicks < 1 || timeoutTicks < retryTicks || snapshotEntries < 1) {
            throw new IllegalArgumentException("need 1 <= retry ticks <= timeout ticks and snapshot entries >= 1");
        }
    }
}
