package io.mynode.sql.bench;

import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import io.mynode.sql.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Embedded point selects and single-row inserts, mynode beside H2 on the same table, one client
 * thread. mynode runs the full stack in-process (SQL, MVCC, local consensus without fsync, the
 * B+-tree engine on disk); H2 runs on a file database (MVStore, which does not fsync per commit
 * either), once with a statement parsed each time, as mynode does, and once prepared.
 * Run with {@code sql-module/bench.sh EmbeddedBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EmbeddedBench {
    static final String CREATE = "CREATE TABLE bench (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, score INTEGER)";
    static final int ROWS = 10_000;

    private TestDatabase mynode;
    private Session session;
    private Path h2Dir;
    private Connection h2;
    private Statement h2Statement;
    private PreparedStatement h2Select;
    private PreparedStatement h2Insert;
    private final SplittableRandom random = new SplittableRandom(42);
    private long nextId = ROWS;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        mynode = TestDatabase.open();
        session = mynode.engine().session();
        session.execute(CREATE);
        h2Dir = Files.createTempDirectory("h2-bench");
        h2 = DriverManager.getConnection("jdbc:h2:file:" + h2Dir.resolve("db") + ";MODE=PostgreSQL");
        h2Statement = h2.createStatement();
        h2Statement.execute(CREATE.replace("INTEGER", "BIGINT"));
        for (int start = 0; start < ROWS; start += 500) {
            StringBuilder sql = new StringBuilder("INSERT INTO bench VALUES ");
            for (int i = start; i < start + 500; i++) {
                sql.append(i == start ? "" : ", ").append("(").append(i).append(", 'name ").append(i).append("', ")
                        .append(i % 100).append(")");
            }
            session.execute(sql.toString());
            h2Statement.execute(sql.toString());
        }
        h2Select = h2.prepareStatement("SELECT id, name, score FROM bench WHERE id = ?");
        h2Insert = h2.prepareStatement("INSERT INTO bench VALUES (?, 'new', 1)");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        session.close();
        mynode.close();
        h2.close();
        try (var files = Files.walk(h2Dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public List<Value> mynodePointSelect() {
        StatementResult.Rows rows = (StatementResult.Rows) session.execute(
                "SELECT id, name, score FROM bench WHERE id = " + random.nextInt(ROWS));
        try (RowStream s = rows.rows()) {
            return s.next();
        }
    }

    @Benchmark
    public String h2PointSelect() throws SQLException {
        try (ResultSet rs = h2Statement.executeQuery("SELECT id, name, score FROM bench WHERE id = " + random.nextInt(ROWS))) {
            rs.next();
            return rs.getString(2);
        }
    }

    @Benchmark
    public String h2PreparedPointSelect() throws SQLException {
        h2Select.setLong(1, random.nextInt(ROWS));
        try (ResultSet rs = h2Select.executeQuery()) {
            rs.next();
            return rs.getString(2);
        }
    }

    @Benchmark
    public StatementResult mynodeInsert() {
        return session.execute("INSERT INTO bench VALUES (" + nextId++ + ", 'new', 1)");
    }

    @Benchmark
    public int h2Insert() throws SQLException {
        return h2Statement.executeUpdate("INSERT INTO bench VALUES (" + nextId++ + ", 'new', 1)");
    }

    @Benchmark
    public int h2PreparedInsert() throws SQLException {
        h2Insert.setLong(1, nextId++);
        return h2Insert.executeUpdate();
    }
}
