package io.mynode.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.RowStream;
import io.mynode.kernel.sql.Session;
import io.mynode.kernel.sql.StatementResult;
import io.mynode.kernel.sql.Value;
import io.mynode.kernel.transport.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes under load: the leader is killed with {@code kill -9} while clients write, a node is
 * killed and restarted. No acknowledged write may be lost, and writes must go on after a new
 * leader is elected.
 */
@Tag("cluster")
class FaultsIT {
    @TempDir
    Path dir;
    Cluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static List<List<Value>> rows(StatementResult result) {
        List<List<Value>> all = new ArrayList<>();
        try (RowStream rows = ((StatementResult.Rows) result).rows()) {
            rows.forEachRemaining(all::add);
        }
        return all;
    }

    /** Every id in table {@code t}, read through node {@code id}; retried while the cluster settles. */
    Set<Long> ids(String id, String table) throws InterruptedException {
        MynodeException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try (Session s = cluster.connect(id).session()) {
                Set<Long> ids = new TreeSet<>();
                rows(s.execute("SELECT id FROM " + table)).forEach(r -> ids.add(((Value.Int) r.get(0)).value()));
                return ids;
            } catch (MynodeException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("cannot read " + table + " through " + id, last);
    }

    /**
     * Writers that insert unique ids, each through its own node, moving to the next node when one
     * fails. Only acknowledged inserts are remembered; an insert whose outcome is unknown is not.
     */
    final class Writers implements AutoCloseable {
        final ConcurrentSkipListSet<Long> acknowledged = new ConcurrentSkipListSet<>();
        final AtomicLong nextId = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();

        Writers(int count, String table) {
            List<String> ids = cluster.ids();
            for (int w = 0; w < count; w++) {
                int first = w;
                threads.add(Thread.ofPlatform().name("writer-" + w).start(() -> {
                    int node = first;
                    Session session = null;
                    while (running.get()) {
                        long id = nextId.getAndIncrement();
                        try {
                            if (session == null) {
                                session = cluster.connect(ids.get(node % ids.size())).session();
                            }
                            session.execute("INSERT INTO " + table + " VALUES (" + id + ", 'w')");
                            acknowledged.add(id);
                        } catch (MynodeException e) {
                            errors.incrementAndGet();
                            session = null;
                            node++;
                            sleep(50);
                        }
                    }
                }));
            }
        }

        long count() {
            return acknowledged.size();
        }

        /** Stops the writers and waits for each; an interrupt is kept for the caller to see. */
        @Override
        public void close() {
            running.set(false);
            try {
                for (Thread t : threads) {
                    t.join(TimeUnit.SECONDS.toMillis(60));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void awaitCount(Writers writers, long target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (writers.count() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + writers.count() + " of " + target + " writes acknowledged in "
                        + timeout + " (" + writers.errors.get() + " errors)");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void killingTheLeaderMidWorkloadLosesNoAcknowledgedWrite() throws InterruptedException {
        cluster = Cluster.start(5, "btree", dir);
        String leader = cluster.awaitLeader(Duration.ofSeconds(30));
        String survivor = cluster.ids().stream().filter(i -> !i.equals(leader)).findFirst().orElseThrow();
        try (Session s = cluster.connect(survivor).session()) {
            s.execute("CREATE TABLE acked (id INTEGER PRIMARY KEY, v STRING)");
        }
        Writers writers = new Writers(8, "acked");
        try {
            awaitCount(writers, 200, Duration.ofSeconds(60));
            cluster.kill(leader);
            long beforeKill = writers.count();
            String next = cluster.awaitLeader(Duration.ofSeconds(30));
            assertNotEquals(leader, next);
            awaitCount(writers, beforeKill + 200, Duration.ofSeconds(60)); // writes go on under the new leader
        } finally {
            writers.close();
        }
        Set<Long> stored = ids(survivor, "acked");
        Set<Long> lost = new TreeSet<>(writers.acknowledged);
        lost.removeAll(stored);
        assertEquals(Set.of(), lost, "acknowledged writes missing after the leader was killed");
        for (String id : cluster.ids()) {
            if (!id.equals(leader)) {
                assertEquals(stored, ids(id, "acked"), id + " reads the same rows");
            }
        }
    }

    @Test
    void aRestartedNodeCatchesUp() throws InterruptedException {
        cluster = Cluster.start(3, "lsm", dir);
        String leader = cluster.awaitLeader(Duration.ofSeconds(30));
        String follower = cluster.ids().stream().filter(i -> !i.equals(leader)).findFirst().orElseThrow();
        try (Session s = cluster.connect(leader).session()) {
            s.execute("CREATE TABLE caught (id INTEGER PRIMARY KEY, v STRING)");
            s.execute("INSERT INTO caught VALUES (0, 'before')");
        }
        cluster.kill(follower);
        try (Session s = cluster.connect(leader).session()) {
            for (int i = 1; i <= 300; i++) {
                s.execute("INSERT INTO caught VALUES (" + i + ", 'while " + follower + " was down')");
            }
        }
        long commit;
        try (Connection c = cluster.connect(leader)) {
            commit = c.status().consensus().commitIndex();
        }
        cluster.restart(follower);
        Connection restarted = cluster.connect(follower);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long applied = -1;
        while (System.nanoTime() < deadline) {
            try {
                applied = restarted.status().consensus().appliedIndex();
                if (applied >= commit) {
                    break;
                }
            } catch (MynodeException e) {
                // still starting
            }
            Thread.sleep(200);
        }
        assertTrue(applied >= commit, follower + " applied " + applied + " of " + commit + "\n" + cluster.logs());
        assertEquals(301, ids(follower, "caught").size());
    }
}
