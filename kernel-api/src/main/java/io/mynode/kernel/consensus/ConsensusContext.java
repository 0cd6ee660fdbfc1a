package io.mynode.kernel.consensus;

import io.mynode.kernel.config.NodeConfig;
import java.nio.file.Path;

/**
 * What a consensus provider needs to start on a node.
 *
 * @param config the node's configuration (id, peers, the {@code raft.*} settings)
 * @param directory consensus's own directory (log, term and vote)
 * @param stateMachine where committed commands are applied
 * @param network messages to and from the other nodes
 */
public record ConsensusContext(NodeConfig config, Path directory, StateMachine stateMachine, PeerNetwork network) {}
