package io.mynode.server;

import io.mynode.kernel.boot.Kernel;
import io.mynode.kernel.boot.Node;
import io.mynode.kernel.boot.Plugins;
import io.mynode.kernel.config.ConfigSchema;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.MynodeException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bin/mynode-server}: runs one node until it is stopped. */
@Command(name = "mynode-server", mixinStandardHelpOptions = true, version = "mynode " + Kernel.VERSION,
        description = "Runs a mynode node configured by a node.properties file (MYNODE_<KEY> variables override keys).")
public final class Main implements Callable<Integer> {
    /** Exit code of a configuration error, as picocli uses for usage errors. */
    static final int CONFIG_ERROR = 2;

    @Option(names = "--config", paramLabel = "FILE", description = "the node.properties file")
    Path config;

    @Option(names = "--help-config", description = "print every configuration key of the kernel and of the plugins "
            + "found, with its default and meaning, and exit")
    boolean helpConfig;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws InterruptedException {
        ConfigSchema schema;
        try {
            schema = Plugins.configSchema();
        } catch (ConfigException e) {
            System.err.println("Error: the plugins found conflict: " + e.getMessage());
            return CONFIG_ERROR;
        }
        if (helpConfig) {
            System.out.print(schema.describe());
            return 0;
        }
        if (config == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--config=FILE'");
        }
        Node node;
        NodeConfig nodeConfig;
        try {
            nodeConfig = NodeConfig.load(config, System.getenv(), schema);
            node = Kernel.boot(nodeConfig);
        } catch (ConfigException e) {
            System.err.println("Error: configuration " + config + ": " + e.getMessage());
            return CONFIG_ERROR;
        } catch (MynodeException e) {
            System.err.println("Error: starting the node: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                System.out.println("mynode " + nodeConfig.nodeId() + " stopped");
            } catch (RuntimeException e) {
                System.err.println("Error: stopping " + nodeConfig.nodeId() + ": " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "mynode-shutdown"));
        System.out.println("mynode " + nodeConfig.nodeId() + " serving on " + nodeConfig.listen()
                + " (cluster " + node.clusterId() + ", storage " + nodeConfig.storageEngine()
                + ", consensus " + nodeConfig.consensus()
                + ", transport " + nodeConfig.transport() + ", data " + nodeConfig.dataDir().toAbsolutePath()
                + ", peers " + String.join(",", nodeConfig.peers().keySet()) + ")");
        System.out.flush();
        stopped.await(); // the node's own threads serve; main waits for the shutdown hook
        return 0;
    }
}
