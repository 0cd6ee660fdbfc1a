package io.mynode.raft;

import io.mynode.kernel.consensus.StateMachine;
import io.mynode.raft.core.Log;
import io.mynode.raft.core.SnapshotMeta;
import io.mynode.raft.core.Snapshots;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** {@link Snapshots} in memory over any state machine, for the simulation. */
final class MemorySnapshots implements Snapshots {
    private final StateMachine machine;
    private final Log log;
    private SnapshotMeta outgoing;
    private byte[] outgoingBytes;
    private ByteArrayOutputStream incoming;
    int installs;

    MemorySnapshots(StateMachine machine, Log log) {
        this.machine = machine;
        this.log = log;
    }

    @Override
    public SnapshotMeta latest() {
        if (outgoing == null || outgoing.index() < log.firstIndex() - 1) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long index = machine.writeSnapshot(out);
            outgoingBytes = out.toByteArray();
            outgoing = new SnapshotMeta(index, log.term(index), outgoingBytes.length);
        }
        return outgoing;
    }

    @Override
    public byte[] read(SnapshotMeta snapshot, long offset, int max) {
        if (!snapshot.equals(outgoing)) {
            return new byte[0];
        }
        return Arrays.copyOfRange(outgoingBytes, (int) offset, (int) Math.min(outgoingBytes.length, offset + max));
    }

    @Override
    public void begin(SnapshotMeta snapshot) {
        incoming = new ByteArrayOutputStream();
    }

    @Override
    public void write(byte[] chunk) {
        incoming.writeBytes(chunk);
    }

    @Override
    public void install(SnapshotMeta snapshot) {
        machine.restoreSnapshot(snapshot.index(), new ByteArrayInputStream(incoming.toByteArray()));
        machine.flush();
        installs++;
    }
}
