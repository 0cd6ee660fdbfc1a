package io.mynode.raft.log;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.raft.core.Configuration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The log's small durable state: current term, vote, and the compaction point (the index and term
 * of the last entry folded into a snapshot, and the cluster configuration in force there).
 * Rewritten whole, atomically: written to a temporary file, fsynced, renamed over the old one, and
 * the directory fsynced.
 *
 * <pre>
 *   magic:int version:int term:long snapshotIndex:long snapshotTerm:long voteLength:int vote:utf8
 *       configLength:int config:bytes crc32c:int                      (version 2; version 1 has no config)
 * </pre>
 * A version 1 file (written before membership changes existed) reads as having no configuration:
 * the node then records its bootstrap list, as on a first start.
 */
record Meta(long term, Optional<String> votedFor, long snapshotIndex, long snapshotTerm, Configuration config) {
    static final String FILE = "raft.meta";
    private static final int MAGIC = 0x4D524D31; // "MRM1"
    private static final int VERSION = 2;

    static Meta read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Meta(0, Optional.empty(), 0, 0, Configuration.EMPTY);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < 40 || b.getInt(0) != MAGIC) {
            throw new CorruptionException("raft meta file " + file + " is not a mynode raft meta file");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != b.getInt(bytes.length - 4)) {
            throw new CorruptionException("raft meta file " + file + " fails its checksum");
        }
        int version = b.getInt(4);
        if (version != 1 && version != VERSION) {
            throw new CorruptionException("raft meta file " + file + " has version " + version + ", expected 1 or " + VERSION);
        }
        b.position(8);
        long term = b.getLong();
        long snapshotIndex = b.getLong();
        long snapshotTerm = b.getLong();
        int voteLength = b.getInt();
        if (voteLength < -1 || voteLength > bytes.length - 40) {
            throw new CorruptionException("raft meta file " + file + " has a bad vote length");
        }
        Optional<String> vote = Optional.empty();
        if (voteLength >= 0) {
            byte[] v = new byte[voteLength];
            b.get(v);
            vote = Optional.of(new String(v, StandardCharsets.UTF_8));
        }
        Configuration config = Configuration.EMPTY;
        if (version >= 2) {
            int configLength = b.remaining() >= 8 ? b.getInt() : -1;
            if (configLength < 0 || configLength > b.remaining() - 4) {
                throw new CorruptionException("raft meta file " + file + " has a bad configuration length");
            }
            byte[] c = new byte[configLength];
            b.get(c);
            try {
                config = Configuration.decode(c);
            } catch (InvalidInputException e) {
                throw new CorruptionException("raft meta file " + file + " holds a malformed configuration: " + e.getMessage(), e);
            }
        }
        return new Meta(term, vote, snapshotIndex, snapshotTerm, config);
    }

    void write(Path dir) throws IOException {
        byte[] vote = votedFor.map(v -> v.getBytes(StandardCharsets.UTF_8)).orElse(null);
        byte[] configBytes = config.encode();
        ByteBuffer b = ByteBuffer.allocate(44 + (vote == null ? 0 : vote.length) + configBytes.length);
        b.putInt(MAGIC).putInt(VERSION).putLong(term).putLong(snapshotIndex).putLong(snapshotTerm);
        b.putInt(vote == null ? -1 : vote.length);
        if (vote != null) {
            b.put(vote);
        }
        b.putInt(configBytes.length).put(configBytes);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        b.flip();
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }

    /** Makes file creations, renames and deletions in {@code dir} durable (Linux, macOS). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
                throw e;
            }
        }
    }
}
