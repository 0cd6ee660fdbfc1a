package io.mynode.kernel.config;

import io.mynode.kernel.error.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A node's configuration, read from {@code node.properties} and overridden by environment
 * variables ({@code MYNODE_NODE_ID} overrides {@code node.id}, {@code MYNODE_BTREE_CACHE_PAGES}
 * overrides {@code btree.cache.pages}: upper case, dots become underscores).
 *
 * <p>Validation is strict because a typo in a config file should stop a node at start, not
 * silently change its behaviour: an unknown top-level key, an unknown module prefix, a missing
 * {@code node.id} or a malformed value is a {@link ConfigException} naming the key. Keys under a
 * module prefix are checked by that module's provider ({@link Settings#requireOnly}).
 *
 * @param nodeId this node's name, unique in the cluster ({@code mynode1})
 * @param listen the address this node serves clients and peers on
 * @param peers every node of the cluster by id, this one included, in the order written
 * @param dataDir where this node keeps its files
 * @param storageEngine the {@code StorageEngineProvider} name
 * @param consensus the {@code ConsensusProvider} name
 * @param transport the {@code TransportProvider} name
 * @param modules the settings under each module prefix, by prefix
 */
public record NodeConfig(
        String nodeId,
        HostPort listen,
        Map<String, HostPort> peers,
        Path dataDir,
        String storageEngine,
        String consensus,
        String transport,
        Map<String, Settings> modules) {

    public static final String NODE_ID = "node.id";
    public static final String NODE_LISTEN = "node.listen";
    public static final String CLUSTER_PEERS = "cluster.peers";
    public static final String DATA_DIR = "data.dir";
    public static final String STORAGE_ENGINE = "storage.engine";
    public static final String CONSENSUS = "consensus";
    public static final String TRANSPORT = "transport";

    /** Top-level keys; everything else must sit under one of {@link #MODULE_PREFIXES}. */
    public static final Set<String> KEYS =
            Set.of(NODE_ID, NODE_LISTEN, CLUSTER_PEERS, DATA_DIR, STORAGE_ENGINE, CONSENSUS, TRANSPORT);

    /** Prefixes whose keys belong to one module and are validated by it. */
    public static final Set<String> MODULE_PREFIXES =
            Set.of("btree", "lsm", "raft", "txn", "sql", "grpc", "local");

    private static final Pattern NODE_ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public NodeConfig {
        peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
        modules = Collections.unmodifiableMap(new TreeMap<>(modules));
    }

    /** The settings under {@code prefix}; empty when none were given. */
    public Settings settings(String prefix) {
        return modules.getOrDefault(prefix, Settings.empty(prefix));
    }

    /** Reads {@code file}, then applies overrides from {@code environment}. */
    public static NodeConfig load(Path file, Map<String, String> environment) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            values.put(name.trim(), props.getProperty(name).trim());
        }
        return fromMap(values, environment);
    }

    /**
     * Builds a configuration from keys and values, applying environment overrides: every
     * variable that starts with {@code MYNODE_} names a key.
     */
    public static NodeConfig fromMap(Map<String, String> values, Map<String, String> environment) {
        Map<String, String> all = new TreeMap<>(values);
        for (var e : environment.entrySet()) {
            if (e.getKey().startsWith("MYNODE_") && e.getKey().length() > "MYNODE_".length()) {
                String key = e.getKey().substring("MYNODE_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                all.put(key, e.getValue().trim());
            }
        }
        Map<String, Map<String, String>> byPrefix = new TreeMap<>();
        for (var e : all.entrySet()) {
            String key = e.getKey();
            if (KEYS.contains(key)) {
                continue;
            }
            int dot = key.indexOf('.');
            String prefix = dot < 0 ? key : key.substring(0, dot);
            if (dot < 0 || !MODULE_PREFIXES.contains(prefix)) {
                throw new ConfigException("unknown configuration key '" + key + "'; known keys: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ", and keys under "
                        + String.join(".*, ", new java.util.TreeSet<>(MODULE_PREFIXES)) + ".*");
            }
            byPrefix.computeIfAbsent(prefix, p -> new TreeMap<>()).put(key.substring(dot + 1), e.getValue());
        }
        String nodeId = all.get(NODE_ID);
        if (nodeId == null || nodeId.isEmpty()) {
            throw new ConfigException(NODE_ID + " is required (or set MYNODE_NODE_ID)");
        }
        if (!NODE_ID_PATTERN.matcher(nodeId).matches()) {
            throw new ConfigException(NODE_ID + ": '" + nodeId
                    + "' must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        Map<String, HostPort> peers = parsePeers(all.get(CLUSTER_PEERS));
        HostPort listen;
        if (all.containsKey(NODE_LISTEN)) {
            listen = HostPort.parse(all.get(NODE_LISTEN), NODE_LISTEN);
        } else if (peers.containsKey(nodeId)) {
            listen = peers.get(nodeId);
        } else {
            throw new ConfigException(NODE_LISTEN + " is required when " + CLUSTER_PEERS + " does not name " + nodeId);
        }
        if (peers.isEmpty()) {
            peers = Map.of(nodeId, listen);
        } else if (!peers.containsKey(nodeId)) {
            throw new ConfigException(CLUSTER_PEERS + " must include this node '" + nodeId + "'");
        }
        Map<String, Settings> modules = new TreeMap<>();
        byPrefix.forEach((prefix, kv) -> modules.put(prefix, new Settings(prefix, kv)));
        return new NodeConfig(
                nodeId,
                listen,
                peers,
                Path.of(all.getOrDefault(DATA_DIR, "data/" + nodeId)),
                nonEmpty(all, STORAGE_ENGINE, "btree"),
                nonEmpty(all, CONSENSUS, "raft"),
                nonEmpty(all, TRANSPORT, "grpc"),
                modules);
    }

    private static String nonEmpty(Map<String, String> all, String key, String defaultValue) {
        String v = all.getOrDefault(key, defaultValue);
        if (v.isEmpty()) {
            throw new ConfigException(key + " must not be empty");
        }
        return v;
    }

    /** Parses {@code id=host:port,id=host:port}; an empty or missing value is no peers. */
    static Map<String, HostPort> parsePeers(String text) {
        Map<String, HostPort> peers = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return peers;
        }
        for (String part : text.split(",")) {
            String item = part.trim();
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(CLUSTER_PEERS + ": expected id=host:port, got '" + item + "'");
            }
            String id = item.substring(0, eq).trim();
            if (!NODE_ID_PATTERN.matcher(id).matches()) {
                throw new ConfigException(CLUSTER_PEERS + ": '" + id + "' is not a valid node id");
            }
            if (peers.put(id, HostPort.parse(item.substring(eq + 1).trim(), CLUSTER_PEERS + " (" + id + ")")) != null) {
                throw new ConfigException(CLUSTER_PEERS + ": node '" + id + "' is listed twice");
            }
        }
        return peers;
    }
}
