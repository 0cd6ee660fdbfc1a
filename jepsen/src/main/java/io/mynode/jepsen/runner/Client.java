package io.mynode.jepsen.runner;

import io.mynode.jepsen.history.Op;
import io.mynode.jepsen.workload.Workload;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.ErrorKind;
import io.mynode.kernel.error.MynodeException;
import io.mynode.kernel.sql.Session;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One client thread: a Jepsen process bound to a node, invoking operations one at a time and
 * recording each invocation and completion.
 *
 * <p>How an outcome is classified is the heart of a sound history:
 * <pre>
 *   answered                                 :ok
 *   serialization failure, unavailable,
 *   aborted, invalid input (incl. syntax,
 *   constraint), read-only                   :fail   the kernel contract says nothing happened
 *   outcome unknown, internal, I/O, any
 *   other exception, no answer in time       :info   it may have happened, or may yet
 * </pre>
 * A read that ends indeterminate changed nothing, so it is {@code :fail}. After {@code :info} the
 * process is retired (its request may still be in flight) and the thread goes on as process
 * {@code p + concurrency} on a fresh connection, as Jepsen does. When its node cannot be reached
 * the thread tries the next node.
 */
final class Client implements Runnable {
    private final int thread;
    private final int concurrency;
    private final List<HostPort> nodes;
    private final Function<HostPort, Connection> connector;
    private final Workload workload;
    private final Recorder recorder;
    private final Random random;
    private final Duration opTimeout;
    private final long deadlineNanos;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    private long process;
    private int nodeIndex;
    private Connection connection;
    private Session session;

    Client(int thread, int concurrency, List<HostPort> nodes, Function<HostPort, Connection> connector,
            Workload workload, Recorder recorder, long seed, Duration opTimeout, long deadlineNanos) {
        this.thread = thread;
        this.concurrency = concurrency;
        this.nodes = nodes;
        this.connector = connector;
        this.workload = workload;
        this.recorder = recorder;
        this.random = new Random(seed);
        this.opTimeout = opTimeout;
        this.deadlineNanos = deadlineNanos;
        this.process = thread;
        this.nodeIndex = thread % nodes.size();
    }

    @Override
    public void run() {
        try {
            while (System.nanoTime() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
                if (!connect()) {
                    pause(100);
                    continue;
                }
                invoke(workload.next(process, random));
            }
        } finally {
            disconnect();
            calls.shutdownNow();
        }
    }

    /** Runs {@code op} to completion and returns how it ended; used for final reads too. */
    Op.Type invoke(Workload.Invocation op) {
        Op invoke = recorder.invoke(process, op.f(), op.value());
        Session s = session;
        Future<Workload.Outcome> call = calls.submit(() -> workload.apply(s, op));
        Op.Type type;
        boolean reconnect = false;
        try {
            Workload.Outcome outcome = call.get(opTimeout.toMillis(), TimeUnit.MILLISECONDS);
            switch (outcome) {
                case Workload.Outcome.Ok ok -> {
                    recorder.complete(invoke, Op.Type.OK, ok.value(), null);
                    type = Op.Type.OK;
                }
                case Workload.Outcome.Fail fail -> {
                    recorder.complete(invoke, Op.Type.FAIL, op.value(), fail.reason());
                    type = Op.Type.FAIL;
                }
            }
        } catch (TimeoutException e) {
            call.cancel(true);
            type = workload.readOnly(op.f()) ? Op.Type.FAIL : Op.Type.INFO;
            recorder.complete(invoke, type, op.value(), "timeout after " + opTimeout.toMillis() + " ms");
            // Even a read that timed out may still be running on that session: never reuse it.
            reconnect = true;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            type = classify(cause, workload.readOnly(op.f()));
            recorder.complete(invoke, type, op.value(), describe(cause));
            // A session on a node that went away stays dead; the next op opens a new one.
            reconnect = !(cause instanceof MynodeException m) || m.kind() == ErrorKind.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            type = Op.Type.INFO;
            recorder.complete(invoke, type, op.value(), "interrupted");
        }
        if (type == Op.Type.INFO) {
            // The request may still be in flight: this process is done; a new one takes over.
            disconnect();
            process += concurrency;
        } else if (reconnect) {
            // The node is down or unreachable: try the next one after a breath, rather than
            // spinning out failures against a dead node.
            disconnect();
            nodeIndex = (nodeIndex + 1) % nodes.size();
            pause(50);
        }
        return type;
    }

    /** The process number this thread acts as now. */
    long process() {
        return process;
    }

    /** Which node this thread talks to, by index. */
    void bindTo(int index) {
        if (index % nodes.size() != nodeIndex) {
            disconnect();
            nodeIndex = index % nodes.size();
        }
    }

    static Op.Type classify(Throwable t, boolean readOnly) {
        if (t instanceof MynodeException e) {
            return switch (e.kind()) {
                case SERIALIZATION, ABORTED, UNAVAILABLE, INVALID_INPUT, SYNTAX, SEMANTIC, CONSTRAINT, CONFIG,
                        READ_ONLY -> Op.Type.FAIL;
                case OUTCOME_UNKNOWN, INTERNAL, IO, CORRUPTION -> readOnly ? Op.Type.FAIL : Op.Type.INFO;
            };
        }
        return readOnly ? Op.Type.FAIL : Op.Type.INFO;
    }

    static String describe(Throwable t) {
        String kind = t instanceof MynodeException e ? e.kind().name().toLowerCase(java.util.Locale.ROOT)
                : t.getClass().getSimpleName();
        return kind + ": " + t.getMessage();
    }

    /** Opens a connection and a session if there is none; false (and the next node) if that fails. */
    boolean connect() {
        if (session != null) {
            return true;
        }
        HostPort target = nodes.get(nodeIndex);
        Future<Connection> attempt = calls.submit(() -> connector.apply(target));
        try {
            connection = attempt.get(opTimeout.toMillis(), TimeUnit.MILLISECONDS);
            Connection c = connection;
            session = calls.submit(c::session).get(opTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            attempt.cancel(true);
        }
        disconnect();
        nodeIndex = (nodeIndex + 1) % nodes.size();
        return false;
    }

    /** Drops the session and connection; closing happens in the background (a dead node may hang it). */
    void disconnect() {
        Session s = session;
        Connection c = connection;
        session = null;
        connection = null;
        if (s != null || c != null) {
            Thread.ofVirtual().start(() -> {
                try {
                    if (s != null) {
                        s.close();
                    }
                } catch (RuntimeException ignored) {
                    // The session died with its node; nothing to release here.
                }
                try {
                    if (c != null) {
                        c.close();
                    }
                } catch (RuntimeException ignored) {
                    // Same: the channel is gone already.
                }
            });
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "client " + thread + " (process " + process + ")";
    }
}
