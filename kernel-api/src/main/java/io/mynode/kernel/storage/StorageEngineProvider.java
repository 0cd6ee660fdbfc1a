package io.mynode.kernel.storage;

import io.mynode.kernel.NamedProvider;

/**
 * Opens a storage engine; found by {@link java.util.ServiceLoader} and chosen by
 * {@code storage.engine=<name>} in {@code node.properties}.
 */
public interface StorageEngineProvider extends NamedProvider {
    /**
     * Opens the engine in {@code context.directory()}, creating it if empty and recovering it
     * after a crash otherwise. Unknown keys in {@code context.settings()} are a
     * {@link io.mynode.kernel.error.ConfigException}; a corrupt file is a
     * {@link io.mynode.kernel.error.CorruptionException}.
     */
    StorageEngine open(StorageContext context);
}
