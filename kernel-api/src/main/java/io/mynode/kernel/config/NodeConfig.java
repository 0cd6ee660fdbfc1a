package io.mynode.kernel.config;

import io.mynode.kernel.error.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A node's configuration, read from {@code node.properties}, overridden by environment variables
 * ({@code MYNODE_NODE_ID} overrides {@code node.id}; see {@link ConfigSchema}) and checked against
 * the keys the kernel ({@link #KEYS}) and the providers found declare.
 *
 * <p>Validation is strict because a typo in a config file should stop a node at start, not
 * silently change its behaviour: an unknown key, a missing {@code node.id}, two peers on one
 * address or a malformed value is a {@link ConfigException} naming the key.
 *
 * @param nodeId this node's name, unique in the cluster ({@code mynode1})
 * @param clusterId the cluster's id as configured ({@code cluster.id}); empty when not written,
 *     in which case the kernel uses the id recorded in the data directory, or on a first start
 *     {@link #derivedClusterId()}. A booted node's configuration always carries the id in use.
 * @param listen the address this node serves clients and peers on
 * @param peers every node of the cluster by id, this one included, in the order written
 * @param dataDir where this node keeps its files
 * @param storageEngine the {@code StorageEngineProvider} name
 * @param consensus the {@code ConsensusProvider} name
 * @param transport the {@code TransportProvider} name
 * @param modules the checked settings of every provider found, by prefix (its name)
 * @param kernel the kernel's own keys, checked: read the ones without a component here (the
 *     fault-injection keys, say) with {@code kernel().get(KEY)}
 */
public record NodeConfig(
        String nodeId,
        Optional<String> clusterId,
        HostPort listen,
        Map<String, HostPort> peers,
        Path dataDir,
        String storageEngine,
        String consensus,
        String transport,
        Map<String, Settings> modules,
        Settings kernel) {

    public static final String NODE_ID = "node.id";
    public static final String NODE_LISTEN = "node.listen";
    public static final String CLUSTER_PEERS = "cluster.peers";
    public static final String CLUSTER_ID = "cluster.id";
    public static final String DATA_DIR = "data.dir";
    public static final String STORAGE_ENGINE = "storage.engine";
    public static final String CONSENSUS = "consensus";
    public static final String TRANSPORT = "transport";

    private static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final String ID_RULE = "must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit";

    /** The kernel's own keys: everything in a file that is not under a provider's prefix. */
    public static final ConfigKeys KEYS = new ConfigKeys();

    private static final ConfigKey<String> NODE_ID_KEY = KEYS.key(NODE_ID, "id", Optional.empty(), "(required)",
            "this node's name, unique in the cluster; recorded in its data directory at first start",
            NodeConfig::parseId);
    private static final ConfigKey<Optional<HostPort>> NODE_LISTEN_KEY = KEYS.key(NODE_LISTEN, "host:port",
            Optional.of(Optional.empty()), "this node's address in cluster.peers",
            "where this node serves clients and peers (one port for both)",
            (q, raw) -> Optional.of(HostPort.parse(raw, q)));
    private static final ConfigKey<Map<String, HostPort>> CLUSTER_PEERS_KEY = KEYS.key(CLUSTER_PEERS,
            "id=host:port,...", Optional.of(Map.of()), "this node alone",
            "every node of the cluster, this one included; no two on one address", NodeConfig::parsePeers);
    private static final ConfigKey<Optional<String>> CLUSTER_ID_KEY = KEYS.key(CLUSTER_ID, "id",
            Optional.of(Optional.empty()), "the id recorded in data.dir, else derived from cluster.peers",
            "the cluster's name, the same on every node; a data directory of another cluster is refused",
            (q, raw) -> Optional.of(parseId(q, raw)));
    private static final ConfigKey<Optional<Path>> DATA_DIR_KEY = KEYS.key(DATA_DIR, "path",
            Optional.of(Optional.empty()), "data/<node.id>", "where this node keeps its files (storage, consensus log)",
            NodeConfig::parsePath);
    private static final ConfigKey<String> STORAGE_ENGINE_KEY = KEYS.key(STORAGE_ENGINE, "provider name",
            Optional.of("btree"), "btree", "the storage engine; recorded in data.dir, so it cannot change later",
            NodeConfig::parseName);
    private static final ConfigKey<String> CONSENSUS_KEY = KEYS.key(CONSENSUS, "provider name", Optional.of("raft"),
            "raft", "how commands are replicated (local: a single node, no replication)", NodeConfig::parseName);
    private static final ConfigKey<String> TRANSPORT_KEY = KEYS.key(TRANSPORT, "provider name", Optional.of("grpc"),
            "grpc", "how clients and peers reach this node", NodeConfig::parseName);
    /** Testing only: the partition file a harness writes ({@link io.mynode.kernel.fault.PartitionFile}). */
    public static final ConfigKey<Optional<Path>> FAULTS_FILE = KEYS.key("faults.file", "path",
            Optional.of(Optional.empty()), "(none)",
            "testing only: a file of peer ids, one a line; peer messages to and from them are dropped while listed",
            NodeConfig::parsePath);
    public static final ConfigKey<Long> FAULTS_POLL_MS = KEYS.number("faults.poll.ms", 100, 10, 60_000,
            "testing only: how often faults.file is read");

    public NodeConfig {
        peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
        modules = Collections.unmodifiableMap(new TreeMap<>(modules));
    }

    /**
     * The settings of the provider named {@code prefix}; empty when none were given. For the
     * kernel's boot, which hands each provider its own in its context: providers read those.
     */
    public Settings settings(String prefix) {
        return modules.getOrDefault(prefix, Settings.empty(prefix));
    }

    /** This configuration with {@code clusterId} as the cluster's id. */
    public NodeConfig withClusterId(String id) {
        return new NodeConfig(nodeId, Optional.of(parseId(CLUSTER_ID, id)), listen, peers, dataDir, storageEngine,
                consensus, transport, modules, kernel);
    }

    /**
     * The id a cluster gets when {@code cluster.id} is not written: {@code mynode-} and eight hex
     * digits of a hash of {@code cluster.peers} (ids and addresses, sorted), so every node started
     * with one peer list derives the same id without talking to the others. Two clusters with
     * identical peer lists (two copies of one compose file) derive the same id; give them
     * {@code cluster.id}s to tell them apart.
     */
    public String derivedClusterId() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(peers).forEach((id, address) -> text.append(id).append('=').append(address).append(','));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "mynode-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Reads {@code file}, applies overrides from {@code environment}, checks the result against {@code schema}. */
    public static NodeConfig load(Path file, Map<String, String> environment, ConfigSchema schema) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            values.put(name.trim(), props.getProperty(name).trim());
        }
        return fromMap(values, environment, schema);
    }

    /**
     * Builds a configuration from keys and values, applying the environment overrides that name
     * a key of {@code schema}, and checks every key and value against it.
     */
    public static NodeConfig fromMap(Map<String, String> values, Map<String, String> environment, ConfigSchema schema) {
        Map<String, String> all = schema.withEnvironment(values, environment);
        Map<String, Settings> modules = schema.moduleSettings(all);
        Map<String, String> own = new HashMap<>();
        all.forEach((k, v) -> {
            if (KEYS.find(k).isPresent()) {
                own.put(k, v);
            }
        });
        Settings kernel = KEYS.settings("", own);
        String nodeId = kernel.find(NODE_ID_KEY).orElseThrow(() -> new ConfigException(
                NODE_ID + " is required (or set " + ConfigSchema.environmentVariable(NODE_ID) + ")"));
        Map<String, HostPort> peers = kernel.get(CLUSTER_PEERS_KEY);
        HostPort listen = kernel.get(NODE_LISTEN_KEY).or(() -> Optional.ofNullable(peers.get(nodeId)))
                .orElseThrow(() -> new ConfigException(
                        NODE_LISTEN + " is required when " + CLUSTER_PEERS + " does not name " + nodeId));
        Map<String, HostPort> cluster = peers;
        if (cluster.isEmpty()) {
            cluster = Map.of(nodeId, listen);
        } else if (!cluster.containsKey(nodeId)) {
            throw new ConfigException(CLUSTER_PEERS + " must include this node '" + nodeId + "'");
        }
        return new NodeConfig(
                nodeId,
                kernel.get(CLUSTER_ID_KEY),
                listen,
                cluster,
                kernel.get(DATA_DIR_KEY).orElse(Path.of("data", nodeId)),
                kernel.get(STORAGE_ENGINE_KEY),
                kernel.get(CONSENSUS_KEY),
                kernel.get(TRANSPORT_KEY),
                modules,
                kernel);
    }

    private static String parseId(String key, String raw) {
        if (raw.isEmpty()) {
            throw new ConfigException(key + " must not be empty");
        }
        if (!ID_PATTERN.matcher(raw).matches()) {
            throw new ConfigException(key + ": '" + raw + "' " + ID_RULE);
        }
        return raw;
    }

    private static String parseName(String key, String raw) {
        if (raw.isEmpty()) {
            throw new ConfigException(key + " must not be empty");
        }
        return raw;
    }

    private static Optional<Path> parsePath(String key, String raw) {
        if (raw.isEmpty()) {
            throw new ConfigException(key + " must not be empty");
        }
        try {
            return Optional.of(Path.of(raw));
        } catch (InvalidPathException e) {
            throw new ConfigException(key + ": '" + raw + "' is not a path: " + e.getReason());
        }
    }

    /**
     * Parses {@code id=host:port,id=host:port}; an empty value is no peers. An id listed twice,
     * or two ids on one address (host compared without case), is refused: two nodes cannot both
     * listen there, and messages meant for one would reach the other.
     */
    static Map<String, HostPort> parsePeers(String key, String text) {
        Map<String, HostPort> peers = new LinkedHashMap<>();
        Map<String, String> byAddress = new HashMap<>();
        if (text == null || text.isBlank()) {
            return peers;
        }
        for (String part : text.split(",")) {
            String item = part.trim();
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(key + ": expected id=host:port, got '" + item + "'");
            }
            String id = item.substring(0, eq).trim();
            if (!ID_PATTERN.matcher(id).matches()) {
                throw new ConfigException(key + ": '" + id + "' is not a valid node id (" + ID_RULE + ")");
            }
            HostPort address = HostPort.parse(item.substring(eq + 1).trim(), key + " (" + id + ")");
            if (peers.put(id, address) != null) {
                throw new ConfigException(key + ": node '" + id + "' is listed twice");
            }
            String other = byAddress.put(address.host().toLowerCase(Locale.ROOT) + ":" + address.port(), id);
            if (other != null) {
                throw new ConfigException(key + ": nodes '" + other + "' and '" + id + "' have the same address "
                        + address + "; every node needs its own");
            }
        }
        return peers;
    }
}
