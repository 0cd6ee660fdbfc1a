package io.mynode.kernel.txn;

import io.mynode.kernel.config.Settings;
import io.mynode.kernel.storage.StorageEngine;

/**
 * What the transaction provider needs to build the MVCC state machine.
 *
 * @param nodeId this node, for unique transaction ids
 * @param storage the engine holding the versioned data and the applied index
 * @param settings the provider's own keys ({@code mvcc.*}: version retention for time travel), checked
 */
public record TransactionContext(String nodeId, StorageEngine storage, Settings settings) {}
