/**
 * A Jepsen-style fault-injection suite: workloads, nemeses, checkers and reports, in Java.
 *
 * <p>Not built yet: see the open issue that builds this module. Nothing here pretends to work.
 */
package io.mynode.jepsen;
