package io.mynode.kernel.storage;

import java.util.Map;

/**
 * What an engine reports about itself, for {@code !status} and benchmarks.
 *
 * @param engine the provider name ({@code btree}, {@code lsm})
 * @param keys number of live keys (exact or a documented estimate, see {@code details})
 * @param diskBytes bytes the engine occupies on disk
 * @param details engine-specific figures in a stable order (pages, levels, cache hit rate, ...)
 */
public record StorageStatus(String engine, long keys, long diskBytes, Map<String, String> details) {
    public StorageStatus {
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
