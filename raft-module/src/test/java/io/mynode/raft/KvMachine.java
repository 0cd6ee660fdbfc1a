package io.mynode.raft;

import io.mynode.kernel.consensus.Command;
import io.mynode.kernel.consensus.StateMachine;
import io.mynode.kernel.error.CorruptionException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A key-value register for tests, with the kernel's exactly-once contract: it remembers the last
 * sequence and result per client id and answers a repeat (or an older sequence) from memory.
 * Commands are {@code "put key value"}; the result is the value that was overwritten ("" if none).
 * {@link #flush()} is the only thing that survives {@link #crash()}.
 */
final class KvMachine implements StateMachine {
    private record Session(long sequence, byte[] result) {}

    private record State(TreeMap<String, String> data, Map<String, Session> sessions, long applied) {
        State copy() {
            return new State(new TreeMap<>(data), new HashMap<>(sessions), applied);
        }
    }

    private State live = new State(new TreeMap<>(), new HashMap<>(), 0);
    private State durable = live.copy();
    /** Sees every (index, command) applied or skipped: the state-machine-safety check. */
    private final BiConsumer<Long, byte[]> observer;
    long duplicatesSuppressed;

    KvMachine(BiConsumer<Long, byte[]> observer) {
        this.observer = observer;
    }

    static byte[] put(String key, String value) {
        return ("put " + key + " " + value).getBytes(StandardCharsets.UTF_8);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(live.data.get(key));
    }

    Map<String, String> data() {
        return Map.copyOf(live.data);
    }

    @Override
    public byte[] apply(long index, Command command) {
        check(index);
        observer.accept(index, (command.clientId() + "#" + command.sequence() + ":"
                + new String(command.payload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        live = new State(live.data, live.sessions, index);
        Session s = live.sessions.get(command.clientId());
        if (s != null && command.sequence() <= s.sequence()) {
            duplicatesSuppressed++;
            return s.result();
        }
        String[] parts = new String(command.payload(), StandardCharsets.UTF_8).split(" ", 3);
        byte[] result;
        if (parts.length == 3 && parts[0].equals("put")) {
            String old = live.data.put(parts[1], parts[2]);
            result = (old == null ? "" : old).getBytes(StandardCharsets.UTF_8);
        } else {
            result = "error: unknown command".getBytes(StandardCharsets.UTF_8); // a user error is a result
        }
        live.sessions.put(command.clientId(), new Session(command.sequence(), result));
        return result;
    }

    @Override
    public void skip(long index) {
        check(index);
        observer.accept(index, new byte[0]);
        live = new State(live.data, live.sessions, index);
    }

    private void check(long index) {
        if (index != live.applied + 1) {
            throw new IllegalStateException("applied " + index + " after " + live.applied);
        }
    }

    @Override
    public long appliedIndex() {
        return live.applied;
    }

    @Override
    public long flush() {
        durable = live.copy();
        return durable.applied;
    }

    void crash() {
        live = durable.copy();
    }

    @Override
    public long writeSnapshot(OutputStream out) {
        try {
            DataOutputStream d = new DataOutputStream(out);
            d.writeLong(live.applied);
            d.writeInt(live.data.size());
            for (var e : live.data.entrySet()) {
                d.writeUTF(e.getKey());
                d.writeUTF(e.getValue());
            }
            d.writeInt(live.sessions.size());
            for (var e : new TreeMap<>(live.sessions).entrySet()) {
                d.writeUTF(e.getKey());
                d.writeLong(e.getValue().sequence());
                d.writeInt(e.getValue().result().length);
                d.write(e.getValue().result());
            }
            d.flush();
            return live.applied;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restoreSnapshot(long index, InputStream in) {
        try {
            DataInputStream d = new DataInputStream(in);
            long applied = d.readLong();
            if (applied != index) {
                throw new CorruptionException("snapshot is at " + applied + ", expected " + index);
            }
            TreeMap<String, String> data = new TreeMap<>();
            for (int i = d.readInt(); i > 0; i--) {
                data.put(d.readUTF(), d.readUTF());
            }
            Map<String, Session> sessions = new HashMap<>();
            for (int i = d.readInt(); i > 0; i--) {
                String client = d.readUTF();
                long seq = d.readLong();
                byte[] result = new byte[d.readInt()];
                d.readFully(result);
                sessions.put(client, new Session(seq, result));
            }
            live = new State(data, sessions, applied);
        } catch (IOException e) {
            throw new CorruptionException("malformed snapshot: " + e, e);
        }
    }

    @Override
    public void close() {}

    static byte[] snapshotBytes(KvMachine m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeSnapshot(out);
        return out.toByteArray();
    }
}
