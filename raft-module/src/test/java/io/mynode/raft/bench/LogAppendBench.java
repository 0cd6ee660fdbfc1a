package io.mynode.raft.bench;

import io.mynode.raft.core.Entry;
import io.mynode.raft.log.SegmentedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

/**
 * Group commit in numbers: one operation appends {@code batch} entries of {@code entryBytes} to the
 * {@link SegmentedLog} and fsyncs once, as the driver does per round. Throughput is in batches per
 * second; entries per second is that times the batch size.
 *
 * <pre>raft-module/bench.sh LogAppendBench</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class LogAppendBench {

    @Param({"1", "10", "100", "1000"})
    int batch;

    @Param({"100"})
    int entryBytes;

    private Path dir;
    private SegmentedLog log;
    private long next;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        dir = Files.createTempDirectory("raft-bench");
        log = SegmentedLog.open(dir, 64L << 20);
        next = 1;
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        log.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public long appendAndSync() {
        List<Entry> entries = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            entries.add(new Entry(next++, 1, new byte[entryBytes]));
        }
        log.append(entries);
        log.sync();
        if (next > 200_000) {
            log.compact(next - 1, io.mynode.raft.core.Configuration.EMPTY); // keep memory flat over long runs; rare next to the fsyncs
        }
        return next;
    }
}
