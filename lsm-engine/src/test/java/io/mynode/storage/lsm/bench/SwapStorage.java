package io.mynode.storage.lsm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The swap-storage experiment: db_bench-style workloads against several storage engines in one
 * run, one engine after the other in one JVM, printing a table and writing a PNG chart. Run it
 * with {@code lsm-engine/swap-bench.sh} (see there for options).
 *
 * <p>Workloads, as RocksDB's db_bench names them, with 16-byte keys and 100-byte values, one key
 * per write batch, single-threaded:
 * <ul>
 *   <li>{@code fillseq}: N keys in ascending order into an empty engine, then flush;
 *   <li>{@code fillrandom}: the same N keys in a random order into an empty engine, then flush
 *       (a permutation rather than db_bench's draws with replacement, so every later read hits);
 *   <li>{@code overwrite}: N random keys (with replacement) over the fillrandom data, then flush;
 *   <li>{@code readrandom}: N gets of random existing keys;
 *   <li>{@code readseq}: one scan over everything (ops = entries read);
 *   <li>{@code seekrandom}: N/10 seeks to random keys, each reading the next 10 entries.
 * </ul>
 *
 * <p>Figures: throughput, p99 latency of one operation (HdrHistogram), write amplification (bytes
 * the process wrote to storage, from {@code /proc/self/io}, per byte of user data written: this
 * counts every engine the same way, background threads included), and space amplification (bytes
 * in the engine's directory after the workload's flush per byte of live user data).
 */
public final class SwapStorage {
    private static final int KEY_BYTES = 16;
    private static final int VALUE_BYTES = 100;
    static final List<String> WORKLOADS = List.of("fillseq", "fillrandom", "overwrite", "readrandom", "readseq", "seekrandom");

    /** One measured workload on one engine. */
    record Result(String engine, String workload, long ops, double seconds, double p99Micros, double writeAmp, double spaceAmp) {
        double opsPerSecond() {
            return ops / seconds;
        }
    }

    private final int keys;
    private final Path base;
    private final long cacheBytes;
    private final Map<String, String> lsmSettings;
    private final byte[] valuePool = new byte[1 << 20];

    private SwapStorage(int keys, Path base, long cacheBytes, Map<String, String> lsmSettings) {
        this.keys = keys;
        this.base = base;
        this.cacheBytes = cacheBytes;
        this.lsmSettings = lsmSettings;
        new Random(42).nextBytes(valuePool);
    }

    public static void main(String[] args) throws IOException {
        int keys = 1_000_000;
        int rounds = 1;
        List<String> engines = List.of("btree", "lsm", "rocksdb");
        Path base = Path.of("target", "swap-bench");
        long cacheBytes = 64L << 20;
        Map<String, String> lsm = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "--keys" -> keys = Integer.parseInt(kv[1].replace("_", ""));
                case "--engines" -> engines = List.of(kv[1].split(","));
                case "--dir" -> base = Path.of(kv[1]);
                case "--cache" -> cacheBytes = Long.parseLong(kv[1]) << 20;
                case "--rounds" -> rounds = Integer.parseInt(kv[1]);
                default -> {
                    if (kv[0].startsWith("lsm.") && kv.length == 2) {
                        lsm.put(kv[0].substring(4), kv[1]);
                    } else {
                        System.err.println("usage: SwapStorage [--keys=N] [--engines=btree,lsm,rocksdb] [--dir=PATH] "
                                + "[--cache=MiB] [--rounds=R] [lsm.key=value ...]");
                        System.exit(2);
                    }
                }
            }
        }
        lsm.putIfAbsent("cache.bytes", Long.toString(cacheBytes));
        Files.createDirectories(base);
        SwapStorage bench = new SwapStorage(keys, base, cacheBytes, lsm);
        System.out.printf(Locale.ROOT, "swap-storage: %,d keys of %d B, values of %d B, cache %d MiB, engines %s, %d round(s)%n",
                keys, KEY_BYTES, VALUE_BYTES, cacheBytes >> 20, engines, rounds);
        // Several rounds, the engine order reversed every other round, keeping each engine's best
        // throughput per workload: on a shared machine, interference only ever makes a run slower.
        Map<String, Result> best = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> ran = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<String> order = new ArrayList<>(engines);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (String engine : order) {
                if (missing.contains(engine)) {
                    continue;
                }
                System.out.println("== " + engine + " (round " + (round + 1) + " of " + rounds + ")");
                List<Result> r = bench.runAll(engine);
                if (r.isEmpty()) {
                    missing.add(engine);
                    System.out.println("engine '" + engine + "' is not on the class path: skipped (add its module as a test dependency)");
                    continue;
                }
                if (!ran.contains(engine)) {
                    ran.add(engine);
                }
                for (Result x : r) {
                    best.merge(x.engine() + "/" + x.workload(), x, (a, b) -> a.opsPerSecond() >= b.opsPerSecond() ? a : b);
                }
            }
        }
        ran.sort(java.util.Comparator.comparingInt(engines::indexOf));
        List<Result> results = new ArrayList<>(best.values());
        String table = Report.table(results, ran, missing);
        System.out.println();
        System.out.print(table);
        Files.writeString(base.resolve("results.md"), table);
        Path png = base.resolve("swap-storage.png");
        Report.chart(results, ran, keys, png);
        System.out.println("chart: " + png.toAbsolutePath());
        System.out.println("table: " + base.resolve("results.md").toAbsolutePath());
    }

    /** Key {@code i}: sixteen decimal digits, zero-padded, so byte order is numeric order. */
    static byte[] key(long i) {
        byte[] k = new byte[KEY_BYTES];
        for (int p = KEY_BYTES - 1; p >= 0; p--) {
            k[p] = (byte) ('0' + i % 10);
            i /= 10;
        }
        return k;
    }

    private byte[] value(SplittableRandom random) {
        byte[] v = new byte[VALUE_BYTES];
        System.arraycopy(valuePool, random.nextInt(valuePool.length - VALUE_BYTES), v, 0, VALUE_BYTES);
        return v;
    }

    /** Every workload on one engine; empty if the engine is not on the class path. */
    private List<Result> runAll(String engine) throws IOException {
        Path dir = base.resolve(engine);
        // Warm up the JIT (and the native library) on a throwaway engine, untimed.
        Optional<Target> warm = open(engine, dir.resolve("warmup"));
        if (warm.isEmpty()) {
            return List.of();
        }
        try (Target t = warm.get()) {
            SplittableRandom random = new SplittableRandom(1);
            int n = Math.min(keys, 200_000);
            for (int i = 0; i < n; i++) {
                t.put(key(random.nextInt(n)), value(random));
            }
            for (int i = 0; i < n; i++) {
                t.get(key(random.nextInt(n)));
                if (i % 10 == 0) {
                    t.scan(key(random.nextInt(n)), 10);
                }
            }
        }
        delete(dir.resolve("warmup"));
        List<Result> results = new ArrayList<>();
        try (Target t = open(engine, dir.resolve("fillseq")).orElseThrow()) {
            results.add(fill(t, "fillseq", dir.resolve("fillseq"), false));
        }
        delete(dir.resolve("fillseq"));
        Path data = dir.resolve("random");
        try (Target t = open(engine, data).orElseThrow()) {
            results.add(fill(t, "fillrandom", data, true));
            results.add(overwrite(t, data));
            results.add(readRandom(t));
            results.add(readSeq(t));
            results.add(seekRandom(t));
        }
        delete(data);
        return results;
    }

    private Optional<Target> open(String engine, Path dir) throws IOException {
        delete(dir);
        Files.createDirectories(dir);
        return Target.open(engine, dir, lsmSettings, cacheBytes);
    }

    private Result fill(Target t, String name, Path dir, boolean random) {
        int[] order = new int[keys];
        for (int i = 0; i < keys; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(7);
        if (random) {
            for (int i = keys - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int x = order[i];
                order[i] = order[j];
                order[j] = x;
            }
        }
        Histogram h = histogram();
        long written0 = DiskWrites.bytes();
        long t0 = System.nanoTime();
        for (int i = 0; i < keys; i++) {
            byte[] k = key(order[i]);
            byte[] v = value(rnd);
            long s = System.nanoTime();
            t.put(k, v);
            h.recordValue(System.nanoTime() - s);
        }
        t.flush();
        double secs = (System.nanoTime() - t0) / 1e9;
        return report(t, name, keys, secs, h, DiskWrites.bytes() - written0, dir);
    }

    private Result overwrite(Target t, Path dir) {
        SplittableRandom rnd = new SplittableRandom(11);
        Histogram h = histogram();
        long written0 = DiskWrites.bytes();
        long t0 = System.nanoTime();
        for (int i = 0; i < keys; i++) {
            byte[] k = key(rnd.nextInt(keys));
            byte[] v = value(rnd);
            long s = System.nanoTime();
            t.put(k, v);
            h.recordValue(System.nanoTime() - s);
        }
        t.flush();
        double secs = (System.nanoTime() - t0) / 1e9;
        return report(t, "overwrite", keys, secs, h, DiskWrites.bytes() - written0, dir);
    }

    private Result readRandom(Target t) {
        SplittableRandom rnd = new SplittableRandom(13);
        Histogram h = histogram();
        long found = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < keys; i++) {
            byte[] k = key(rnd.nextInt(keys));
            long s = System.nanoTime();
            byte[] v = t.get(k);
            h.recordValue(System.nanoTime() - s);
            if (v != null) {
                found++;
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (found != keys) {
            throw new IllegalStateException(t.name() + ": readrandom found " + found + " of " + keys + " keys");
        }
        return report(t, "readrandom", keys, secs, h, -1, null);
    }

    private Result readSeq(Target t) {
        Histogram h = histogram();
        long t0 = System.nanoTime();
        long n = t.scanAll();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (n != keys) {
            throw new IllegalStateException(t.name() + ": readseq saw " + n + " of " + keys + " keys");
        }
        h.recordValue(Math.max(1, Math.round(secs * 1e9 / n)));
        return report(t, "readseq", n, secs, h, -1, null);
    }

    private Result seekRandom(Target t) {
        SplittableRandom rnd = new SplittableRandom(17);
        Histogram h = histogram();
        int seeks = Math.max(1, keys / 10);
        long t0 = System.nanoTime();
        for (int i = 0; i < seeks; i++) {
            byte[] k = key(rnd.nextInt(keys));
            long s = System.nanoTime();
            t.scan(k, 10);
            h.recordValue(System.nanoTime() - s);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return report(t, "seekrandom", seeks, secs, h, -1, null);
    }

    private Result report(Target t, String workload, long ops, double secs, Histogram h, long diskWritten, Path dir) {
        double userBytes = (double) ops * (KEY_BYTES + VALUE_BYTES);
        double writeAmp = diskWritten < 0 ? Double.NaN : diskWritten / userBytes;
        double spaceAmp = dir == null ? Double.NaN : size(dir) / ((double) keys * (KEY_BYTES + VALUE_BYTES));
        // readseq records one mean per-entry figure; its "p99" is that mean.
        Result r = new Result(t.name(), workload, ops, secs, h.getValueAtPercentile(99) / 1000.0, writeAmp, spaceAmp);
        System.out.printf(Locale.ROOT, "  %-11s %,12.0f ops/s  p99 %8.1f us  w-amp %5s  s-amp %5s%n", workload,
                r.opsPerSecond(), r.p99Micros(), Report.fmt(writeAmp), Report.fmt(spaceAmp));
        return r;
    }

    private static Histogram histogram() {
        return new Histogram(3_600_000_000_000L, 3); // nanoseconds, up to an hour
    }

    static long size(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a file compaction just deleted
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
