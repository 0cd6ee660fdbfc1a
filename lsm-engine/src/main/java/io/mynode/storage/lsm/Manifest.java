package io.mynode.storage.lsm;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.storage.lsm.sstable.TableMeta;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The engine's root of truth: which tables are live, in which level, and the last batch they hold.
 * Rewritten whole after every flush and compaction (it is small: a few dozen bytes per table) by
 * the classic atomic-replace dance, so a crash leaves either the old or the new manifest, never a
 * mix:
 *
 * <pre>
 *   write MANIFEST.tmp ─► fsync it ─► rename over MANIFEST ─► fsync the directory
 * </pre>
 *
 * Layout: magic u64, format u32, next file number u64, last durable sequence u64, then per level a
 * table count u32 and per table its {@link TableMeta} fields, then a CRC32C of all of it.
 *
 * @param nextFileNumber the next table number to hand out
 * @param lastSequence the last batch whose effects the listed tables hold
 * @param levels the tables of each level, in the order {@link Levels} keeps them
 */
record Manifest(long nextFileNumber, long lastSequence, List<List<TableMeta>> levels) {
    static final String NAME = "MANIFEST";
    private static final long MAGIC = 0x464D4D53_4C65646FL;
    private static final int FORMAT = 1;

    /** Reads the manifest in {@code dir}; empty if there is none (a new engine). */
    static Optional<Manifest> read(Path dir) {
        Path path = dir.resolve(NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageIoException("reading " + path, e);
        }
        try {
            if (bytes.length < 36) {
                throw new CorruptionException(path + ": too short");
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (in.getInt(bytes.length - 4) != (int) crc.getValue()) {
                throw new CorruptionException(path + ": checksum mismatch");
            }
            if (in.getLong() != MAGIC || in.getInt() != FORMAT) {
                throw new CorruptionException(path + ": not a manifest of this format");
            }
            long next = in.getLong();
            long lastSeq = in.getLong();
            List<List<TableMeta>> levels = new ArrayList<>();
            for (int l = 0; l < Levels.COUNT; l++) {
                int n = in.getInt();
                List<TableMeta> level = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    long number = in.getLong();
                    long size = in.getLong();
                    long entries = in.getLong();
                    long tombstones = in.getLong();
                    byte[] smallest = new byte[in.getInt()];
                    in.get(smallest);
                    byte[] largest = new byte[in.getInt()];
                    in.get(largest);
                    level.add(new TableMeta(number, size, smallest, largest, entries, tombstones));
                }
                levels.add(level);
            }
            if (in.remaining() != 4) {
                throw new CorruptionException(path + ": trailing bytes");
            }
            return Optional.of(new Manifest(next, lastSeq, levels));
        } catch (RuntimeException e) {
            if (e instanceof CorruptionException c) {
                throw c;
            }
            // Only reachable if a checksum collision let damaged lengths through.
            throw new CorruptionException(path + ": malformed (" + e + ")", e);
        }
    }

    /** Replaces the manifest in {@code dir} atomically and durably. */
    void write(Path dir) {
        int size = 8 + 4 + 8 + 8 + 4;
        for (List<TableMeta> level : levels) {
            size += 4;
            for (TableMeta t : level) {
                size += 8 * 4 + 8 + t.smallest().length + t.largest().length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(MAGIC).putInt(FORMAT).putLong(nextFileNumber).putLong(lastSequence);
        for (List<TableMeta> level : levels) {
            out.putInt(level.size());
            for (TableMeta t : level) {
                out.putLong(t.fileNumber()).putLong(t.size()).putLong(t.entries()).putLong(t.tombstones());
                out.putInt(t.smallest().length).put(t.smallest());
                out.putInt(t.largest().length).put(t.largest());
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        Path tmp = dir.resolve(NAME + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.flip();
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (IOException e) {
            throw new StorageIoException("writing " + dir.resolve(NAME), e);
        }
    }

    /** Makes a rename or a new file in {@code dir} durable (fsync on the directory, as POSIX asks). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
