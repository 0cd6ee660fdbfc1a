package io.mynode.kernel.transport;

import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.storage.StorageStatus;

/**
 * What a node reports about itself to a client ({@code !status}).
 *
 * @param nodeId the node answering
 * @param version mynode's version on that node
 * @param consensus its view of the cluster
 * @param storage its storage engine's figures
 */
public record NodeStatus(String nodeId, String version, ConsensusStatus consensus, StorageStatus storage) {}
