package io.mynode.kernel.transport;

import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.storage.StorageStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node reports about itself to a client ({@code !status}).
 *
 * @param nodeId the node answering
 * @param clusterId the cluster it belongs to, as recorded in its data directory: a client that
 *     follows one node's pointer to another (the leader) checks the answer comes from the same
 *     cluster before trusting it
 * @param version mynode's version on that node
 * @param consensus its view of the cluster
 * @param storage its storage engine's figures
 * @param addresses every node of the cluster by id, with the address it serves clients on, as
 *     this node's configuration writes it ({@code cluster.peers}), in that order. A client that
 *     needs another node (the leader, whose match indexes only it knows) finds it here; the
 *     address may be one only the cluster's own network resolves (a Docker service name).
 */
public record NodeStatus(String nodeId, String clusterId, String version, ConsensusStatus consensus, StorageStatus storage,
        Map<String, HostPort> addresses) {

    public NodeStatus {
        addresses = Collections.unmodifiableMap(new LinkedHashMap<>(addresses));
    }
}
