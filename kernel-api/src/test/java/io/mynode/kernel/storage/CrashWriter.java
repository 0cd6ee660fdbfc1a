package io.mynode.kernel.storage;

import io.mynode.kernel.Providers;
import io.mynode.kernel.config.Settings;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The child process of the crash test: opens an engine by provider name and writes deterministic
 * batches forever, printing {@code flushed N} after each completed {@link StorageEngine#flush()}
 * (N = the last batch written before it). The parent kills it with SIGKILL at a random moment.
 *
 * <p>Batch {@code i} is a pure function of the seed and {@code i} ({@link #batch}), and every
 * batch also writes {@link #MARKER} = i, so the parent can tell which prefix survived and rebuild
 * the exact expected state.
 */
public final class CrashWriter {
    /** The key holding the number of the last batch applied. Sorts before every generated key. */
    static final byte[] MARKER = {0x00, 'm'};

    private CrashWriter() {}

    /** Arguments: provider name, directory, seed, then optional {@code key=value} settings. */
    public static void main(String[] args) {
        String provider = args[0];
        Path directory = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        Map<String, String> settings = new TreeMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        StorageEngine engine = Providers.select(StorageEngineProvider.class, provider)
                .open(new StorageContext(directory, new Settings(provider, settings)));
        Random flushes = new Random(seed ^ 0x5DEECE66DL);
        for (long i = 0; ; i++) {
            engine.write(batch(seed, i));
            if (flushes.nextInt(8) == 0) {
                engine.flush();
                System.out.println("flushed " + i);
                System.out.flush();
            }
        }
    }

    /** Batch number {@code i} of the run with {@code seed}. */
    static WriteBatch batch(long seed, long i) {
        Random random = new Random(seed * 1_000_003L + i);
        WriteBatch batch = new WriteBatch();
        int n = 1 + random.nextInt(20);
        for (int j = 0; j < n; j++) {
            byte[] key = ("k" + random.nextInt(400)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (random.nextInt(10) < 3) {
                batch.delete(key);
            } else {
                int len = random.nextInt(50) == 0 ? 2000 + random.nextInt(20000) : random.nextInt(120);
                byte[] value = new byte[len];
                random.nextBytes(value);
                batch.put(key, value);
            }
        }
        batch.put(MARKER, ByteBuffer.allocate(8).putLong(i).array());
        return batch;
    }
}
