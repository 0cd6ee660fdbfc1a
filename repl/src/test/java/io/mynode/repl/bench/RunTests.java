package io.mynode.repl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.ConstraintViolation;
import io.mynode.kernel.error.ErrorKind;
import io.mynode.kernel.error.InternalFailure;
import io.mynode.kernel.error.SerializationFailure;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RunTests {
    /** An engine whose sessions answer with {@code handler}. */
    static SqlEngine engine(Function<String, StatementResult> handler) {
        return new SqlEngine() {
            @Override
            public Session session() {
                return new Session() {
                    @Override
                    public StatementResult execute(String sql) {
                        return handler.apply(sql);
                    }

                    @Override
                    public Optional<TransactionInfo> transaction() {
                        return Optional.empty();
                    }

                    @Override
                    public void close() {}
                };
            }

            @Override
            public List<String> tables() {
                return List.of();
            }

            @Override
            public Optional<String> tableDefinition(String table) {
                return Optional.empty();
            }
        };
    }

    /** A node that counts each statement it is sent in {@code statements} and answers "created 1 row". */
    static SqlEngine counting(Map<String, Integer> statements) {
        return engine(sql -> {
            statements.merge(sql, 1, Integer::sum);
            return new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.CREATED, 1);
        });
    }

    static StatementResult one(long n) {
        return StatementResult.Rows.untyped(List.of("n"), RowStream.of(List.<List<Value>>of(List.of(Value.of(n))).iterator()));
    }

    @Test
    void everyTicketRunsOnceAcrossClientsAndNodes() throws InterruptedException {
        Map<String, Integer> inserts = new ConcurrentHashMap<>();
        SqlEngine node = counting(inserts);
        Run.Outcome o = new Run(new Run.Plan(new Workload.Write(), List.of(node, node, node), 8, 1000, null)).execute();
        assertEquals(1000, o.operations());
        assertEquals(1000, inserts.size());
        assertTrue(inserts.values().stream().allMatch(n -> n == 1));
        assertEquals(1000, o.latencyMicros().getTotalCount());
        assertEquals(Map.of(), o.errors());
    }

    @Test
    void aRunAfterAWarmUpGoesOnWithTheWarmUpsTicketsSoKeysStayUnique() throws InterruptedException {
        Map<String, Integer> inserts = new ConcurrentHashMap<>();
        SqlEngine node = counting(inserts);
        Run.Outcome warmup = new Run(new Run.Plan(new Workload.Write(), List.of(node), 4, 0, Duration.ofMillis(200), 0)).execute();
        assertTrue(warmup.operations() > 0);
        Run.Outcome measured = new Run(new Run.Plan(new Workload.Write(), List.of(node), 4, 500, null,
                warmup.nextTicket())).execute();
        assertEquals(500, measured.operations());
        assertEquals(warmup.operations() + 500, inserts.size(), "a key was inserted twice");
        assertTrue(inserts.values().stream().allMatch(n -> n == 1));
    }

    @Test
    void serializationFailuresAreRetriedAndCounted() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        SqlEngine node = engine(sql -> {
            if (calls.incrementAndGet() % 3 != 0) {
                throw new SerializationFailure("conflict");
            }
            return new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.CREATED, 1);
        });
        Run.Outcome o = new Run(new Run.Plan(new Workload.Write(), List.of(node), 1, 20, null)).execute();
        assertEquals(20, o.operations());
        assertEquals(Map.of(ErrorKind.SERIALIZATION, 40L), o.retries());
        assertEquals(Map.of(), o.errors());
    }

    @Test
    void aFailureThatIsNotRetryableIsAnErrorByKind() throws InterruptedException {
        SqlEngine node = engine(sql -> {
            throw new ConstraintViolation("duplicate primary key");
        });
        Run.Outcome o = new Run(new Run.Plan(new Workload.Write(), List.of(node), 2, 10, null)).execute();
        assertEquals(0, o.operations());
        assertEquals(Map.of(ErrorKind.CONSTRAINT, 10L), o.errors());
        assertEquals("CONSTRAINT: duplicate primary key", o.firstError());
    }

    @Test
    void aDurationRunStopsInTime() throws InterruptedException {
        SqlEngine node = engine(sql -> new StatementResult.RowsAffected(StatementResult.RowsAffected.Verb.CREATED, 1));
        long start = System.nanoTime();
        Run.Outcome o = new Run(new Run.Plan(new Workload.Write(), List.of(node), 2, 0, Duration.ofMillis(300))).execute();
        assertTrue(System.nanoTime() - start < 3_000_000_000L);
        assertTrue(o.operations() > 0);
    }

    @Test
    void operationsStillRetryingWhenTimeIsUpAreUnfinishedNotErrors() throws InterruptedException {
        SqlEngine node = engine(sql -> {
            throw new SerializationFailure("always conflicting");
        });
        Run.Outcome o = new Run(new Run.Plan(new Workload.Write(), List.of(node), 2, 0, Duration.ofMillis(300))).execute();
        assertEquals(0, o.operations());
        assertEquals(Map.of(), o.errors());
        assertEquals(2, o.unfinished());
        assertTrue(o.retries().get(ErrorKind.SERIALIZATION) > 2);
    }

    @Test
    void theWriteCheckFailsWhenAnAcknowledgedWriteIsMissing() {
        Session session = engine(sql -> one(99)).session();
        assertEquals("100 rows present, 100 inserts acknowledged", new Workload.Write().check(engine(sql -> one(100)).session(), 100));
        assertThrows(InternalFailure.class, () -> new Workload.Write().check(session, 100));
    }

    @Test
    void theBankCheckFailsWhenMoneyAppearsOrVanishes() {
        Workload.Bank bank = new Workload.Bank(10, 1000);
        Session good = engine(sql -> sql.contains("SUM") ? one(10_000) : one(0)).session();
        Session bad = engine(sql -> sql.contains("SUM") ? one(10_001) : one(0)).session();
        assertTrue(bank.check(good, 0).startsWith("total balance 10000"));
        assertThrows(InternalFailure.class, () -> bank.check(bad, 0));
    }
}
