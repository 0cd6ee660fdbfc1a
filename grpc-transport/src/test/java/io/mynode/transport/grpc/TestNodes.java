package io.mynode.transport.grpc;

import static org.junit.jupiter.api.Assertions.fail;

import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.config.HostPort;
import io.mynode.kernel.consensus.ConsensusStatus;
import io.mynode.kernel.storage.StorageStatus;
import io.mynode.kernel.transport.NodeStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** Builds node configurations on loopback with free ports, and waits for conditions. */
final class TestNodes {
    private TestNodes() {}

    /** Starts a transport as the kernel would: with the {@code grpc.*} settings of {@code config}. */
    static GrpcTransport start(NodeConfig config) {
        return GrpcTransport.start(config, config.settings(GrpcTransportProvider.NAME));
    }

    /** A single node listening on a port the OS picks (read it back with {@code GrpcTransport.port()}). */
    static NodeConfig single(String id, Map<String, String> grpc) {
        Map<String, String> values = new HashMap<>();
        values.put("node.id", id);
        values.put("node.listen", "127.0.0.1:0");
        grpc.forEach((k, v) -> values.put("grpc." + k, v));
        return NodeConfig.fromMap(values, Map.of(), Plugins.configSchema());
    }

    /** Node {@code id} of a cluster whose members listen on {@code ports}. */
    static NodeConfig member(String id, Map<String, Integer> ports, Map<String, String> grpc) {
        Map<String, String> values = new HashMap<>();
        values.put("node.id", id);
        values.put("cluster.peers", ports.entrySet().stream()
                .map(e -> e.getKey() + "=127.0.0.1:" + e.getValue())
                .collect(Collectors.joining(",")));
        grpc.forEach((k, v) -> values.put("grpc." + k, v));
        return NodeConfig.fromMap(values, Map.of(), Plugins.configSchema());
    }

    /** Ports free right now on 127.0.0.1, one per node id given. */
    static Map<String, Integer> freePorts(String... ids) {
        List<ServerSocket> sockets = new ArrayList<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        try {
            for (String id : ids) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports.put(id, s.getLocalPort());
            }
            for (ServerSocket s : sockets) {
                s.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ports;
    }

    static NodeStatus status(String nodeId) {
        Map<String, Long> match = new LinkedHashMap<>();
        match.put("n3", 7L);
        match.put("n1", 9L);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("pages", "812");
        details.put("cache.hit", "0.97");
        Map<String, HostPort> addresses = new LinkedHashMap<>();
        addresses.put("n3", new HostPort("node-three.example", 9603));
        addresses.put("n1", new HostPort("127.0.0.1", 9601));
        return new NodeStatus(nodeId, "test-cluster", "0.1.0",
                new ConsensusStatus(nodeId, "leader", Optional.of(nodeId), 4, 9, 8, match),
                new StorageStatus("btree", 42, 8192, details), addresses);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
