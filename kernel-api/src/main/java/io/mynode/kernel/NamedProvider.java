package io.mynode.kernel;

/**
 * A service provider chosen by name in {@code node.properties}, as Ignite 3 chooses storage
 * engines: {@code storage.engine=btree} picks the provider whose {@link #name()} is {@code btree}.
 */
public interface NamedProvider {
    /** The configuration value that selects this provider: lower case, stable, unique per service. */
    String name();
}
