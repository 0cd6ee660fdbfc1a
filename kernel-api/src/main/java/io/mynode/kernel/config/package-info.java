/**
 * Node configuration: {@code node.properties} plus environment overrides, checked strictly
 * against the keys that the kernel and the plugins found declare.
 *
 * <p><b>Who owns a key.</b> The kernel owns the top-level keys ({@code node.id},
 * {@code node.listen}, {@code cluster.peers}, {@code cluster.id}, {@code data.dir},
 * {@code storage.engine}, {@code consensus}, {@code transport}: {@link
 * io.mynode.kernel.config.NodeConfig#KEYS}). Every provider owns the keys under its own name
 * ({@code btree.*} belongs to the storage engine named {@code btree}, {@code mvcc.*} to the
 * transaction provider named {@code mvcc}), declares them in a
 * {@link io.mynode.kernel.config.ConfigKeys} returned by
 * {@link io.mynode.kernel.NamedProvider#configKeys()}, and receives their values, checked, as the
 * {@link io.mynode.kernel.config.Settings} of its context. So a third storage engine brings its
 * keys with it, and no kernel list names the plugins (Ignite 3 does the same with a configuration
 * schema per engine).
 *
 * <p><b>Adding a key</b> is one line in the owning module, a factory call on its
 * {@code ConfigKeys}: {@code KEYS.size("query.memory", 64L << 20, 1 << 20, 1L << 40, "one line")};
 * read it with {@code context.settings().get(QUERY_MEMORY)}. The kernel then refuses misspellings
 * of it, checks its type and range at start, lets {@code MYNODE_SQL_QUERY_MEMORY} override it, and
 * {@code mynode-server --help-config} lists it.
 *
 * <p><b>Why strict.</b> A typo in a config file must stop a node at boot rather than be ignored:
 * a key nobody declares, or a malformed value (even for a plugin not chosen), is a
 * {@link io.mynode.kernel.error.ConfigException} that names it and lists what is known.
 * Environment variables are gentler ({@link io.mynode.kernel.config.ConfigSchema}): only those that
 * name a key override; {@code MYNODE_HOME} and other tools' variables are ignored.
 *
 * <p><b>Left out.</b> Reloading at run time: every key is read once, at boot. Relations between
 * keys (a heartbeat shorter than the election timeout) are checked by their owner when it reads
 * them, with the same kind of error.
 *
 * <p>Threads: declarations are made while classes initialise; everything here is immutable after.
 */
package io.mynode.kernel.config;
