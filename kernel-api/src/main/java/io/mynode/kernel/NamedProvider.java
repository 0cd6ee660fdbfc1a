package io.mynode.kernel;

import io.mynode.kernel.config.ConfigKeys;

/**
 * A service provider chosen by name in {@code node.properties}, as Ignite 3 chooses storage
 * engines: {@code storage.engine=btree} picks the provider whose {@link #name()} is {@code btree}.
 *
 * <p>A provider owns the configuration keys under its name: {@code btree.cache.pages} belongs to
 * the provider named {@code btree}, which declares it in {@link #configKeys()} and receives its
 * value, checked, in the {@link io.mynode.kernel.config.Settings} of its context.
 */
public interface NamedProvider {
    /**
     * The configuration value that selects this provider, and the prefix of its keys: lower
     * case, stable, unique among every provider found.
     */
    String name();

    /**
     * The keys this provider reads under {@code name() + "."}, with defaults and descriptions;
     * none by default. The kernel refuses any other key under the prefix and lists these in
     * {@code mynode-server --help-config}. Return the same object on every call (a constant).
     */
    default ConfigKeys configKeys() {
        return ConfigKeys.none();
    }
}
