package io.mynode.kernel.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mynode.kernel.Providers;
import io.mynode.kernel.config.Settings;
import io.mynode.kernel.error.CorruptionException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The storage contract for engines that keep data on disk: everything in
 * {@link StorageEngineContract}, plus reopening, crashing and corruption.
 *
 * <ul>
 *   <li><b>Crash:</b> a child JVM ({@link CrashWriter}) writes deterministic batches and reports
 *       each completed flush; it is killed with SIGKILL at a random moment; the reopened engine must
 *       hold exactly the state after some batch N (an atomic prefix) with N no earlier than the last
 *       reported flush.
 *   <li><b>Corruption:</b> one byte of a data file is flipped; every read afterwards either returns
 *       exactly what was written or throws {@link CorruptionException} — never a wrong answer,
 *       never another exception.
 * </ul>
 */
public abstract class DurableStorageEngineContract extends StorageEngineContract {

    /** The provider name, as {@code storage.engine} names it. */
    protected abstract String providerName();

    /** Settings for the engine under test (the keys under the provider's prefix). */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @Override
    protected StorageEngine open(Path directory) {
        return Providers.select(StorageEngineProvider.class, providerName())
                .open(new StorageContext(directory, new Settings(providerName(), settings())));
    }

    @Override
    protected StorageEngine reopenForModel(StorageEngine current) {
        current.flush();
        current.close();
        return open(dir);
    }

    private void reopen() {
        engine.close();
        engine = open(dir);
    }

    @Nested
    class Reopening {
        @Test
        void flushedDataSurvivesAReopen() {
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < 2000; i++) {
                batch.put(b("key" + i), b("value" + i));
            }
            engine.write(batch);
            engine.write(new WriteBatch().delete(b("key7")));
            engine.flush();
            reopen();
            assertEquals(1999, drain(engine.scan(KeyRange.all())).size());
            assertArrayEquals(b("value1999"), engine.get(b("key1999")).orElseThrow());
            assertTrue(engine.get(b("key7")).isEmpty());
        }

        @Test
        void closeIsAFlush() {
            put("a", "1");
            reopen();
            assertArrayEquals(b("1"), engine.get(b("a")).orElseThrow());
        }

        @Test
        void writesAfterAReopenWork() {
            put("a", "1");
            reopen();
            put("b", "2");
            engine.write(new WriteBatch().delete(b("a")));
            reopen();
            assertEquals(List.of("b"), keys(engine.scan(KeyRange.all())));
        }

