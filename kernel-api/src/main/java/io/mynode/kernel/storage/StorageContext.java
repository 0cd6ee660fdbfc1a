package io.mynode.kernel.storage;

import io.mynode.kernel.config.Settings;
import java.nio.file.Path;

/**
 * What a storage engine provider needs to open an engine.
 *
 * @param directory the engine's own directory, created if missing; the engine owns everything in it
 * @param settings the keys under the provider's prefix ({@code btree.*}, {@code lsm.*})
 */
public record StorageContext(Path directory, Settings settings) {}
