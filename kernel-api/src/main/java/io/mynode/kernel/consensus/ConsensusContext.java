package io.mynode.kernel.consensus;

import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.config.Settings;
import java.nio.file.Path;

/**
 * What a consensus provider needs to start on a node.
 *
 * @param config the node's configuration: its id, the cluster's id and peers (the kernel's keys)
 * @param settings the provider's own keys ({@code raft.*}), checked against its declaration
 * @param directory consensus's own directory (log, term and vote)
 * @param stateMachine where committed commands are applied
 * @param network messages to and from the other nodes
 */
public record ConsensusContext(NodeConfig config, Settings settings, Path directory, StateMachine stateMachine,
        PeerNetwork network) {}
