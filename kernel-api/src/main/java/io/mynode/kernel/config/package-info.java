/**
 * Node configuration: {@code node.properties} plus environment overrides, validated strictly.
 *
 * <p>The kernel owns the top-level keys ({@code node.id}, {@code node.listen},
 * {@code cluster.peers}, {@code data.dir}, {@code storage.engine}, {@code consensus},
 * {@code transport}); each module owns the keys under its prefix ({@code btree.*}, {@code lsm.*},
 * {@code raft.*}, ...) and receives them as {@link io.mynode.kernel.config.Settings}, so a
 * provider gets one record, never a long parameter list. A key nobody knows is an error that
 * names it: a misspelt setting must stop a node at boot rather than be ignored.
 */
package io.mynode.kernel.config;
