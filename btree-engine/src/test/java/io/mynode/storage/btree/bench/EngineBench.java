package io.mynode.storage.btree.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The B+-tree engine against H2's MVStore, side by side in one run: 1M keys of 16 bytes with
 * 100-byte values, loaded once per trial in random order; then random gets, random puts in
 * batches of 100 (overwriting existing keys, so the size stays put), the same with a durable
 * flush every 100 batches, and 100-entry range scans
 * from a random key. Both stores work on a file in the temporary directory with a cache big enough
 * for the whole data set ({@code cacheMiB}), so the run compares the code, not the disk.
 *
 * <p>Run it with {@code btree-engine/bench.sh} (see there). Scores are operations per second: one
 * operation is one get, one batch of 100 puts, or one scan of 100 entries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
public class EngineBench {
    static final int KEYS = 1_000_000;

    @Param({"btree", "mvstore"})
    public String store;

    @Param("512")
    public int cacheMiB;

    private Path dir;
    private Store target;
    private final SplittableRandom random = new SplittableRandom(42);
    private final byte[][] batchKeys = new byte[100][];
    private final byte[][] batchValues = new byte[100][];

    /** Key {@code i}: 8 bytes of a hash of {@code i} (random order), then {@code i} (uniqueness). */
    static byte[] key(int i) {
        long h = i * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        return ByteBuffer.allocate(16).putLong(h).putLong(i).array();
    }

    private byte[] value() {
        byte[] v = new byte[100];
        for (int i = 0; i < v.length; i += 8) {
            long r = random.nextLong();
            for (int j = 0; j < 8 && i + j < v.length; j++) {
                v[i + j] = (byte) (r >>> (8 * j));
            }
        }
        return v;
    }

    /**
     * Loads the 1M keys once per store into {@code enginebench-base-<store>} in the temporary
     * directory (bench.sh clears it before a run), then gives each trial a copy of it.
     */
    @Setup(Level.Trial)
    public void load() throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "enginebench-base-" + store);
        if (!Files.isDirectory(base)) {
            Path loading = Files.createTempDirectory("enginebench-loading-" + store);
            long start = System.nanoTime();
            try (Store s = Store.open(store, loading, cacheMiB)) {
                byte[][] keys = new byte[1000][];
                byte[][] values = new byte[1000][];
                for (int from = 0; from < KEYS; from += keys.length) {
                    for (int i = 0; i < keys.length; i++) {
                        keys[i] = key(from + i);
                        values[i] = value();
                    }
                    s.put(keys, values);
                }
            }
            System.out.printf("%n%s: loaded %d keys in %.1f s%n", store, KEYS, (System.nanoTime() - start) / 1e9);
            Files.move(loading, base);
        }
        dir = Files.createTempDirectory("enginebench-" + store);
        try (Stream<Path> files = Files.list(base)) {
            for (Path p : files.toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        target = Store.open(store, dir, cacheMiB);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        System.out.println();
        System.out.println(store + " after the trial: " + target);
        target.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public byte[] get() {
        return target.get(key(random.nextInt(KEYS)));
    }

    @Benchmark
    public void putBatch100() {
        for (int i = 0; i < batchKeys.length; i++) {
            batchKeys[i] = key(random.nextInt(KEYS));
            batchValues[i] = value();
        }
        target.put(batchKeys, batchValues);
    }

    private int batches;

    /**
     * As {@link #putBatch100}, and every 100th batch (10,000 puts) also makes everything durable,
     * as a node does when it compacts its Raft log: this is where a store's write amplification
     * shows, since the first variant lets each store write back whenever it likes (MVStore in a
     * background thread every second; the B+-tree only when its dirty pages exceed their bound).
     */
    @Benchmark
    public void putBatch100Flush100() {
        putBatch100();
        if (++batches % 100 == 0) {
            target.flush();
        }
    }

    @Benchmark
    public void scan100(Blackhole sink) {
        target.scan(key(random.nextInt(KEYS)), 100, sink);
    }
}
