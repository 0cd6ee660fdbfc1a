package io.mynode.jepsen.cluster;

import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.fault.PartitionFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One mynode server process, started from the distribution as a user would
 * ({@code <dist>/bin/mynode-server --config nN.properties}), with its own data directory, log file
 * and fault file. Faults act on the process tree (the launcher script and the JVM it starts):
 * {@link #kill} is SIGKILL, {@link #pause}/{@link #resume} are SIGSTOP/SIGCONT.
 *
 * <p>The fault file partitions the node: it is started with {@code faults.file=PATH}, and the
 * kernel's {@link io.mynode.kernel.fault.FaultyNetwork}, whatever the transport, drops every peer
 * message to and from the node ids listed there ({@link io.mynode.kernel.fault.PartitionFile}
 * writes it, whole and atomically); missing or empty means no faults.
 *
 * <p>Thread-safe: methods are synchronized; a nemesis and the runner's cleanup may race.
 */
public final class NodeProcess {
    /**
     * JVM options for test nodes unless {@code JAVA_OPTS} is set: several nodes share a small
     * machine, so a small heap, the serial collector and the C1 compiler only (faster start, less
     * CPU spent compiling; throughput does not matter here, correctness does).
     */
    static final String NODE_JAVA_OPTS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final String id;
    private final HostPort address;
    private final Path configFile;
    private final Path logFile;
    private final Path faultsFile;
    private final Path launcher;
    private Process process;
    private boolean paused;

    NodeProcess(String id, HostPort address, Path configFile, Path logFile, Path faultsFile, Path launcher) {
        this.id = id;
        this.address = address;
        this.configFile = configFile;
        this.logFile = logFile;
        this.faultsFile = faultsFile;
        this.launcher = launcher;
    }

    public String id() {
        return id;
    }

    public HostPort address() {
        return address;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the node; a node already running is left alone. Output goes to the log file (appended). */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--config", configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // The config file is the node's whole configuration: a MYNODE_* variable this JVM inherited
        // (MYNODE_HOME names the distribution here) must not override or break its keys.
        pb.environment().keySet().removeIf(k -> k.startsWith("MYNODE_"));
        if (System.getenv("JAVA_OPTS") == null) {
            pb.environment().put("JAVA_OPTS", NODE_JAVA_OPTS);
        }
        try {
            process = pb.start();
            paused = false;
        } catch (IOException e) {
            throw new StorageIoException("starting node " + id + " with " + launcher + ": " + e.getMessage(), e);
        }
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    public synchronized boolean paused() {
        return paused;
    }

    /** SIGKILL to the whole process tree, then waits for it to be gone. No-op if not running. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        unpause();
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Still going after SIGKILL and 10 s: nothing more we can do from here.
            }
        }
        process = null;
    }

    /** SIGSTOP to the process tree: the node stops answering but keeps its sockets open. */
    public synchronized void pause() {
        if (running() && !paused) {
            signal("STOP");
            paused = true;
        }
    }

    /** SIGCONT: the paused node carries on where it was. */
    public synchronized void resume() {
        if (running()) {
            unpause();
        }
    }

    /** SIGCONT if paused; a stopped process must run again before it can be signalled to end. */
    private void unpause() {
        if (paused) {
            signal("CONT");
            paused = false;
        }
    }

    /** Stops the node: SIGTERM (graceful shutdown), then SIGKILL after a grace period. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        unpause();
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        tree.forEach(h -> {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        });
        process = null;
    }

    /** The peers this node must not exchange messages with, written atomically; empty heals it. */
    public void isolateFrom(Set<String> peers) {
        PartitionFile.write(faultsFile, peers);
    }

    /** The process ids of the launcher and its descendants, deepest last. */
    private List<ProcessHandle> tree() {
        List<ProcessHandle> all = new ArrayList<>();
        if (process != null) {
            all.add(process.toHandle());
            process.toHandle().descendants().forEach(all::add);
        }
        return all;
    }

    private void signal(String signal) {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
        tree().forEach(h -> cmd.add(Long.toString(h.pid())));
        if (cmd.size() == 2) {
            return;
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new StorageIoException("sending SIG" + signal + " to node " + id + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pid of the launcher, for logs. */
    public synchronized Optional<Long> pid() {
        return process == null ? Optional.empty() : Optional.of(process.pid());
    }

    @Override
    public String toString() {
        return id + "@" + address;
    }
}
