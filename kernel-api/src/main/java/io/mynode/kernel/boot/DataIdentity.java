package io.mynode.kernel.boot;

import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.error.ConfigException;
import io.mynode.kernel.error.CorruptionException;
import io.mynode.kernel.error.StorageIoException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * Whose a data directory is: the cluster, the node and the parts that wrote it, recorded in
 * {@code data.dir/identity.properties} at its first start and checked at every later one.
 *
 * <p>Without it, operator mistakes pass silently: a node started on another node's directory
 * would serve that node's log under its own name, and a changed {@code storage.engine} would
 * write a second engine's files beside the first's, with the data of the first invisible. Each
 * mismatch is a {@link ConfigException} saying what to do instead.
 *
 * <p>The cluster id: when {@code cluster.id} is written, it must match the recorded one; when it is
 * not, the recorded one is used, and a first start records {@link NodeConfig#derivedClusterId()}.
 * So {@code cluster.peers}, like etcd's {@code --initial-cluster}, matters for identity only at
 * bootstrap, and a node whose peer list later changes keeps its cluster. A node that joins a
 * running cluster instead of bootstrapping one records the id that cluster reports
 * ({@link #claim(Path, NodeConfig, String)}).
 *
 * @param clusterId the cluster the directory belongs to
 * @param nodeId the node that owns it
 * @param storageEngine the storage engine that wrote {@code data.dir/storage}
 * @param consensus the consensus provider that wrote {@code data.dir/consensus}
 */
public record DataIdentity(String clusterId, String nodeId, String storageEngine, String consensus) {

    /** The file, in {@code data.dir}. */
    public static final String FILE = "identity.properties";

    private static final int FORMAT = 1;

    /** The identity {@code config} gives a new data directory, with {@code clusterId} as its cluster. */
    public static DataIdentity of(NodeConfig config, String clusterId) {
        return new DataIdentity(clusterId, config.nodeId(), config.storageEngine(), config.consensus());
    }

    /**
     * Checks {@code dataDir} against {@code config}, or records the identity if the directory has
     * none yet (with {@code config}'s cluster id, else the derived one). Returns the identity in
     * force. Durable when it returns: the file is written to a temporary name, forced, renamed.
     */
    public static DataIdentity claim(Path dataDir, NodeConfig config) {
        return claim(dataDir, config, config.clusterId().orElseGet(config::derivedClusterId));
    }

    /**
     * As {@link #claim(Path, NodeConfig)}, with {@code newClusterId} recorded if the directory is
     * new: the id a joining node learnt from the cluster it joins.
     */
    public static DataIdentity claim(Path dataDir, NodeConfig config, String newClusterId) {
        Path file = dataDir.resolve(FILE);
        DataIdentity recorded;
        try {
            recorded = read(file);
        } catch (NoSuchFileException e) {
            DataIdentity fresh = of(config, newClusterId);
            write(dataDir, fresh);
            return fresh;
        } catch (IOException e) {
            throw new StorageIoException("reading " + file + ": " + e.getMessage(), e);
        }
        recorded.check(dataDir, config);
        return recorded;
    }

    private void check(Path dataDir, NodeConfig config) {
        String where = "data.dir " + dataDir.toAbsolutePath();
        if (!nodeId.equals(config.nodeId())) {
            throw new ConfigException(where + " belongs to node '" + nodeId + "' of cluster '" + clusterId
                    + "', not to '" + config.nodeId() + "': point data.dir at " + config.nodeId()
                    + "'s own directory (one node's data cannot serve another), or move this one away to start "
                    + config.nodeId() + " empty");
        }
        config.clusterId().filter(id -> !id.equals(clusterId)).ifPresent(id -> {
            throw new ConfigException(where + " belongs to cluster '" + clusterId + "', but cluster.id is '" + id
                    + "': correct cluster.id (or remove it to use the recorded one), or point data.dir at this node's "
                    + "directory in cluster '" + id + "'");
        });
        if (!storageEngine.equals(config.storageEngine())) {
            throw new ConfigException(where + " was written by storage.engine=" + storageEngine + ", not "
                    + config.storageEngine() + ", and one engine cannot read another's files: set storage.engine="
                    + storageEngine + ", or move the directory away to start this node empty on "
                    + config.storageEngine() + " (it catches up from its peers)");
        }
        if (!consensus.equals(config.consensus())) {
            throw new ConfigException(where + " was written by consensus=" + consensus + ", not " + config.consensus()
                    + ": set consensus=" + consensus + ", or move the directory away to start this node empty");
        }
    }

    private static DataIdentity read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Properties p = new Properties();
        p.load(new StringReader(text));
        String format = p.getProperty("format");
        String cluster = p.getProperty(NodeConfig.CLUSTER_ID);
        String node = p.getProperty(NodeConfig.NODE_ID);
        String engine = p.getProperty(NodeConfig.STORAGE_ENGINE);
        String consensus = p.getProperty(NodeConfig.CONSENSUS);
        if (!Integer.toString(FORMAT).equals(format) || blank(cluster) || blank(node) || blank(engine) || blank(consensus)) {
            throw new CorruptionException(file + " is damaged or of an unknown format (it must hold format=" + FORMAT
                    + ", cluster.id, node.id, storage.engine and consensus); restore it, or move the data directory "
                    + "away to start this node empty");
        }
        return new DataIdentity(cluster, node, engine, consensus);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void write(Path dataDir, DataIdentity identity) {
        Path file = dataDir.resolve(FILE);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        String text = "# Whose this data directory is, recorded at its first start; a node whose configuration\n"
                + "# disagrees refuses to start. Do not edit.\n"
                + "format=" + FORMAT + "\n"
                + NodeConfig.CLUSTER_ID + "=" + identity.clusterId() + "\n"
                + NodeConfig.NODE_ID + "=" + identity.nodeId() + "\n"
                + NodeConfig.STORAGE_ENGINE + "=" + identity.storageEngine() + "\n"
                + NodeConfig.CONSENSUS + "=" + identity.consensus() + "\n";
        try {
            Files.createDirectories(dataDir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.UTF_8.encode(text));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(dataDir, StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new StorageIoException("recording the identity of " + dataDir + " in " + file + ": " + e.getMessage(), e);
        }
    }
}
