/**
 * The node's {@code main} ({@code mynode-server}), the five-node local cluster launcher
 * ({@code mynode-local}), the distribution ({@code bin/}, {@code lib/}, {@code conf/}) and the
 * architecture and end-to-end tests. It names only the kernel at compile time; the plugins are on
 * the module path of the launchers ({@code --add-modules ALL-MODULE-PATH}) and the kernel finds
 * them by {@code ServiceLoader}.
 *
 * @uses io.mynode.kernel.storage.StorageEngineProvider (through {@code Kernel.boot})
 * @uses io.mynode.kernel.transport.TransportProvider (through {@code Kernel.boot} and {@code Clients})
 */
module io.mynode.server {
    requires io.mynode.kernel;
    requires io.mynode.repl;
    requires info.picocli;

    opens io.mynode.server to info.picocli;
    opens io.mynode.server.local to info.picocli;
}
