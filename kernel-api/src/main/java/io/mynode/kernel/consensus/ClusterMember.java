package io.mynode.kernel.consensus;

import io.mynode.kernel.config.HostPort;

/**
 * One member of the cluster's configuration, as consensus holds it.
 *
 * @param nodeId the member's {@code node.id}
 * @param address where its peers and clients reach it
 * @param voter whether it votes and counts towards quorums; otherwise a learner catching up
 */
public record ClusterMember(String nodeId, HostPort address, boolean voter) {}
