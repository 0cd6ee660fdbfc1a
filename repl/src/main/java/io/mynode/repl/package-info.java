/**
 * The {@code mynode} REPL: a terminal client that reaches a node through the kernel's client contract.
 *
 * <p>Not built yet: see the open issue that builds this module. Nothing here pretends to work.
 */
package io.mynode.repl;
