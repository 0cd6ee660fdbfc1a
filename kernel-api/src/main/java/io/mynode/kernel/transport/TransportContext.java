package io.mynode.kernel.transport;

import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.config.Settings;

/**
 * What a transport needs to start serving.
 *
 * @param config the node's configuration: its id, listen address and peers (the kernel's keys)
 * @param settings the transport's own keys ({@code grpc.*}), checked against its declaration
 */
public record TransportContext(NodeConfig config, Settings settings) {}
