package io.mynode.txn.bench;

import io.mynode.kernel.Providers;
import io.mynode.kernel.config.Settings;
import io.mynode.kernel.consensus.LocalConsensus;
import io.mynode.kernel.consensus.StateMachine;
import io.mynode.kernel.storage.MemoryEngine;
import io.mynode.kernel.storage.StorageContext;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageEngineProvider;
import io.mynode.kernel.txn.Transaction;
import io.mynode.kernel.txn.TransactionContext;
import io.mynode.kernel.txn.TransactionEngine;
import io.mynode.kernel.txn.TransactionEngineProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.TransactionMap;
import org.h2.mvstore.tx.TransactionStore;
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

/**
 * Commits per second of a small read-write transaction (2 reads + 2 writes of 100-byte values,
 * over {@link #KEYS} preloaded keys), one thread:
 *
 * <ul>
 *   <li>{@code mynode}: the MVCC transaction engine through {@link LocalConsensus} with
 *       {@code local.sync=false} (no flush per commit, as with Raft's log carrying durability),
 *       over the storage engine named by {@code engine}: {@code memory} is the kernel's TreeMap
 *       test model (no disk at all), {@code btree} and {@code lsm} the real engines, found by name through {@code ServiceLoader}.
 *   <li>{@code h2}: H2 MVStore's {@code TransactionStore} on a file, with its default background
 *       commit (no fsync per transaction either), on the same work.
 * </ul>
 *
 * Run with {@code txn-module/bench.sh} (it passes any JMH options through).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CommitBench {
    static final int KEYS = 10_000;
    static final byte[] VALUE = new byte[100];

    static byte[] key(long k) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) k;
            k >>>= 8;
        }
        return b;
    }

    /** The mynode stack. */
    @State(Scope.Benchmark)
    public static class Mynode {
        @Param({"btree", "lsm", "memory"})
        public String engine;

        StorageEngine storage;
        StateMachine stateMachine;
        LocalConsensus consensus;
        TransactionEngine txns;
        Path dir;

        @Setup(Level.Trial)
        public void open() throws IOException {
            if (engine.equals("memory")) {
                storage = new MemoryEngine();
            } else {
                dir = Files.createTempDirectory("bench-" + engine);
                storage = Providers.select(StorageEngineProvider.class, engine)
                        .open(new StorageContext(dir, Settings.empty(engine)));
            }
            TransactionEngineProvider provider = Providers.select(TransactionEngineProvider.class, "mvcc");
            stateMachine = provider.stateMachine(new TransactionContext("bench", storage, Settings.empty("mvcc")));
            consensus = new LocalConsensus("bench", stateMachine, new Settings("local", Map.of("sync", "false")));
            txns = provider.engine(stateMachine, consensus);
            for (int base = 0; base < KEYS; base += 1000) {
                try (Transaction t = txns.begin()) {
                    for (int k = base; k < base + 1000; k++) {
                        t.put(key(k), VALUE);
                    }
                    t.commit();
                }
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            consensus.close();
            stateMachine.close();
            storage.close();
            deleteTree(dir);
        }
    }

    /** H2's MVStore with its transaction layer. */
    @State(Scope.Benchmark)
    public static class H2 {
        MVStore store;
        TransactionStore txns;
        Path dir;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("bench-h2");
            store = new MVStore.Builder().fileName(dir.resolve("h2.mv.db").toString()).open();
            txns = new TransactionStore(store);
            txns.init();
            org.h2.mvstore.tx.Transaction tx = txns.begin();
            TransactionMap<Long, byte[]> map = tx.openMap("data");
            for (long k = 0; k < KEYS; k++) {
                map.put(k, VALUE);
            }
            tx.commit();
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            txns.close();
            store.close();
            deleteTree(dir);
        }
    }

    @Benchmark
    public long mynode(Mynode s) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] a = key(r.nextInt(KEYS));
        byte[] b = key(r.nextInt(KEYS));
        try (Transaction t = s.txns.begin()) {
            t.get(a);
            t.get(b);
            t.put(a, VALUE);
            t.put(b, VALUE);
            return t.commit();
        }
    }

    /**
     * The floor under {@link #mynode}: the same two reads and one atomic batch of the two writes,
     * straight on the storage engine (no versions, validation, log or dedup), to show what the
     * MVCC layer adds on top of its engine.
     */
    @Benchmark
    public Object engineOnly(Mynode s) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] a = key(r.nextInt(KEYS));
        byte[] b = key(r.nextInt(KEYS));
        Object x = s.storage.get(a);
        Object y = s.storage.get(b);
        s.storage.write(new io.mynode.kernel.storage.WriteBatch().put(a, VALUE).put(b, VALUE));
        return x == y ? x : y;
    }

    @Benchmark
    public Object h2(H2 s) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long a = r.nextInt(KEYS);
        long b = r.nextInt(KEYS);
        org.h2.mvstore.tx.Transaction tx = s.txns.begin();
        TransactionMap<Long, byte[]> map = tx.openMap("data");
        Object x = map.get(a);
        Object y = map.get(b);
        map.put(a, VALUE);
        map.put(b, VALUE);
        tx.commit();
        return x == y ? x : y;
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
