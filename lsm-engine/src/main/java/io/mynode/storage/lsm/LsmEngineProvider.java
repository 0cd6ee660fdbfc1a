package io.mynode.storage.lsm;

import io.mynode.kernel.config.ConfigKeys;
import io.mynode.kernel.storage.StorageContext;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageEngineProvider;

/** Provider {@code lsm}: {@code storage.engine=lsm} in {@code node.properties} selects this engine. */
public final class LsmEngineProvider implements StorageEngineProvider {
    @Override
    public String name() {
        return "lsm";
    }

    /** The {@code lsm.*} keys: {@link LsmOptions#KEYS}. */
    @Override
    public ConfigKeys configKeys() {
        return LsmOptions.KEYS;
    }

    @Override
    public StorageEngine open(StorageContext context) {
        return LsmEngine.open(context.directory(), LsmOptions.from(context.settings()));
    }
}
