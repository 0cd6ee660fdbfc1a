package io.mynode.kernel.transport;

import io.mynode.kernel.config.NodeConfig;

/**
 * What a transport needs to start serving: the listen address, the peers and the
 * transport's own settings ({@code grpc.*}) all come from the node's configuration.
 */
public record TransportContext(NodeConfig config) {}
