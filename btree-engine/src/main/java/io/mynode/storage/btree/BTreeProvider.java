package io.mynode.storage.btree;

import io.mynode.kernel.config.Settings;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.storage.StorageContext;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageEngineProvider;

/**
 * Provider {@code btree}: opens a {@link BTreeEngine} on {@code <directory>/btree.db}.
 *
 * <p>Settings under {@code btree.}:
 * <ul>
 *   <li>{@code page.size}: bytes per page of a new file, a power of two from 16k to 64k
 *       (default 16k; 16k is the smallest that holds three 4 KiB keys). An existing file keeps its own.
 *   <li>{@code cache.pages}: leaves the cache holds (default 8192, i.e. 128 MiB of pages).
 *   <li>{@code dirty.pages}: pages changed since the last flush beyond which a write flushes
 *       by itself, bounding memory between flushes (default half of {@code cache.pages}, so leaves
 *       in memory, clean or dirty, stay within one and a half times the cache).
 *   <li>{@code sync}: whether a flush fsyncs (default true).
 * </ul>
 */
public final class BTreeProvider implements StorageEngineProvider {
    @Override
    public String name() {
        return "btree";
    }

    @Override
    public StorageEngine open(StorageContext context) {
        Settings settings = context.settings().requireOnly("page.size", "cache.pages", "dirty.pages", "sync");
        int pageSize = settings.intValue("page.size", 16 << 10, 16 << 10, 64 << 10);
        if (Integer.bitCount(pageSize) != 1) {
            throw new ConfigException(settings.prefix() + ".page.size: " + pageSize + " is not a power of two");
        }
        int cachePages = settings.intValue("cache.pages", 8192, 16, 1 << 24);
        BTreeEngine.Options options = new BTreeEngine.Options(pageSize, cachePages,
                settings.intValue("dirty.pages", Math.max(16, cachePages / 2), 16, 1 << 24),
                settings.bool("sync", true));
        return BTreeEngine.open(context.directory(), options);
    }
}
