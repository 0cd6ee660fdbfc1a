/**
 * mynode's Jepsen-style fault-injection suite: it starts real node processes from the
 * distribution, drives them with concurrent SQL clients through the kernel's client contract,
 * injects faults (kills, pauses, network partitions), records a Jepsen {@code history.edn} and
 * judges it with linearizability, bank, list-append (Elle) and set checkers.
 *
 * <p>A client, not a plugin: it depends on the kernel's client contract alone and finds the
 * transport at run time, so it runs against any node that serves the contract.
 *
 * @uses io.mynode.kernel.transport.TransportProvider (through {@code io.mynode.kernel.client.Clients})
 */
module io.mynode.jepsen {
    // Its exported API speaks in kernel types (HostPort, Connection, the launcher's ProcessCluster).
    requires transitive io.mynode.kernel;
    requires info.picocli;
    requires org.knowm.xchart;
    requires java.desktop;

    exports io.mynode.jepsen.history;
    exports io.mynode.jepsen.checker;
    exports io.mynode.jepsen.report;
    exports io.mynode.jepsen.runner;
    exports io.mynode.jepsen.cli;

    opens io.mynode.jepsen.cli to info.picocli;

}
