package io.mynode.txn;

import io.mynode.kernel.Providers;
import io.mynode.kernel.config.Settings;
import io.mynode.kernel.consensus.LocalConsensus;
import io.mynode.kernel.storage.MemoryEngine;
import io.mynode.kernel.storage.StorageContext;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageEngineProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A single-node MVCC stack for tests: a storage engine, the state machine, {@link LocalConsensus}
 * and the transaction engine. {@code memory} is the kernel's test model; every
 * {@link StorageEngineProvider} found on the test class path ({@code btree}, {@code lsm}) runs the same tests.
 */
final class Fixture implements AutoCloseable {
    final StorageEngine storage;
    final MvccStateMachine stateMachine;
    final LocalConsensus consensus;
    final MvccEngine engine;
    private final Path directory;

    private Fixture(StorageEngine storage, Path directory, long retention) {
        this.storage = storage;
        this.directory = directory;
        this.stateMachine = new MvccStateMachine(storage,
                new Settings("mvcc", Map.of("retention.versions", Long.toString(retention))));
        this.consensus = new LocalConsensus("n1", stateMachine, new Settings("local", Map.of("sync", "false")));
        this.engine = new MvccEngine(stateMachine, consensus);
    }

    /** The engines tests run over: the memory model, then every provider on the class path. */
    static List<String> engines() {
        List<String> names = new ArrayList<>();
        names.add("memory");
        names.addAll(Providers.all(StorageEngineProvider.class).keySet());
        return names;
    }

    static Fixture open(String engine) {
        return open(engine, MvccStateMachine.DEFAULT_RETENTION);
    }

    static Fixture open(String engine, long retention) {
        if (engine.equals("memory")) {
            return new Fixture(new MemoryEngine(), null, retention);
        }
        try {
            Path dir = Files.createTempDirectory("mvcc-" + engine);
            StorageEngine storage = Providers.select(StorageEngineProvider.class, engine)
                    .open(new StorageContext(dir, Settings.empty(engine)));
            return new Fixture(storage, dir, retention);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Commits {@code key=value} pairs in one transaction. */
    long put(String... pairs) {
        try (var t = engine.begin()) {
            for (String pair : pairs) {
                String[] kv = pair.split("=", 2);
                t.put(b(kv[0]), b(kv[1]));
            }
            return t.commit();
        }
    }

    @Override
    public void close() {
        consensus.close();
        stateMachine.close();
        storage.close();
        if (directory != null) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
