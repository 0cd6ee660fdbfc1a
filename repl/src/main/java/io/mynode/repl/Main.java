package io.mynode.repl;

import io.mynode.kernel.client.Clients;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.transport.Connection;
import io.mynode.kernel.transport.NodeStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/mynode}: the REPL. With {@code -e} or {@code -f} it runs those statements; with stdin
 * not a terminal it runs the statements read from stdin; either way it prints only their output
 * and exits 1 if any failed. Otherwise it is interactive ({@link Interactive}).
 */
@Command(name = "mynode", mixinStandardHelpOptions = true, version = "mynode " + io.mynode.kernel.boot.Kernel.VERSION,
        description = "The mynode SQL shell. Connects to one node; any node accepts every statement.")
public final class Main implements Callable<Integer> {
    @Option(names = {"-H", "--host"}, defaultValue = "127.0.0.1", description = "node host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "9605", description = "node port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = {"-e", "--execute"}, paramLabel = "SQL",
            description = "run these statements (';'-separated) and exit; may be repeated")
    java.util.List<String> execute = new java.util.ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "run the statements in FILE and exit")
    Path file;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the REPL with command-line {@code args}; returns the exit code. */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public Integer call() {
        quietLogging();
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, false, StandardCharsets.UTF_8);
        HostPort address;
        Connection connection;
        try {
            address = new HostPort(host, port);
            connection = Clients.connect(address);
        } catch (RuntimeException e) {
            err.println("Error: " + e.getMessage());
            err.flush();
            return 1;
        }
        try (connection) {
            return session(connection, address, out, err);
        }
    }

    private int session(Connection connection, HostPort address, PrintWriter out, PrintWriter err) {
        boolean batch = !execute.isEmpty() || file != null || !onTerminal();
        if (batch) {
            try (Shell shell = new Shell(connection, leaderStatus(address), out, err)) {
                for (String sql : execute) {
                    shell.run(sql);
                }
                if (file != null) {
                    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        script(shell, in);
                    } catch (IOException e) {
                        err.println("Error: reading " + file + ": " + e.getMessage());
                        err.flush();
                        return 1;
                    }
                } else if (execute.isEmpty()) {
                    try {
                        script(shell, new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        err.println("Error: reading standard input: " + e.getMessage());
                        err.flush();
                        return 1;
                    }
                }
                return shell.failed() ? 1 : 0;
            }
        }
        NodeStatus status;
        try {
            status = connection.status();
        } catch (RuntimeException e) {
            err.println("Error: cannot reach a node at " + address + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        String banner = "Connected to node \"" + status.nodeId() + "\" (version " + status.version()
                + "). Enter !help for instructions.";
        try (Terminal terminal = TerminalBuilder.builder().name("mynode").system(true).build();
                Shell shell = new Shell(connection, leaderStatus(address), terminal.writer(), terminal.writer())) {
            Interactive.run(terminal, shell, banner);
            return 0;
        } catch (IOException e) {
            err.println("Error: opening the terminal: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** {@code !status} on a follower asks the leader for its match indexes over the same transport. */
    private static LeaderStatus leaderStatus(HostPort address) {
        return new LeaderStatus(Clients::connect, address, LeaderStatus.DEADLINE);
    }

    /**
     * Whether stdin and stdout are a terminal. Up to JDK 21 {@code System.console()} is null
     * otherwise; from JDK 22 it may return a console for redirected streams too, and only its
     * {@code isTerminal()} (absent from 21, so looked up at run time) tells.
     */
    public static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            java.lang.invoke.MethodHandle isTerminal = java.lang.invoke.MethodHandles.publicLookup().findVirtual(
                    java.io.Console.class, "isTerminal", java.lang.invoke.MethodType.methodType(boolean.class));
            return (boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return true; // JDK 21: a console exists only for a terminal
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            return false; // isTerminal declares no checked exception; this is unreachable
        }
    }

    /**
     * Keeps library logging (the transport's reconnect warnings) off the user's screen: a client
     * reports what matters as {@code Error:} lines, and a terminal REPL must not be scribbled on.
     */
    public static void quietLogging() {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
    }

    /** Runs statements line by line as they arrive, so a pipe behaves like a slow typist. */
    static void script(Shell shell, Reader input) throws IOException {
        Statements statements = new Statements();
        BufferedReader in = new BufferedReader(input);
        String line;
        while ((line = in.readLine()) != null) {
            statements.line(line).forEach(shell::runOne);
        }
        statements.end().forEach(shell::runOne);
    }
}
