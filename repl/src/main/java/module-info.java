/**
 * The {@code mynode} REPL: a terminal client that reaches a node through the kernel's client contract.
 */
module io.mynode.repl {
    requires io.mynode.kernel;
}
