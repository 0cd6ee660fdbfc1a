/**
 * An in-memory storage engine, for tests only, and the proof that a storage engine is one
 * module: it is found by {@link java.util.ServiceLoader}, chosen with
 * {@code storage.engine=memory}, configured under {@code memory.*}, checked by the architecture
 * tests and listed by {@code --help-config} without an edit to any other module's code. It is not
 * durable and not shipped in the distribution.
 *
 * @provides io.mynode.kernel.storage.StorageEngineProvider {@code memory}
 */
module io.mynode.storage.memory {
    requires io.mynode.kernel;

    provides io.mynode.kernel.storage.StorageEngineProvider with io.mynode.storage.memory.MemoryEngineProvider;
}
