/**
 * The node's {@code main}, the distribution ({@code bin/}, {@code lib/}, {@code conf/}) and the architecture tests.
 *
 * <p>Not built yet: see the open issue that builds this module. Nothing here pretends to work.
 */
package io.mynode.server;
