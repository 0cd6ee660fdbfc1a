package io.mynode.kernel.config;

import io.mynode.kernel.error.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every key a node knows: the kernel's own ({@link NodeConfig#KEYS}) and, under one prefix each,
 * those of every provider found ({@code btree.*} belongs to the storage engine named
 * {@code btree}). The kernel builds it from the providers on the module path
 * ({@code Kernel.configSchema()}); {@link NodeConfig#fromMap} checks a file against it.
 *
 * <p>A provider's prefix is its name, so there is nothing to keep in step: the engine chosen by
 * {@code storage.engine=lsm} reads {@code lsm.*}. Keys of a provider found but not chosen are
 * accepted (a file may tune both engines and switch with one line) and checked all the same.
 *
 * <p>Environment variables: {@code MYNODE_} followed by a key in upper case with dots as
 * underscores ({@code MYNODE_BTREE_CACHE_PAGES}) overrides that key. Only variables that name a
 * key do; others ({@code MYNODE_HOME}, a launcher's own) are ignored, except that one whose name
 * falls under a known prefix but matches no key there ({@code MYNODE_RAFT_TICK_MSS}) is refused
 * as the typo it most likely is.
 */
public final class ConfigSchema {
    /** The environment variables that may name keys start with this. */
    public static final String ENVIRONMENT_PREFIX = "MYNODE_";

    /**
     * One prefix's owner: a provider found.
     *
     * @param prefix the provider's name, the first part of its keys
     * @param role what the provider is, for {@code --help-config}: {@code storage engine (io.mynode.storage.btree)}
     * @param keys what it declared
     */
    public record Owner(String prefix, String role, ConfigKeys keys) {}

    private final Map<String, Owner> owners;
    private final Map<String, List<String>> choices;

    private ConfigSchema(Map<String, Owner> owners, Map<String, List<String>> choices) {
        this.owners = Collections.unmodifiableMap(owners);
        this.choices = Collections.unmodifiableMap(choices);
    }

    /**
     * The schema of the kernel's keys and {@code owners}'. Two owners of one prefix, or a prefix
     * that is the first part of a kernel key ({@code node}, {@code cluster}, ...), is a
     * {@link ConfigException}. {@code choices} lists, for a key that picks a provider
     * ({@code storage.engine}), the names found, for {@code --help-config}.
     */
    public static ConfigSchema of(List<Owner> owners, Map<String, List<String>> choices) {
        Set<String> reserved = kernelPrefixes();
        Map<String, Owner> byPrefix = new TreeMap<>();
        for (Owner owner : owners) {
            if (reserved.contains(owner.prefix())) {
                throw new ConfigException("provider " + owner.role() + " is named '" + owner.prefix()
                        + "', which is the kernel's prefix; rename the provider");
            }
            Owner previous = byPrefix.putIfAbsent(owner.prefix(), owner);
            if (previous != null) {
                throw new ConfigException("two providers own the configuration prefix '" + owner.prefix() + ".': "
                        + previous.role() + " and " + owner.role() + "; rename one");
            }
        }
        return new ConfigSchema(byPrefix, new TreeMap<>(choices));
    }

    /** The kernel's keys alone: a node that found no provider. */
    public static ConfigSchema kernelOnly() {
        return of(List.of(), Map.of());
    }

    /** The owners by prefix, sorted. */
    public Map<String, Owner> owners() {
        return owners;
    }

    /** The owner of {@code prefix}, if a provider of that name was found. */
    public Optional<Owner> owner(String prefix) {
        return Optional.ofNullable(owners.get(prefix));
    }

    /** Whether {@code key} ({@code btree.cache.pages}, {@code node.id}) is a key of this schema. */
    public boolean knows(String key) {
        if (NodeConfig.KEYS.find(key).isPresent()) {
            return true;
        }
        int dot = key.indexOf('.');
        return dot > 0 && owner(key.substring(0, dot)).flatMap(o -> o.keys().find(key.substring(dot + 1))).isPresent();
    }

    /** The environment variable that overrides {@code key}: {@code MYNODE_BTREE_CACHE_PAGES}. */
    public static String environmentVariable(String key) {
        return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * {@code file} with the overrides of {@code environment} applied: every {@code MYNODE_*}
     * variable that names a key of this schema replaces that key's value.
     */
    Map<String, String> withEnvironment(Map<String, String> file, Map<String, String> environment) {
        Map<String, String> all = new TreeMap<>(file);
        for (var e : new TreeMap<>(environment).entrySet()) {
            String variable = e.getKey();
            if (!variable.startsWith(ENVIRONMENT_PREFIX) || variable.length() == ENVIRONMENT_PREFIX.length()) {
                continue;
            }
            String key = variable.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            if (knows(key)) {
                all.put(key, e.getValue().trim());
                continue;
            }
            int dot = key.indexOf('.');
            String prefix = dot < 0 ? "" : key.substring(0, dot);
            if (dot > 0 && (owners.containsKey(prefix) || kernelPrefixes().contains(prefix))) {
                throw new ConfigException("environment variable " + variable + " names no configuration key ('" + key
                        + "' is not one); known keys under '" + prefix + ".': " + String.join(", ", knownUnder(prefix)));
            }
        }
        return all;
    }

    /**
     * Checks every key of {@code values} other than the kernel's and groups them by owner:
     * a key under no known prefix, or unknown to its owner, is a {@link ConfigException} naming
     * it and what is known; every value is parsed. Owners with nothing written get empty settings.
     */
    Map<String, Settings> moduleSettings(Map<String, String> values) {
        Map<String, Map<String, String>> byPrefix = new TreeMap<>();
        for (var e : values.entrySet()) {
            String key = e.getKey();
            if (NodeConfig.KEYS.find(key).isPresent()) {
                continue;
            }
            int dot = key.indexOf('.');
            String prefix = dot < 0 ? key : key.substring(0, dot);
            if (dot < 0 || !owners.containsKey(prefix)) {
                throw new ConfigException("unknown configuration key '" + key + "'"
                        + (kernelPrefixes().contains(prefix) ? "; known keys under '" + prefix + ".': "
                                + String.join(", ", knownUnder(prefix)) : "")
                        + "; known: " + String.join(", ", NodeConfig.KEYS.names())
                        + (owners.isEmpty() ? "" : ", and keys under " + String.join(".*, ", owners.keySet()) + ".*")
                        + " (mynode-server --help-config lists them)");
            }
            byPrefix.computeIfAbsent(prefix, p -> new TreeMap<>()).put(key.substring(dot + 1), e.getValue());
        }
        Map<String, Settings> settings = new TreeMap<>();
        owners.forEach((prefix, owner) ->
                settings.put(prefix, owner.keys().settings(prefix, byPrefix.getOrDefault(prefix, Map.of()))));
        return settings;
    }

    private List<String> knownUnder(String prefix) {
        List<String> names = new ArrayList<>();
        for (String k : NodeConfig.KEYS.names()) {
            if (k.startsWith(prefix + ".")) {
                names.add(k);
            }
        }
        owner(prefix).ifPresent(o -> o.keys().names().forEach(n -> names.add(prefix + "." + n)));
        return names.isEmpty() ? List.of("none") : names;
    }

    /** {@code node}, {@code cluster}, {@code data}, ...: the first parts of the kernel's keys, which no provider may own. */
    static Set<String> kernelPrefixes() {
        Set<String> prefixes = new TreeSet<>();
        for (String key : NodeConfig.KEYS.names()) {
            int dot = key.indexOf('.');
            prefixes.add(dot < 0 ? key : key.substring(0, dot));
        }
        return prefixes;
    }

    /** Every key with its default, type and description, as {@code mynode-server --help-config} prints it. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("Keys of node.properties. An environment variable MYNODE_<KEY> (the key in upper case,\n")
                .append("'.' written as '_', e.g. MYNODE_NODE_ID) overrides a key; other MYNODE_* variables are ignored.\n")
                .append("Sizes take k, m and g suffixes. A key nobody declares stops the node.\n");
        section(out, "the kernel", "", NodeConfig.KEYS);
        owners.values().forEach(o -> section(out, o.prefix() + ".*: " + o.role(), o.prefix(), o.keys()));
        return out.toString();
    }

    private void section(StringBuilder out, String title, String prefix, ConfigKeys keys) {
        out.append('\n').append(title).append('\n');
        if (keys.list().isEmpty()) {
            out.append("  (no keys)\n");
        }
        Map<String, ConfigKey<?>> ordered = new LinkedHashMap<>();
        keys.list().forEach(k -> ordered.put(Settings.qualify(prefix, k.name()), k));
        ordered.forEach((name, key) -> {
            out.append("  ").append(name).append(" = ").append(key.defaultText())
                    .append("   (").append(key.type()).append(")\n");
            out.append("      ").append(key.doc());
            List<String> found = choices.get(name);
            if (found != null) {
                out.append(" (found: ").append(found.isEmpty() ? "none" : String.join(", ", found)).append(')');
            }
            out.append('\n');
        });
    }
}
