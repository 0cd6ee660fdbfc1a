package io.mynode.kernel.storage;

import java.nio.file.Path;

/** The conformance suite's in-memory half, run against the model engine itself. */
class MemoryEngineTests extends StorageEngineContract {
    @Override
    protected StorageEngine open(Path directory) {
        return new MemoryEngine();
    }
}
