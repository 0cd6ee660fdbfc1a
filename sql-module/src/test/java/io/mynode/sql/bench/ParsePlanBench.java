package io.mynode.sql.bench;

import io.mynode.sql.exec.SchemaChanges;
import io.mynode.sql.parse.Ast;
import io.mynode.sql.parse.Parser;
import io.mynode.sql.plan.Optimizer;
import io.mynode.sql.plan.Plan;
import io.mynode.sql.plan.Planner;
import io.mynode.sql.store.Catalog;
import io.mynode.sql.store.TableData;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse, plan and optimize a point select: the front half of every statement, without the store
 * (the catalog sits in a TreeMap). Run with {@code sql-module/bench.sh ParsePlanBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParsePlanBench {
    static final String POINT_SELECT = "SELECT id, name, score FROM bench WHERE id = 4711";

    private Catalog catalog;

    @Setup
    public void setup() {
        catalog = new Catalog(new MemoryStore());
        new SchemaChanges(new TableData(catalog), Catalog.DEFAULT_DATABASE).run(Parser.parse(EmbeddedBench.CREATE));
    }

    @Benchmark
    public Ast.Statement parse() {
        return Parser.parse(POINT_SELECT);
    }

    @Benchmark
    public Plan parseAndPlan() {
        return Optimizer.optimize(new Planner(catalog, Catalog.DEFAULT_DATABASE).plan(Parser.parse(POINT_SELECT)).plan());
    }
}
