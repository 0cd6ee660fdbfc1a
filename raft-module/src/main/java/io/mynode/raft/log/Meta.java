package io.mynode.raft.log;

import io.mynode.kernel.error.CorruptionException;
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
 * of the last entry folded into a snapshot). Rewritten whole, atomically: written to a temporary
 * file, fsynced, renamed over the old one, and the directory fsynced.
 *
 * <pre>
 *   magic:int version:int term:long snapshotIndex:long snapshotTerm:long voteLength:int vote:utf8 crc32c:int
 * </pre>
 */
record Meta(long term, Optional<String> votedFor, long snapshotIndex, long snapshotTerm) {
    static final String FILE = "raft.meta";
    private static final int MAGIC = 0x4D524D31; // "MRM1"

    static Meta read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Meta(0, Optional.empty(), 0, 0);
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
        return new Meta(term, vote, snapshotIndex, snapshotTerm);
    }

    void write(Path dir) throws IOException {
        byte[] vote = votedFor.map(v -> v.getBytes(StandardCharsets.UTF_8)).orElse(null);
        ByteBuffer b = ByteBuffer.allocate(40 + (vote == null ? 0 : vote.length));
        b.putInt(MAGIC).putInt(1).putLong(term).putLong(snapshotIndex).putLong(snapshotTerm);
        b.putInt(vote == null ? -1 : vote.length);
        if (vote != null) {
            b.put(vote);
        }
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
