/**
 * The {@code mynode} REPL and the {@code mynode-bench} workload tool: terminal clients that reach
 * a node only through the kernel's client contract ({@code Clients.connect}), with the transport
 * found at run time. JLine reads the terminal, picocli parses the command line, HdrHistogram
 * records the bench's latencies.
 *
 * <p>It exports only the REPL's entry point, and only to the server module, whose
 * {@code mynode-local} opens a REPL in-process.
 *
 * @uses io.mynode.kernel.transport.TransportProvider (through {@code io.mynode.kernel.client.Clients})
 */
module io.mynode.repl {
    requires io.mynode.kernel;
    requires org.jline;
    requires info.picocli;
    requires HdrHistogram;

    requires java.logging;
    // JLine turns Ctrl-C into UserInterruptException and follows window resizes through sun.misc.Signal;
    // without this module on the graph a Ctrl-C would kill the REPL (and mynode-local's nodes).
    requires jdk.unsupported;

    exports io.mynode.repl to io.mynode.server;
    opens io.mynode.repl to info.picocli;
    opens io.mynode.repl.bench to info.picocli;
}
