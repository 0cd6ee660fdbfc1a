package io.mynode.repl.bench;

import io.mynode.kernel.error.ErrorKind;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.SqlEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One bench run: {@code concurrency} clients, spread round-robin over the given nodes, repeat a
 * workload's operation until {@code count} operations are done or {@code duration} has passed.
 *
 * <p>Latency is measured per operation from its first attempt to its success, retries included,
 * in microseconds with HdrHistogram (3 significant digits). A retryable failure (serialization
 * conflict, no leader, aborted) is retried with exponential backoff and jitter (1 ms doubling to
 * 100 ms, at most {@link #MAX_ATTEMPTS} attempts) and counted as a retry by kind; a failure that is
 * not retryable, or retries exhausted, counts as an error by kind and the client goes on.
 *
 * <p>Threads: one platform thread per client, each with its own session; counters are atomic.
 */
final class Run {
    static final int MAX_ATTEMPTS = 30;

    /**
     * What a run is asked to do; exactly one of {@code count} and {@code duration} is set.
     * Operations are numbered from {@code firstTicket} (a measured run follows its warm-up's
     * numbers, so the write workload's keys stay unique).
     */
    record Plan(Workload workload, List<? extends SqlEngine> nodes, int concurrency, long count, Duration duration,
            long firstTicket) {
        Plan(Workload workload, List<? extends SqlEngine> nodes, int concurrency, long count, Duration duration) {
            this(workload, nodes, concurrency, count, duration, 0);
        }
    }

    /** What a run measured. */
    record Outcome(long operations, long elapsedNanos, Histogram latencyMicros,
            Map<ErrorKind, Long> errors, Map<ErrorKind, Long> retries, long unfinished, String firstError,
            long nextTicket) {
        double throughput() {
            return operations * 1e9 / Math.max(1, elapsedNanos);
        }
    }

    private final Plan plan;
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final ConcurrentHistogram latency = new ConcurrentHistogram(3);
    private final AtomicLongArray errors = new AtomicLongArray(ErrorKind.values().length);
    private final AtomicLongArray retries = new AtomicLongArray(ErrorKind.values().length);
    /** Operations still being retried when a timed run ended: neither done nor failed. */
    private final AtomicLong unfinished = new AtomicLong();
    private volatile String firstError;
    private volatile long deadline;

    /**
     * Virtual threads where blocking inside {@code synchronized} no longer pins a carrier (Java
     * 24+, JEP 491), else platform threads. A client spends its life waiting for the node, and
     * the network thread that delivers an answer wakes a virtual thread by queueing it on a
     * carrier that is often already running, where a platform thread needs a futex wake-up of its
     * own: 14,800 reads/s against 13,300 on two cores (5 nodes, 16 clients, --warmup 60).
     */
    private static Thread.Builder clientThread(String name) {
        return (Runtime.version().feature() >= 24 ? Thread.ofVirtual() : Thread.ofPlatform()).name(name);
    }

    Run(Plan plan) {
        this.plan = plan;
        this.tickets.set(plan.firstTicket());
    }

    /** Operations finished so far (successes), for the progress bar. */
    long done() {
        return done.get();
    }

    /** Runs the clients to the end and returns what they measured. */
    Outcome execute() throws InterruptedException {
        long start = System.nanoTime();
        deadline = plan.duration() == null ? Long.MAX_VALUE : start + plan.duration().toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < plan.concurrency(); i++) {
            SqlEngine node = plan.nodes().get(i % plan.nodes().size());
            SplittableRandom random = new SplittableRandom(0x5EED + i);
            clients.add(clientThread("bench-client-" + i).start(() -> client(node, random)));
        }
        for (Thread t : clients) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        return new Outcome(done.get(), elapsed, latency.copy(), byKind(errors), byKind(retries), unfinished.get(), firstError,
                tickets.get());
    }

    private void client(SqlEngine node, SplittableRandom random) {
        Session session = null;
        try {
            while (System.nanoTime() < deadline) {
                long ticket = tickets.getAndIncrement();
                if (plan.count() > 0 && ticket >= plan.firstTicket() + plan.count()) {
                    return;
                }
                if (session == null) {
                    session = node.session();
                }
                long begin = System.nanoTime();
                if (attempt(session, random, ticket)) {
                    latency.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - begin)));
                    done.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            // A client that cannot even open a session stops; the summary says why.
            record(errors, e);
        } finally {
            if (session != null) {
                try {
                    session.close();
                } catch (RuntimeException ignored) {
                    // The node may be gone; nothing to release then.
                }
            }
        }
    }

    /** Runs one operation with retries; whether it finally succeeded. */
    private boolean attempt(Session session, SplittableRandom random, long ticket) {
        long backoffMicros = 1000;
        for (int attempt = 1; ; attempt++) {
            try {
                plan.workload().operation(session, random, ticket);
                return true;
            } catch (MynodeException e) {
                if (e.retryable() && System.nanoTime() >= deadline) {
                    unfinished.incrementAndGet();
                    return false;
                }
                if (!e.retryable() || attempt >= MAX_ATTEMPTS) {
                    record(errors, e);
                    return false;
                }
                retries.incrementAndGet(e.kind().ordinal());
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(backoffMicros / 2 + random.nextLong(backoffMicros / 2 + 1)));
                backoffMicros = Math.min(100_000, backoffMicros * 2);
            }
        }
    }

    private void record(AtomicLongArray counters, RuntimeException e) {
        ErrorKind kind = e instanceof MynodeException m ? m.kind() : ErrorKind.INTERNAL;
        counters.incrementAndGet(kind.ordinal());
        if (firstError == null) {
            firstError = kind + ": " + e.getMessage();
        }
    }

    private static Map<ErrorKind, Long> byKind(AtomicLongArray counters) {
        Map<ErrorKind, Long> map = new EnumMap<>(ErrorKind.class);
        for (ErrorKind k : ErrorKind.values()) {
            if (counters.get(k.ordinal()) > 0) {
                map.put(k, counters.get(k.ordinal()));
            }
        }
        return map;
    }
}
