package io.mynode.storage.memory;

import io.mynode.kernel.config.ConfigKey;
import io.mynode.kernel.config.ConfigKeys;
import io.mynode.kernel.storage.StorageContext;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageEngineProvider;

/** Provider {@code memory}: a {@link MemoryStore}, for tests; its one key is {@code memory.max.bytes}. */
public final class MemoryEngineProvider implements StorageEngineProvider {
    static final ConfigKeys KEYS = new ConfigKeys();
    static final ConfigKey<Long> MAX_BYTES = KEYS.size("max.bytes", 256L << 20, 1 << 10, 1L << 40,
            "keys and values held at most; a write beyond fails and changes nothing");

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public ConfigKeys configKeys() {
        return KEYS;
    }

    /** A new, empty store: nothing is read from or written to {@code context.directory()}. */
    @Override
    public StorageEngine open(StorageContext context) {
        return new MemoryStore(context.settings().get(MAX_BYTES));
    }
}
