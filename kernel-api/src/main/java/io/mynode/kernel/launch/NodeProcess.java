package io.mynode.kernel.launch;

import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.fault.PartitionFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One node run as a child process of a distribution's {@code bin/mynode-server}, as a user would
 * run it: its configuration written to {@code <dir>/node.properties} at every start, its output
 * appended to {@code <dir>/node.log}. Faults act on the process tree (the launcher script and the
 * JVM it {@code exec}s): {@link #kill} is SIGKILL, {@link #pause}/{@link #resume} are SIGSTOP and
 * SIGCONT, {@link #stop} is SIGTERM (the node's shutdown hook closes storage) then SIGKILL.
 *
 * <p>On Linux the child starts in a session of its own ({@code setsid}), so a Ctrl-C typed at the
 * launching terminal (the REPL of {@code mynode-local}) reaches the launcher, not the nodes; the
 * launcher stops them itself. Inherited {@code MYNODE_*} variables are removed: the file is the
 * node's whole configuration, and {@code MYNODE_HOME} in a harness's environment must not become
 * a key.
 *
 * <p>Thread-safe: every method that touches the process is synchronized, since a nemesis thread
 * and a cleanup hook may act on the same node.
 */
public final class NodeProcess {
    private final String id;
    private final HostPort address;
    private final Path dir;
    private final Path launcher;
    private final Map<String, String> properties;
    private final Optional<Path> faults;
    private final Optional<String> javaOptions;
    private Process process;
    private boolean wanted;
    private boolean paused;

    /**
     * A node not started yet.
     *
     * @param id its {@code node.id}
     * @param address its {@code node.listen}
     * @param dir its directory: {@code node.properties}, {@code node.log}, its data directory
     * @param launcher the distribution's {@code bin/mynode-server}
     * @param properties its configuration, written to {@link #config()} at each start
     * @param faults the partition file named by its {@code faults.file}, if it has one
     * @param javaOptions {@code JAVA_OPTS} for the node's JVM; empty keeps the launcher's own
     */
    NodeProcess(String id, HostPort address, Path dir, Path launcher, Map<String, String> properties,
            Optional<Path> faults, Optional<String> javaOptions) {
        this.id = id;
        this.address = address;
        this.dir = dir;
        this.launcher = launcher;
        this.properties = Map.copyOf(properties);
        this.faults = faults;
        this.javaOptions = javaOptions;
    }

    public String id() {
        return id;
    }

    /** Where the node serves clients and peers. */
    public HostPort address() {
        return address;
    }

    /** The node's directory. */
    public Path dir() {
        return dir;
    }

    /** The configuration written to {@link #config()} at each start. */
    public Map<String, String> properties() {
        return properties;
    }

    public Path config() {
        return dir.resolve("node.properties");
    }

    public Path log() {
        return dir.resolve("node.log");
    }

    /** Its partition file, when launched with faults on. */
    Optional<Path> faults() {
        return faults;
    }

    /** Writes the configuration and starts the node; a running node is left alone. */
    public synchronized NodeProcess start() {
        if (running()) {
            return this;
        }
        try {
            Files.createDirectories(dir);
            writeConfig();
            List<String> command = new ArrayList<>();
            setsid().ifPresent(s -> command.add(s.toString()));
            command.add(launcher.toString());
            command.add("--config");
            command.add(config().toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().keySet().removeIf(k -> k.startsWith("MYNODE_"));
            javaOptions.ifPresent(o -> builder.environment().put("JAVA_OPTS", o));
            process = builder.start();
            wanted = true;
            paused = false;
            return this;
        } catch (IOException e) {
            throw new StorageIoException("starting node " + id + " with " + launcher + ": " + e.getMessage(), e);
        }
    }

    private void writeConfig() throws IOException {
        StringBuilder text = new StringBuilder("# written by mynode's launcher (io.mynode.kernel.launch) at each start\n");
        for (var e : new TreeMap<>(properties).entrySet()) {
            if (e.getValue().indexOf('\n') >= 0 || e.getValue().indexOf('\r') >= 0) {
                throw new IllegalArgumentException("the value of " + e.getKey() + " spans lines: " + e.getValue());
            }
            text.append(e.getKey()).append('=').append(e.getValue().replace("\\", "\\\\")).append('\n');
        }
        Files.writeString(config(), text, StandardCharsets.UTF_8);
    }

    /** Whether the process is alive (a paused one is). */
    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    public synchronized boolean paused() {
        return paused;
    }

    /** The exit code once the process has ended; empty while it runs or before it started. */
    public synchronized OptionalInt exitCode() {
        return process == null || process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * The exit code of a node that ended by itself: started, never stopped or killed here, and no
     * longer running. A launcher waiting for a cluster fails at once on it instead of timing out.
     */
    public synchronized OptionalInt died() {
        return wanted ? exitCode() : OptionalInt.empty();
    }

    /** The pid of the process started last (the node's JVM, the launcher {@code exec}s it). */
    public synchronized OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /** SIGTERM, so the node closes cleanly; SIGKILL if it has not ended within {@code grace}. */
    public synchronized void stop(Duration grace) {
        wanted = false;
        if (process == null || !process.isAlive()) {
            return;
        }
        unpause();
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** {@code kill -9} of the process tree: nothing is flushed, no hook runs. Waits until it is gone. */
    public synchronized void kill() {
        wanted = false;
        if (process == null) {
            return;
        }
        unpause();
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // Still there 10 s after SIGKILL: nothing more can be done from here.
            }
        }
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

    /** SIGCONT if paused: a stopped process must run again before it can be signalled to end. */
    private void unpause() {
        if (paused) {
            signal("CONT");
            paused = false;
        }
    }

    /**
     * Cuts this node off from {@code peers} (both ways: it drops what it would send them and what
     * it receives from them) by rewriting its partition file; an empty set heals. Only for a node
     * launched with faults on ({@link ProcessCluster.Builder#faults}).
     */
    public void isolateFrom(Set<String> peers) {
        PartitionFile.write(faults.orElseThrow(() -> new IllegalStateException(
                "node " + id + " was launched without a fault file; launch the cluster with faults(true)")), peers);
    }

    /** The last {@code lines} lines of the node's log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The process ids of the launcher and its descendants. */
    private List<ProcessHandle> tree() {
        List<ProcessHandle> all = new ArrayList<>();
        if (process != null) {
            all.add(process.toHandle());
            process.toHandle().descendants().forEach(all::add);
        }
        return all;
    }

    private void signal(String signal) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        tree().forEach(h -> command.add(Long.toString(h.pid())));
        if (command.size() == 2) {
            return;
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new StorageIoException("sending SIG" + signal + " to node " + id + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Path> setsid() {
        for (String d : List.of("/usr/bin", "/bin")) {
            Path p = Path.of(d, "setsid");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id + "@" + address;
    }
}
