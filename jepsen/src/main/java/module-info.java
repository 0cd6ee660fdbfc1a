/**
 * A Jepsen-style fault-injection suite: workloads, nemeses, checkers and reports, in Java.
 */
module io.mynode.jepsen {
    requires io.mynode.kernel;
}
