package io.mynode.server.arch;

import java.util.List;

/** The module map of DESIGN.md §2 as package names, for the architecture rules. */
final class Layers {
    static final String KERNEL = "io.mynode.kernel..";

    /** Plugin modules: each may use the kernel, the JDK and its own libraries, never another plugin. */
    static final List<String> PLUGINS = List.of(
            "io.mynode.storage.btree..",
            "io.mynode.storage.lsm..",
            "io.mynode.txn..",
            "io.mynode.raft..",
            "io.mynode.sql..",
            "io.mynode.transport.grpc..");

    /** Clients reach a node only through the kernel's client contract. */
    static final List<String> CLIENTS = List.of("io.mynode.repl..", "io.mynode.jepsen..");

    /** The node's main and the distribution: allowed everything at run time. */
    static final String SERVER = "io.mynode.server..";

    /** Every mynode module but the one given. */
    static String[] allBut(String module) {
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.concat(PLUGINS.stream(), CLIENTS.stream()),
                        java.util.stream.Stream.of(SERVER, KERNEL))
                .filter(p -> !p.equals(module))
                .toArray(String[]::new);
    }

    private Layers() {}
}
