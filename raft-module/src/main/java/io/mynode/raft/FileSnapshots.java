package io.mynode.raft;

import io.mynode.kernel.consensus.StateMachine;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.raft.core.Log;
import io.mynode.raft.core.SnapshotMeta;
import io.mynode.raft.core.Snapshots;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Snapshots streamed through files in the consensus directory, so a large state never has to fit
 * in memory: the leader writes the state machine's snapshot to {@code snapshot-out.bin} and serves
 * chunks from it; a follower collects chunks in {@code snapshot-in.bin} and restores from it.
 *
 * <p>The outgoing snapshot is reused until the log is compacted past it. Taking it runs on the
 * driver thread, which pauses this node's Raft traffic meanwhile: acceptable for the state
 * machines we have, and a place to improve (take it on another thread) if snapshots grow large.
 */
final class FileSnapshots implements Snapshots {
    private final Path dir;
    private final StateMachine stateMachine;
    private final Log log;
    private SnapshotMeta outgoing;
    private OutputStream incoming;

    FileSnapshots(Path dir, StateMachine stateMachine, Log log) {
        this.dir = dir;
        this.stateMachine = stateMachine;
        this.log = log;
    }

    @Override
    public SnapshotMeta latest() {
        if (outgoing != null && outgoing.index() >= log.firstIndex() - 1) {
            return outgoing;
        }
        Path tmp = dir.resolve("snapshot-out.tmp");
        Path file = dir.resolve("snapshot-out.bin");
        try {
            long index;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                index = stateMachine.writeSnapshot(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            outgoing = new SnapshotMeta(index, log.term(index), Files.size(file));
            return outgoing;
        } catch (IOException e) {
            throw new StorageIoException("writing a state machine snapshot to " + tmp + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(SnapshotMeta snapshot, long offset, int max) {
        if (!snapshot.equals(outgoing)) {
            return new byte[0]; // replaced by a newer one: the core restarts the transfer
        }
        Path file = dir.resolve("snapshot-out.bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int n = (int) Math.min(max, snapshot.size() - offset);
            ByteBuffer buf = ByteBuffer.allocate(Math.max(n, 0));
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    break;
                }
            }
            return buf.array();
        } catch (IOException e) {
            throw new StorageIoException("reading snapshot " + file + " at offset " + offset + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void begin(SnapshotMeta snapshot) {
        closeIncoming();
        try {
            incoming = new BufferedOutputStream(Files.newOutputStream(dir.resolve("snapshot-in.bin")));
        } catch (IOException e) {
            throw new StorageIoException("creating " + dir.resolve("snapshot-in.bin") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] chunk) {
        try {
            incoming.write(chunk);
        } catch (IOException e) {
            throw new StorageIoException("writing " + dir.resolve("snapshot-in.bin") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void install(SnapshotMeta snapshot) {
        closeIncoming();
        Path file = dir.resolve("snapshot-in.bin");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            stateMachine.restoreSnapshot(snapshot.index(), in);
        } catch (IOException e) {
            throw new StorageIoException("reading received snapshot " + file + ": " + e.getMessage(), e);
        }
        stateMachine.flush(); // durable before the log forgets the entries it replaces
    }

    private void closeIncoming() {
        if (incoming != null) {
            try {
                incoming.close();
            } catch (IOException e) {
                throw new StorageIoException("closing " + dir.resolve("snapshot-in.bin") + ": " + e.getMessage(), e);
            } finally {
                incoming = null;
            }
        }
    }
}
