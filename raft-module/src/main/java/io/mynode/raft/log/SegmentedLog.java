package io.mynode.raft.log;

import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.raft.core.Configuration;
import io.mynode.raft.core.Entry;
import io.mynode.raft.core.Log;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The Raft log on disk: append-only segment files of checksummed records, plus a small
 * {@link Meta} file for the term, the vote, the compaction point and the configuration there. See the package
 * documentation for the format and the recovery rules.
 *
 * <p>Not thread-safe: one driver thread owns it. Entries are also kept in memory (the log is
 * compacted as the state machine flushes, so it stays short), which makes reads free.
 */
public final class SegmentedLog implements Log, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SegmentedLog.class.getName());
    static final int SEGMENT_MAGIC = 0x4D525331; // "MRS1"
    static final int SEGMENT_HEADER = 8;
    static final int RECORD_HEADER = 8;
    static final int RECORD_FIXED = 16;
    static final int MAX_RECORD = 64 << 20;

    private final Path dir;
    private final long segmentBytes;
    /** Makes the next segment ahead of time; null when preallocation is off (tests of the plain layout). */
    private final SegmentPreparer preparer;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private Meta meta;
    private boolean metaDirty;
    private boolean dataDirty;
    private boolean dirDirty;
    private FileChannel active;

    /**
     * A segment file: the index of its first record and the file offset of each record. {@code
     * size} is where the records end; a preallocated file runs on past it in zeros.
     */
    private static final class Segment {
        final Path path;
        final long firstIndex;
        final List<Long> offsets = new ArrayList<>();
        long size;
        boolean preallocated;

        Segment(Path path, long firstIndex) {
            this.path = path;
            this.firstIndex = firstIndex;
        }
    }

    private SegmentedLog(Path dir, long segmentBytes, boolean preallocate) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.preparer = preallocate ? new SegmentPreparer(dir, segmentBytes) : null;
    }

    /**
     * Opens or creates the log in {@code dir}, with preallocated segments (see the package
     * documentation). A torn tail (a last record cut short or failing its checksum at the end of
     * the last segment's records: a write the crash interrupted) is truncated; any other damage
     * is a {@link CorruptionException} naming the file and offset.
     */
    public static SegmentedLog open(Path dir, long segmentBytes) {
        return open(dir, segmentBytes, true);
    }

    /** As {@link #open(Path, long)}; without preallocation every segment grows as it is written. */
    static SegmentedLog open(Path dir, long segmentBytes, boolean preallocate) {
        SegmentedLog log = new SegmentedLog(dir, segmentBytes, preallocate);
        try {
            Files.createDirectories(dir);
            SegmentPreparer.deleteLeftovers(dir);
            log.recover();
            if (log.preparer != null) {
                log.preparer.start();
            }
        } catch (IOException e) {
            log.closeQuietly();
            throw new StorageIoException("opening raft log in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            log.closeQuietly();
            throw e;
        }
        return log;
    }

    /** Waits until the next segment is prepared (or its preparation failed); for tests. */
    void awaitPrepared() throws InterruptedException {
        if (preparer != null) {
            preparer.await();
        }
    }

    private void recover() throws IOException {
        meta = Meta.read(dir);
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> isSegmentName(p.getFileName().toString())).sorted().toList();
        }
        long snapshotIndex = meta.snapshotIndex();
        long expected = -1;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            boolean last = i == files.size() - 1;
            Segment seg = new Segment(file, firstIndexOf(file));
            if (expected >= 0 && seg.firstIndex != expected) {
                throw new CorruptionException("raft log segment " + file + " starts at index " + seg.firstIndex
                        + " but the previous segment ends at " + (expected - 1));
            }
            readSegment(seg, last, snapshotIndex);
            expected = seg.firstIndex + seg.offsets.size();
            segments.add(seg);
        }
        // Drop segments wholly covered by the snapshot (a compaction interrupted before deleting them).
        while (segments.size() > 1 && segments.get(1).firstIndex <= snapshotIndex + 1) {
            Files.deleteIfExists(segments.removeFirst().path);
        }
        if (!segments.isEmpty()) {
            Segment first = segments.getFirst();
            long lastInLog = first.firstIndex + countAll() - 1;
            if (first.firstIndex > snapshotIndex + 1) {
                throw new CorruptionException("raft log " + dir + " starts at index " + first.firstIndex
                        + " but the snapshot covers only up to " + snapshotIndex);
            }
            if (lastInLog <= snapshotIndex) {
                // Everything on disk is covered by the snapshot.
                for (Segment s : segments) {
                    Files.deleteIfExists(s.path);
                }
                segments.clear();
                entries.clear();
            } else {
                Segment tail = segments.getLast();
                active = FileChannel.open(tail.path, StandardOpenOption.WRITE);
                active.position(tail.size);
            }
        }
    }

    private long countAll() {
        long n = 0;
        for (Segment s : segments) {
            n += s.offsets.size();
        }
        return n;
    }

    private void readSegment(Segment seg, boolean last, long snapshotIndex) throws IOException {
        byte[] bytes = Files.readAllBytes(seg.path);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (bytes.length < SEGMENT_HEADER) {
            if (!last) {
                throw new CorruptionException("raft log segment " + seg.path + " is shorter than its header");
            }
            tornTail(seg, 0, "header cut short");
            writeHeader(seg);
            return;
        }
        if (buf.getInt(0) != SEGMENT_MAGIC) {
            throw new CorruptionException("raft log segment " + seg.path + " has a bad magic number");
        }
        int pos = SEGMENT_HEADER;
        long index = seg.firstIndex;
        CRC32C crc = new CRC32C();
        while (pos < bytes.length) {
            String problem = null;
            boolean atEnd = false;
            int len = bytes.length - pos >= RECORD_HEADER ? buf.getInt(pos) : -1;
            if (len == -1) {
                problem = "record header cut short";
                atEnd = true;
            } else if (last && len == 0 && allZero(bytes, pos)) {
                // Zeros to the end: the unused part of a preallocated segment, not damage.
                seg.preallocated = true;
                break;
            } else if (len < RECORD_FIXED || len > MAX_RECORD) {
                problem = "record length " + len + " is invalid";
                atEnd = pos + RECORD_HEADER + Math.max(len, 0) >= bytes.length || allZero(bytes, pos);
            } else if ((long) pos + RECORD_HEADER + len > bytes.length) {
                problem = "record cut short";
                atEnd = true;
            } else {
                crc.reset();
                crc.update(bytes, pos + RECORD_HEADER, len);
                if ((int) crc.getValue() != buf.getInt(pos + 4)) {
                    problem = "checksum mismatch";
                    // Followed by nothing, or by a preallocated segment's zeros: the write a crash cut.
                    atEnd = pos + RECORD_HEADER + len == bytes.length || allZero(bytes, pos + RECORD_HEADER + len);
                }
            }
            if (problem != null) {
                if (last && atEnd) {
                    tornTail(seg, pos, problem);
                    return;
                }
                throw new CorruptionException("raft log segment " + seg.path + ": " + problem + " at offset " + pos
                        + " (index " + index + "); the log is damaged before its tail and cannot be trusted");
            }
            long recIndex = buf.getLong(pos + RECORD_HEADER);
            long recTerm = buf.getLong(pos + RECORD_HEADER + 8);
            if (recIndex != index || recTerm <= 0) {
                throw new CorruptionException("raft log segment " + seg.path + ": record at offset " + pos
                        + " holds index " + recIndex + "@" + recTerm + ", expected index " + index);
            }
            if (index > snapshotIndex) {
                if (!entries.isEmpty() && recTerm < entries.getLast().term()) {
                    throw new CorruptionException("raft log segment " + seg.path + ": term goes backwards at index " + index);
                }
                byte[] data = new byte[len - RECORD_FIXED];
                System.arraycopy(bytes, pos + RECORD_HEADER + RECORD_FIXED, data, 0, data.length);
                entries.add(new Entry(recIndex, recTerm, data));
            }
            seg.offsets.add((long) pos);
            pos += RECORD_HEADER + len;
            index++;
        }
        seg.size = pos;
    }

    private static boolean allZero(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private void tornTail(Segment seg, long at, String problem) throws IOException {
        LOG.log(Level.WARNING, "raft log {0}: {1} at offset {2}; truncating the torn tail left by a crash",
                seg.path, problem, at);
        try (FileChannel ch = FileChannel.open(seg.path, StandardOpenOption.WRITE)) {
            ch.truncate(at);
            ch.force(true);
        }
        seg.size = at;
    }

    private static boolean isSegmentName(String name) {
        return name.startsWith("wal-") && name.endsWith(".seg") && name.length() == 4 + 20 + 4;
    }

    private static long firstIndexOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(4, 24));
        } catch (NumberFormatException e) {
            throw new CorruptionException("raft log segment name " + file + " does not carry an index");
        }
    }

    static String segmentName(long firstIndex) {
        return String.format("wal-%020d.seg", firstIndex);
    }

    // ---------------------------------------------------------------- Log

    @Override
    public long firstIndex() {
        return meta.snapshotIndex() + 1;
    }

    @Override
    public long lastIndex() {
        return entries.isEmpty() ? meta.snapshotIndex() : entries.getLast().index();
    }

    @Override
    public long term(long index) {
        if (index == meta.snapshotIndex()) {
            return meta.snapshotTerm();
        }
        if (index < firstIndex() || index > lastIndex()) {
            throw new IndexOutOfBoundsException("raft log index " + index + " outside " + (firstIndex() - 1) + ".." + lastIndex());
        }
        return entries.get((int) (index - firstIndex())).term();
    }

    @Override
    public List<Entry> entries(long from, long to, long maxBytes) {
        if (from < firstIndex() || to > lastIndex() || from > to) {
            throw new IndexOutOfBoundsException("raft log range " + from + ".." + to + " outside " + firstIndex() + ".." + lastIndex());
        }
        List<Entry> out = new ArrayList<>();
        long bytes = 0;
        for (long i = from; i <= to; i++) {
            Entry e = entries.get((int) (i - firstIndex()));
            bytes += e.size();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public void append(List<Entry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long first = batch.getFirst().index();
        if (first <= meta.snapshotIndex() || first > lastIndex() + 1) {
            throw new IllegalArgumentException("raft log append at " + first + " does not fit after "
                    + meta.snapshotIndex() + ".." + lastIndex());
        }
        try {
            if (first <= lastIndex()) {
                truncateFrom(first);
            }
            if (active == null || segments.getLast().size >= segmentBytes
                    || (!segments.getLast().preallocated && segments.getLast().firstIndex < first
                            && preparer != null && preparer.ready())) {
                // The last clause moves off a segment that grows (the first one, while its
                // successor was still being prepared, or one cut short) as soon as it can.
                roll(first);
            }
            Segment seg = segments.getLast();
            ByteBuffer buf = ByteBuffer.allocate(encodedSize(batch));
            CRC32C crc = new CRC32C();
            long pos = seg.size;
            long expected = first;
            for (Entry e : batch) {
                if (e.index() != expected++) {
                    throw new IllegalArgumentException("raft log append: entries are not consecutive at " + e.index());
                }
                int len = RECORD_FIXED + e.data().length;
                int start = buf.position();
                buf.putInt(len).putInt(0).putLong(e.index()).putLong(e.term()).put(e.data());
                crc.reset();
                crc.update(buf.array(), start + RECORD_HEADER, len);
                buf.putInt(start + 4, (int) crc.getValue());
                seg.offsets.add(pos);
                pos += RECORD_HEADER + len;
                entries.add(e);
            }
            buf.flip();
            while (buf.hasRemaining()) {
                active.write(buf);
            }
            seg.size = pos;
            dataDirty = true;
        } catch (IOException e) {
            throw new StorageIoException("appending to raft log in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static int encodedSize(List<Entry> batch) {
        long n = 0;
        for (Entry e : batch) {
            n += RECORD_HEADER + RECORD_FIXED + e.data().length;
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("raft log append batch of " + n + " bytes is too large");
        }
        return (int) n;
    }

    /**
     * Starts a new segment whose first record will be {@code firstIndex}: the prepared one if it
     * is ready, else a file that grows as it is written. The old one is made durable first, and
     * cut to its records, so that only the last segment ever ends in zeros.
     */
    private void roll(long firstIndex) throws IOException {
        if (active != null) {
            Segment old = segments.getLast();
            active.force(false);
            if (old.preallocated) {
                active.truncate(old.size);
                active.force(true);
            }
            active.close();
            active = null;
        }
        Segment seg = new Segment(dir.resolve(segmentName(firstIndex)), firstIndex);
        if (preparer != null && preparer.takeAs(seg.path)) {
            seg.size = SEGMENT_HEADER;
            seg.preallocated = true;
        } else {
            writeHeader(seg);
        }
        segments.add(seg);
        active = FileChannel.open(seg.path, StandardOpenOption.WRITE);
        active.position(seg.size);
        dirDirty = true;
    }

    /** A segment's header: magic and format version, ready to write. */
    static ByteBuffer header() {
        return ByteBuffer.allocate(SEGMENT_HEADER).putInt(SEGMENT_MAGIC).putInt(1).flip();
    }

    private static void writeHeader(Segment seg) throws IOException {
        try (FileChannel ch = FileChannel.open(seg.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer h = header();
            while (h.hasRemaining()) {
                ch.write(h);
            }
        }
        seg.size = SEGMENT_HEADER;
    }

    /** Removes entries from {@code index} on, in memory and on disk. */
    private void truncateFrom(long index) throws IOException {
        entries.subList((int) (index - firstIndex()), entries.size()).clear();
        while (!segments.isEmpty() && segments.getLast().firstIndex >= index && segments.size() > 1) {
            Segment dead = segments.removeLast();
            if (active != null) {
                active.close();
                active = null;
            }
            Files.deleteIfExists(dead.path);
            dirDirty = true;
        }
        Segment seg = segments.getLast();
        int keep = (int) Math.max(0, index - seg.firstIndex);
        long cut = keep < seg.offsets.size() ? seg.offsets.get(keep) : seg.size;
        seg.offsets.subList(keep, seg.offsets.size()).clear();
        if (active == null) {
            active = FileChannel.open(seg.path, StandardOpenOption.WRITE);
        }
        active.truncate(cut);
        active.position(cut);
        seg.size = cut;
        seg.preallocated = false;
        dataDirty = true;
    }

    @Override
    public void compact(long index, Configuration config) {
        if (index < firstIndex() || index > lastIndex()) {
            throw new IllegalArgumentException("raft log cannot compact to " + index + " outside " + firstIndex() + ".." + lastIndex());
        }
        long t = term(index);
        entries.subList(0, (int) (index - firstIndex() + 1)).clear();
        meta = new Meta(meta.term(), meta.votedFor(), index, t, config);
        try {
            meta.write(dir); // durable before any segment goes
            metaDirty = false;
            while (segments.size() > 1 && segments.get(1).firstIndex <= index + 1) {
                Files.deleteIfExists(segments.removeFirst().path);
            }
        } catch (IOException e) {
            throw new StorageIoException("compacting raft log in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void resetTo(long index, long term, Configuration config) {
        try {
            if (active != null) {
                active.close();
                active = null;
            }
            // Newest first: a crash midway leaves a prefix of the old log, which is still consistent.
            while (!segments.isEmpty()) {
                Files.deleteIfExists(segments.removeLast().path);
            }
            entries.clear();
            meta = new Meta(meta.term(), meta.votedFor(), index, term, config);
            meta.write(dir);
            metaDirty = false;
        } catch (IOException e) {
            throw new StorageIoException("resetting raft log in " + dir + " to a snapshot at " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long currentTerm() {
        return meta.term();
    }

    @Override
    public Optional<String> votedFor() {
        return meta.votedFor();
    }

    @Override
    public void saveTermAndVote(long term, Optional<String> votedFor) {
        meta = new Meta(term, votedFor, meta.snapshotIndex(), meta.snapshotTerm(), meta.config());
        metaDirty = true;
    }

    @Override
    public Configuration configuration() {
        return meta.config();
    }

    @Override
    public void saveConfiguration(Configuration config) {
        meta = new Meta(meta.term(), meta.votedFor(), meta.snapshotIndex(), meta.snapshotTerm(), config);
        metaDirty = true;
    }

    /** One fsync of the active segment (group commit), then the term and vote if they changed. */
    @Override
    public void sync() {
        try {
            if (dataDirty && active != null) {
                active.force(false);
            }
            dataDirty = false;
            if (dirDirty) {
                Meta.syncDirectory(dir);
                dirDirty = false;
            }
            if (metaDirty) {
                meta.write(dir);
                metaDirty = false;
            }
        } catch (IOException e) {
            throw new StorageIoException("syncing raft log in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            sync();
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        if (preparer != null) {
            preparer.close();
        }
        if (active != null) {
            try {
                active.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "closing raft log segment in " + dir, e);
            }
            active = null;
        }
    }
}
