package io.mynode.server.local;

import io.mynode.kernel.error.StorageIoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One node run as a child process of the distribution's {@code bin/mynode-server}, with its
 * output appended to {@code <dir>/node.log}. The launcher {@code exec}s the JVM, so the child's
 * pid is the node's: {@link #kill()} is a real {@code kill -9}.
 *
 * <p>On Linux the child is started in a session of its own ({@code setsid}), so a Ctrl-C typed in
 * the REPL of {@code mynode-local} reaches the REPL, not the nodes; the launcher stops them itself.
 * Thread-safe: every method that touches the process is synchronized.
 */
public final class NodeProcess {
    private final Path home;
    private final String id;
    private final Path dir;
    private final Map<String, String> properties;
    private Process process;

    /**
     * A node not started yet: {@code home} is the distribution holding {@code bin/mynode-server},
     * {@code dir} the node's directory ({@code node.properties}, {@code node.log}, its data) and
     * {@code properties} its configuration, written to {@code dir/node.properties} at each start.
     */
    public NodeProcess(Path home, String id, Path dir, Map<String, String> properties) {
        this.home = home;
        this.id = id;
        this.dir = dir;
        this.properties = Map.copyOf(properties);
    }

    public String id() {
        return id;
    }

    public Path dir() {
        return dir;
    }

    /** The configuration written to {@link #config()} at each start. */
    public Map<String, String> properties() {
        return properties;
    }

    public Path log() {
        return dir.resolve("node.log");
    }

    public Path config() {
        return dir.resolve("node.properties");
    }

    /** Writes the configuration and starts the node; the process's output goes to {@link #log()}. */
    public synchronized NodeProcess start() {
        if (alive()) {
            return this;
        }
        try {
            Files.createDirectories(dir);
            List<String> lines = new ArrayList<>(List.of("# written by mynode-local"));
            properties.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> lines.add(e.getKey() + "=" + e.getValue()));
            Files.write(config(), lines, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            setsid().ifPresent(s -> command.add(s.toString()));
            command.add(home.resolve("bin/mynode-server").toString());
            command.add("--config");
            command.add(config().toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().keySet().removeIf(k -> k.startsWith("MYNODE_")); // the file is the whole config
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new StorageIoException("starting node " + id + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** The exit code once the process has ended. */
    public synchronized java.util.OptionalInt exitCode() {
        return process == null || process.isAlive()
                ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** SIGTERM, so the node closes cleanly; SIGKILL if it has not ended within {@code seconds}. */
    public synchronized void stop(int seconds) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed. Waits until the process is gone. */
    public synchronized void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    private static java.util.Optional<Path> setsid() {
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path p = Path.of(dir, "setsid");
            if (Files.isExecutable(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
