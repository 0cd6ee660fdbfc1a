/**
 * The {@code memory} storage engine: the storage contract over an immutable sorted map that each
 * write batch replaces with a changed copy.
 *
 * <p><b>Why it exists.</b> A plugin kernel claims that a new engine touches only its own module.
 * This one is that claim made concrete: the storage conformance suite runs against it, a node
 * boots on it and serves the seed transcript, and nothing outside this directory names it except
 * the build's module list. Tests of the layers above storage may use it as a fast engine.
 *
 * <p><b>How.</b> The state is one reference to an unmodifiable {@link java.util.NavigableMap}.
 * A write copies the map, applies the batch to the copy and publishes it, so a batch is atomic and
 * a reader, a scan or a snapshot simply keeps the map it started with: snapshots are free and never
 * change. Writes are serialized by a lock; reads take none. Copying costs O(n) per batch, which is
 * what a test-sized store can afford and a real one could not.
 *
 * <p><b>Left out, on purpose.</b> Durability: {@code flush} does nothing and a restart starts
 * empty, so a node on this engine must not restart with its Raft log compacted (its state would be
 * gone). Memory accounting beyond {@code memory.max.bytes}.
 */
package io.mynode.storage.memory;
