package io.mynode.storage.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mynode.kernel.error.StorageIoException;
import io.mynode.kernel.storage.StorageContext;
import io.mynode.kernel.storage.StorageEngine;
import io.mynode.kernel.storage.StorageEngineContract;
import io.mynode.kernel.storage.WriteBatch;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The storage conformance suite, unchanged, against the memory engine; plus its own limit. */
class MemoryStoreTests extends StorageEngineContract {
    static StorageEngine open(Path directory, Map<String, String> settings) {
        MemoryEngineProvider provider = new MemoryEngineProvider();
        return provider.open(new StorageContext(directory, provider.configKeys().settings(provider.name(), settings)));
    }

    @Override
    protected StorageEngine open(Path directory) {
        return open(directory, Map.of());
    }

    @Test
    void aBatchBeyondMaxBytesFailsAndChangesNothing() {
        try (StorageEngine small = open(dir, Map.of("max.bytes", "1k"))) {
            small.write(new WriteBatch().put(new byte[] {1}, new byte[600]));
            var e = assertThrows(StorageIoException.class,
                    () -> small.write(new WriteBatch().put(new byte[] {2}, new byte[100]).put(new byte[] {3}, new byte[400])));
            assertTrue(e.getMessage().contains("memory.max.bytes"), e.getMessage());
            assertTrue(small.get(new byte[] {2}).isEmpty(), "the batch is all or nothing");
            small.write(new WriteBatch().put(new byte[] {1}, new byte[10]).put(new byte[] {2}, new byte[900]));
            assertArrayEquals(new byte[900], small.get(new byte[] {2}).orElseThrow(), "overwrites free their bytes");
            assertEquals("912", small.status().details().get("bytes"));
        }
    }
}