        @Test
        void statusCountsKeysAndBytes() {
            for (int i = 0; i < 100; i++) {
                put("k" + i, "v");
            }
            engine.flush();
            StorageStatus status = engine.status();
            assertEquals(providerName(), status.engine());
            assertTrue(status.diskBytes() > 0, "disk bytes reported");
        }
    }

    @Nested
    class Crashes {
        @Test
        void aKilledWriterLeavesAnAtomicPrefixNoShorterThanTheLastFlush() throws Exception {
            long seed = seed("crash");
            Random random = new Random(seed);
            int rounds = Integer.getInteger("conformance.crash.rounds", 4);
            engine.close();
            engine = null;
            for (int round = 0; round < rounds; round++) {
                Path roundDir = Files.createDirectories(dir.resolve("crash-" + round));
                long roundSeed = random.nextLong();
                long lastFlushed = runAndKill(roundDir, roundSeed, 300 + random.nextInt(1500));
                try (StorageEngine reopened = open(roundDir)) {
                    Optional<byte[]> marker = reopened.get(CrashWriter.MARKER);
                    long survived = marker.map(m -> ByteBuffer.wrap(m).getLong()).orElse(-1L);
                    assertTrue(survived >= lastFlushed, "round " + round + " (seed " + seed + "): batch "
                            + lastFlushed + " was flushed but only " + survived + " survived");
                    TreeMap<byte[], byte[]> model = new TreeMap<>(Keys.ORDER);
                    for (long i = 0; i <= survived; i++) {
                        for (WriteBatch.Op op : CrashWriter.batch(roundSeed, i).ops()) {
                            switch (op) {
                                case WriteBatch.Put p -> model.put(p.key(), p.value());
                                case WriteBatch.Delete d -> model.remove(d.key());
                            }
                        }
                    }
                    assertEquals(MemoryEngine.slice(model, KeyRange.all(), Direction.ASCENDING),
                            drain(reopened.scan(KeyRange.all())),
                            "round " + round + " (seed " + seed + "): state is not the state after batch " + survived);
                }
            }
        }

        /** Runs a {@link CrashWriter}, SIGKILLs it after {@code millis}, returns the last flushed batch. */
        private long runAndKill(Path directory, long seed, long millis) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), providerName(), directory.toString(), Long.toString(seed)));
            settings().forEach((k, v) -> command.add(k + "=" + v));
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            AtomicLong lastFlushed = new AtomicLong(-1);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("flushed ")) {
                            lastFlushed.set(Long.parseLong(line.substring(8)));
                        }
                    }
                } catch (IOException ignored) {
                    // The pipe breaks when the child dies; what was read so far is what counts.
                }
            });
            reader.start();
            try {
                // Wait for the first flush so every round kills a writer that is really writing.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (lastFlushed.get() < 0 && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                if (!child.isAlive()) {
                    fail("crash writer exited early with code " + child.exitValue());
                }
                Thread.sleep(millis);
            } finally {
                child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no close.
                child.waitFor(30, TimeUnit.SECONDS);
                reader.join(10_000);
            }
            return lastFlushed.get();
        }
    }

    @Nested
    class Corruption {
        @Test
        void aFlippedByteIsReportedAsCorruptionAndNeverServed() throws IOException {
            long seed = seed("corruption");
            Random random = new Random(seed);
            TreeMap<byte[], byte[]> model = new TreeMap<>(Keys.ORDER);
            for (int i = 0; i < 20; i++) {
                WriteBatch batch = new WriteBatch();
                for (int j = 0; j < 100; j++) {
                    byte[] key = ("key" + random.nextInt(1500)).getBytes(StandardCharsets.UTF_8);
                    byte[] value = new byte[random.nextInt(10) == 0 ? 5000 : 1 + random.nextInt(100)];
                    random.nextBytes(value);
                    batch.put(key, value);
                    model.put(key, value);
                }
                engine.write(batch);
                engine.flush();
            }
            engine.close();
            engine = null;
            Path pristine = dir.resolve("pristine");
            List<Path> files = copyTree(dir, pristine);
            int trials = Integer.getInteger("conformance.corruption.trials", 40);
            int detected = 0;
            for (int trial = 0; trial < trials; trial++) {
                Path copy = dir.resolve("trial-" + trial);
                copyTree(pristine, copy);
                Path victim = pickWeightedBySize(files, random, pristine, copy);
                long size = Files.size(victim);
                if (size == 0) {
                    continue;
                }
                long offset = (long) (random.nextDouble() * size);
                flipByte(victim, offset, 1 << random.nextInt(8));
                String where = "trial " + trial + " (seed " + seed + "): flipped " + copy.relativize(victim) + " @" + offset;
                try (StorageEngine damaged = open(copy)) {
                    boolean sawCorruption = false;
                    for (var e : model.entrySet()) {
                        try {
                            Optional<byte[]> got = damaged.get(e.getKey());
                            assertTrue(got.isPresent() && Arrays.equals(e.getValue(), got.get()),
                                    where + ": wrong value served for " + new String(e.getKey(), StandardCharsets.UTF_8));
                        } catch (CorruptionException expected) {
                            sawCorruption = true;
                        }
                    }
                    try {
                        assertEquals(MemoryEngine.slice(model, KeyRange.all(), Direction.ASCENDING),
                                drain(damaged.scan(KeyRange.all())), where + ": wrong scan served");
                    } catch (CorruptionException expected) {
                        sawCorruption = true;
                    }
                    if (sawCorruption) {
                        detected++;
                    }
                } catch (CorruptionException expected) {
                    detected++;
                }
            }
            // Bytes in unused space may go unnoticed; bytes in live data may not. Over many trials
            // some must land in live data, so zero detections means checksums are not checked.
            assertTrue(detected > 0, "no corruption detected in " + trials + " trials (seed " + seed + ")");
        }

        private static Path pickWeightedBySize(List<Path> files, Random random, Path from, Path to) throws IOException {
            long total = 0;
            for (Path f : files) {
                total += Files.size(f);
            }
            long pick = (long) (random.nextDouble() * total);
            for (Path f : files) {
                pick -= Files.size(f);
                if (pick < 0) {
                    return to.resolve(from.relativize(f));
                }
            }
            return to.resolve(from.relativize(files.get(files.size() - 1)));
        }

        private static void flipByte(Path file, long offset, int mask) throws IOException {
            try (var channel = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                ByteBuffer one = ByteBuffer.allocate(1);
                channel.read(one, offset);
                one.flip();
                byte flipped = (byte) (one.get(0) ^ mask);
                channel.write(ByteBuffer.wrap(new byte[] {flipped}), offset);
            }
        }

        /** Copies the regular files under {@code from} (skipping other copies) and returns the copies. */
        private static List<Path> copyTree(Path from, Path to) throws IOException {
            List<Path> copied = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path rel = from.relativize(p);
                    if (rel.toString().startsWith("pristine") || rel.toString().startsWith("trial-")) {
                        continue;
                    }
                    Path target = to.resolve(rel);
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else if (Files.isRegularFile(p)) {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                        copied.add(target);
                    }
                }
            }
            return copied;
        }
    }
}
