package io.mynode.transport.grpc;

import io.mynode.kernel.error.ErrorKind;
import io.mynode.kernel.error.InvalidInputException;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.error.SqlState;
import io.mynode.kernel.sql.BatchResult;
import io.mynode.kernel.sql.Fetch;
import io.mynode.kernel.sql.Prepared;
import io.mynode.kernel.sql.ResultColumn;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.SqlType;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.TableSchema;
import io.mynode.kernel.sql.Value;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TEST DOUBLE for the SQL engine: it understands a tiny command language, not SQL, so that the
 * transport's tests can ask for each kind of result and error on purpose and watch what the
 * server side did (sessions opened and closed, transactions rolled back, rows produced).
 *
 * <pre>
 *   rows N            N rows (id INTEGER, name STRING), produced lazily and counted
 *   rows-fail N K     rows that fail with a CONSTRAINT error after K rows
 *   values            one row holding every kind of value
 *   affected VERB N   rows affected (created, updated, deleted)
 *   schema TEXT       a schema change with that message
 *   explain TEXT      an explain plan (\n becomes a newline)
 *   begin | begin read only | commit | rollback
 *   fail KIND TEXT    throws the kernel error of that kind
 *   boom              throws an IllegalStateException (a bug in the engine)
 *   sleep MS          waits, then reports 1 row updated
 *   state CODE TEXT   throws a CONSTRAINT error with that SQLSTATE
 * </pre>
 *
 * <p>Prepared statements: {@code echo TYPE...} (types as {@link SqlType} names) has one parameter
 * per type and returns its values as one row, columns {@code p1..pn} of those types; run in a
 * batch, each set counts as one row created, and a set holding the string {@code fail} fails
 * with SQLSTATE 23505. Any other text prepares as a statement without parameters that runs it as
 * {@link Session#execute} would. A batch of statements runs each, stopping at the first error.
 */
final class FakeSqlEngine implements SqlEngine {
    final AtomicInteger sessionsOpened = new AtomicInteger();
    final AtomicInteger sessionsClosed = new AtomicInteger();
    final List<Long> rolledBackOnClose = new CopyOnWriteArrayList<>();
    final AtomicLong rowsProduced = new AtomicLong();
    final AtomicInteger rowStreamsClosed = new AtomicInteger();
    final Map<String, String> tables = new TreeMap<>(Map.of(
            "movie", "CREATE TABLE movie (id INTEGER PRIMARY KEY, title VARCHAR NOT NULL)",
            "genre", "CREATE TABLE genre (id INTEGER PRIMARY KEY)"));
    private final AtomicLong nextTxn = new AtomicLong(1);
    final Set<FakeSession> open = ConcurrentHashMap.newKeySet();

    @Override
    public Session session() {
        sessionsOpened.incrementAndGet();
        FakeSession s = new FakeSession();
        open.add(s);
        return s;
    }

    @Override
    public List<String> tables() {
        return List.copyOf(tables.keySet());
    }

    final AtomicInteger preparedOpen = new AtomicInteger();

    @Override
    public List<TableSchema> schemas() {
        return List.of(new TableSchema("movie",
                List.of(new TableSchema.ColumnSchema("id", SqlType.INTEGER, false, Optional.empty()),
                        new TableSchema.ColumnSchema("title", SqlType.STRING, true, Optional.of("'untitled'"))),
                List.of("id"), List.of(new TableSchema.IndexSchema("movie_pkey", List.of("id"), true)),
                List.of(new TableSchema.ForeignKey("movie_genre_fkey", List.of("genre"), "genre", List.of("id")))));
    }

    @Override
    public Optional<String> tableDefinition(String table) {
        if (table.equals("boom")) {
            throw new InvalidInputException("no table may be named boom");
        }
        return Optional.ofNullable(tables.get(table));
    }

    final class FakeSession implements Session {
        private Optional<TransactionInfo> txn = Optional.empty();

        @Override
        public StatementResult execute(String sql) {
            String[] w = sql.trim().replaceAll(";$", "").split(" ", 3);
            return switch (w[0]) {
                case "rows" -> rows(Long.parseLong(w[1]), -1);
                case "rows-fail" -> rows(Long.parseLong(w[1]), Long.parseLong(w[2]));
                case "values" -> StatementResult.Rows.untyped(List.of("null", "bool", "int", "float", "nan", "inf", "str"),
                        RowStream.of(List.<List<Value>>of(List.of(Value.NULL, Value.TRUE, Value.of(Long.MIN_VALUE),
                                Value.of(-0.5), Value.of(Double.NaN), Value.of(Double.NEGATIVE_INFINITY),
                                Value.of("héllo|wörld ✓"))).iterator()));
                case "affected" -> new StatementResult.RowsAffected(
                        StatementResult.RowsAffected.Verb.valueOf(w[1].toUpperCase(java.util.Locale.ROOT)), Long.parseLong(w[2]));
                case "schema" -> new StatementResult.SchemaChanged(sql.substring("schema ".length()));
                case "explain" -> new StatementResult.Explain(sql.substring("explain ".length()).replace("\\n", "\n"));
                case "begin" -> {
                    boolean ro = sql.contains("read only");
                    long id = nextTxn.getAndIncrement();
                    txn = Optional.of(new TransactionInfo(id, id * 10, ro));
                    yield new StatementResult.TransactionChanged(StatementResult.TransactionChanged.Action.BEGAN, id, id * 10, ro);
                }
                case "commit", "rollback" -> {
                    TransactionInfo t = txn.orElseThrow(() -> new InvalidInputException("no transaction is open"));
                    txn = Optional.empty();
                    yield new StatementResult.TransactionChanged(w[0].equals("commit")
                            ? StatementResult.TransactionChanged.Action.COMMITTED
                            : StatementResult.TransactionChanged.Action.ROLLED_BACK, t.id(), t.version(), t.readOnly());
                }
                case "fail" -> throw MynodeException.of(ErrorKind.valueOf(w[1]), w.length > 2 ? w[2] : "");
                case "state" -> throw MynodeException.of(ErrorKind.CONSTRAINT, new SqlState(w[1]), w.length > 2 ? w[2] : "");
                case "boom" -> throw new IllegalStateException("engine bug");
                case "sleep" -> {
                    try {
                        Thread.sleep(Long.parseLong(w[1]));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.UPDATED, 1);
                }
                default -> throw new io.mynode.kernel.error.SyntaxException("unknown command '" + w[0] + "'");
            };
        }

        @Override
        public Prepared prepare(String sql, Map<Integer, SqlType> declaredTypes) {
            String[] w = sql.trim().split(" ");
            List<SqlType> types = w[0].equals("echo")
                    ? java.util.Arrays.stream(w).skip(1).map(SqlType::valueOf).toList() : List.of();
            List<ResultColumn> columns = new java.util.ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                columns.add(new ResultColumn("p" + (i + 1), types.get(i), ResultColumn.Nullability.UNKNOWN));
            }
            preparedOpen.incrementAndGet();
            FakeSession session = this;
            return new Prepared() {
                private boolean closed;

                @Override
                public String sql() {
                    return sql;
                }

                @Override
                public List<SqlType> parameterTypes() {
                    return types;
                }

                @Override
                public List<ResultColumn> columns() {
                    return List.copyOf(columns);
                }

                @Override
                public StatementResult execute(List<Value> parameters, Fetch fetch) {
                    if (parameters.size() != types.size()) {
                        throw new InvalidInputException(SqlState.PROTOCOL_VIOLATION, "wrong number of parameters");
                    }
                    if (!w[0].equals("echo")) {
                        return session.execute(sql, fetch);
                    }
                    return new StatementResult.Rows(columns, RowStream.of(List.of(parameters).iterator()));
                }

                @Override
                public BatchResult executeBatch(List<List<Value>> sets) {
                    List<StatementResult> done = new java.util.ArrayList<>();
                    for (List<Value> set : sets) {
                        if (set.contains(Value.of("fail"))) {
                            return new BatchResult(done, Optional.of(new io.mynode.kernel.error.ConstraintViolation(
                                    SqlState.UNIQUE_VIOLATION, "set " + done.size() + " failed")));
                        }
                        done.add(new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.CREATED, 1));
                    }
                    return new BatchResult(done, Optional.empty());
                }

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        preparedOpen.decrementAndGet();
                    }
                }
            };
        }

        @Override
        public BatchResult executeBatch(List<String> statements) {
            List<StatementResult> done = new java.util.ArrayList<>();
            for (String sql : statements) {
                try {
                    done.add(execute(sql));
                } catch (MynodeException e) {
                    return new BatchResult(done, Optional.of(e));
                }
            }
            return new BatchResult(done, Optional.empty());
        }

        private StatementResult rows(long n, long failAt) {
            return new StatementResult.Rows(List.of(new ResultColumn("id", SqlType.INTEGER, ResultColumn.Nullability.NOT_NULL),
                    new ResultColumn("name", SqlType.STRING, ResultColumn.Nullability.NULLABLE)), new RowStream() {
                long i;

                @Override
                public boolean hasNext() {
                    if (failAt >= 0 && i == failAt) {
                        throw MynodeException.of(ErrorKind.CONSTRAINT, "failed at row " + i);
                    }
                    return i < n;
                }

                @Override
                public List<Value> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    rowsProduced.incrementAndGet();
                    long id = i++;
                    return List.of(Value.of(id), Value.of("name-" + id));
                }

                @Override
                public void close() {
                    rowStreamsClosed.incrementAndGet();
                }
            });
        }

        @Override
        public Optional<TransactionInfo> transaction() {
            return txn;
        }

        @Override
        public void close() {
            txn.ifPresent(t -> rolledBackOnClose.add(t.id()));
            txn = Optional.empty();
            sessionsClosed.incrementAndGet();
            open.remove(this);
        }
    }
}
