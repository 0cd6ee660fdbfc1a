package io.mynode.storage.btree;

import io.mynode.kernel.config.ConfigKey;
import io.mynode.kernel.config.ConfigKeys;
import io.mynode.kernel.config.Settings;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.storage.StorageContext;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageEngineProvider;

/**
 * Provider {@code btree}: opens a {@link BTreeEngine} on {@code <directory>/btree.db}. Its
 * {@code btree.*} keys are declared below ({@code mynode-server --help-config} lists them).
 */
public final class BTreeProvider implements StorageEngineProvider {
    static final ConfigKeys KEYS = new ConfigKeys();
    static final ConfigKey<Integer> PAGE_SIZE = KEYS.integer("page.size", 16 << 10, 16 << 10, 64 << 10,
            "bytes per page of a new file, a power of two (16k holds three 4 KiB keys); an existing file keeps its own");
    static final ConfigKey<Integer> CACHE_PAGES = KEYS.integer("cache.pages", 8192, 16, 1 << 24,
            "leaves the page cache holds (8192 pages of 16k are 128 MiB)");
    static final ConfigKey<Integer> DIRTY_PAGES = KEYS.computedInteger("dirty.pages", "half of cache.pages", 16, 1 << 24,
            "pages changed since the last flush beyond which a write flushes by itself, bounding memory");
    static final ConfigKey<Boolean> SYNC = KEYS.bool("sync", true, "whether a flush fsyncs the file");

    @Override
    public String name() {
        return "btree";
    }

    @Override
    public ConfigKeys configKeys() {
        return KEYS;
    }

    @Override
    public StorageEngine open(StorageContext context) {
        Settings settings = context.settings();
        int pageSize = settings.get(PAGE_SIZE);
        if (Integer.bitCount(pageSize) != 1) {
            throw new ConfigException(settings.qualified(PAGE_SIZE) + ": " + pageSize + " is not a power of two");
        }
        int cachePages = settings.get(CACHE_PAGES);
        BTreeEngine.Options options = new BTreeEngine.Options(pageSize, cachePages,
                settings.get(DIRTY_PAGES, Math.max(16, cachePages / 2)), settings.get(SYNC));
        return BTreeEngine.open(context.directory(), options);
    }
}
