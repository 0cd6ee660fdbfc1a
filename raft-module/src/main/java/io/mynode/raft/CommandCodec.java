package io.mynode.raft;

import io.mynode.kernel.consensus.Command;
import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.raft.core.Codec;
import java.io.IOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/** A {@link Command} as a log entry stores it: MessagePack {@code [clientId, sequence, payload]}. */
final class CommandCodec {
    private CommandCodec() {}

    static byte[] encode(Command c) {
        try (MessageBufferPacker p = Codec.packer()) {
            p.packString(c.clientId()).packLong(c.sequence()).packBinaryHeader(c.payload().length);
            p.writePayload(c.payload());
            return p.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("packing into memory cannot fail", e);
        }
    }

    /** Decodes a committed entry's command; anything malformed is a {@link CorruptionException}. */
    static Command decode(long index, byte[] data) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(data)) {
            String clientId = Codec.string(u, data.length);
            long sequence = u.unpackLong();
            int n = u.unpackBinaryHeader();
            if (n < 0 || n > data.length) {
                throw new CorruptionException("raft log entry " + index + ": payload length " + n);
            }
            byte[] payload = u.readPayload(n);
            if (u.hasNext()) {
                throw new CorruptionException("raft log entry " + index + ": trailing bytes after the command");
            }
            return new Command(clientId, sequence, payload);
        } catch (IOException | MessagePackException | InvalidInputException e) {
            throw new CorruptionException("raft log entry " + index + " does not hold a command: " + e, e);
        }
    }
}
