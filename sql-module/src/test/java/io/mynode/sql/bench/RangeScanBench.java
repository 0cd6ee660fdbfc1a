package io.mynode.sql.bench;

import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.TestDatabase;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * A range of 1% of a table's rows by primary key, read as a key range ({@code rangeScan}) and as
 * the full scan with a filter that the planner made of every inequality before range scans
 * existed ({@code fullScan}: the same condition on {@code id + 0}, which no range can serve, so
 * the plan is that old one, {@code Scan: big ((id + 0) >= ...)}). Both sum the rows they find, so
 * both read and decode every row in range. The table has {@code rows} rows (one million by
 * default; {@code -p rows=10000} for a quick run); loading it takes most of a minute.
 * Run with {@code sql-module/bench.sh RangeScanBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class RangeScanBench {
    @Param("1000000")
    int rows;

    private TestDatabase db;
    private Session session;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void setup() {
        db = TestDatabase.open();
        session = db.engine().session();
        session.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, score INTEGER)");
        int batch = 1000;
        for (int start = 0; start < rows; start += batch) {
            StringBuilder sql = new StringBuilder("INSERT INTO big VALUES ");
            for (int i = start; i < Math.min(rows, start + batch); i++) {
                sql.append(i == start ? "" : ", ").append('(').append(i).append(", 'name ").append(i).append("', ")
                        .append(i % 100).append(')');
            }
            session.execute(sql.toString());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        session.close();
        db.close();
    }

    @Benchmark
    public List<Value> rangeScan() {
        int width = rows / 100;
        int from = random.nextInt(rows - width);
        return one("SELECT count(*), sum(score) FROM big WHERE id >= " + from + " AND id < " + (from + width));
    }

    @Benchmark
    public List<Value> fullScan() {
        int width = rows / 100;
        int from = random.nextInt(rows - width);
        return one("SELECT count(*), sum(score) FROM big WHERE id + 0 >= " + from + " AND id + 0 < " + (from + width));
    }

    private List<Value> one(String sql) {
        try (RowStream s = ((StatementResult.Rows) session.execute(sql)).rows()) {
            return s.next();
        }
    }
}
