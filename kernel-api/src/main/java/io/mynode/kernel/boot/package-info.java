/**
 * Boot: {@link io.mynode.kernel.boot.Kernel} reads a {@link io.mynode.kernel.config.NodeConfig},
 * finds each part by name with {@link io.mynode.kernel.Providers} and wires them into a running
 * {@link io.mynode.kernel.boot.Node}; the one place in mynode where parts meet (DESIGN.md §2).
 *
 * <p>It sits above every other kernel package and nothing in the kernel depends on it, which keeps
 * the contracts free of cycles.
 */
package io.mynode.kernel.boot;
