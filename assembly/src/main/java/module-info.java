/**
 * The node's {@code main}, the distribution ({@code bin/}, {@code lib/}, {@code conf/}) and the architecture tests.
 */
module io.mynode.server {
    requires io.mynode.kernel;
}
