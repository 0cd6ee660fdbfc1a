package io.mynode.kernel.config;

import io.mynode.kernel.error.ConfigException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The values written for one owner's keys ({@code btree.cache.pages=1024} is {@code cache.pages}
 * under prefix {@code btree}), as the kernel hands them to the provider in its context. Read them
 * with {@link #get(ConfigKey)}: the value written, parsed, or the key's default.
 *
 * <p>Settings the kernel builds ({@link ConfigKeys#settings}) are checked: every key is one the
 * owner declared and every value parses, so a provider never sees a typo. Settings made with the
 * public constructor (in tests) are checked only as each key is read.
 */
public final class Settings {
    private final String prefix;
    private final Map<String, String> values;
    private final ConfigKeys declared;

    /** Unchecked settings, as a test or an embedded engine makes them: each value is checked when read. */
    public Settings(String prefix, Map<String, String> values) {
        this(prefix, values, null);
    }

    Settings(String prefix, Map<String, String> values, ConfigKeys declared) {
        this.prefix = prefix;
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.declared = declared;
    }

    /** Settings with no keys, as a test or an embedded engine uses. */
    public static Settings empty(String prefix) {
        return new Settings(prefix, Map.of());
    }

    public String prefix() {
        return prefix;
    }

    /** Keys without the prefix, sorted, with their values as written. */
    public Map<String, String> values() {
        return values;
    }

    /** The key as a file writes it: {@code btree.cache.pages}. */
    public String qualified(ConfigKey<?> key) {
        return qualify(prefix, key.name());
    }

    static String qualify(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** The value written for {@code key}, parsed; empty when the file does not set it. */
    public <T> Optional<T> find(ConfigKey<T> key) {
        if (declared != null && declared.find(key.name()).orElse(null) != key) {
            throw new IllegalStateException(qualified(key) + " is not a key the owner of '" + prefix
                    + ".' declared; declare it in its ConfigKeys");
        }
        String raw = values.get(key.name());
        return raw == null ? Optional.empty() : Optional.of(key.parse(qualified(key), raw));
    }

    /** The value written for {@code key}, or its default. The key must have a fixed default. */
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseGet(() -> key.defaultValue().orElseThrow(() -> new IllegalStateException(
                qualified(key) + " has no fixed default; read it with get(key, computedDefault)")));
    }

    /** The value written for {@code key}, or {@code computedDefault} (for keys whose default is computed). */
    public <T> T get(ConfigKey<T> key, T computedDefault) {
        return find(key).orElse(computedDefault);
    }

    // ---- untyped reads, from before keys were declared; prefer get(ConfigKey) ------------------

    /**
     * Fails naming the first key that is not in {@code known}. The kernel already refuses keys
     * a provider did not declare, so declared providers need not call this.
     */
    public Settings requireOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new ConfigException("unknown configuration key '" + qualify(prefix, key)
                        + "'; known keys under '" + prefix + ".': "
                        + (known.length == 0 ? "none" : String.join(", ", new TreeSet<>(allowed))));
            }
        }
        return this;
    }

    public String string(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        String raw = values.get(key);
        return raw == null ? defaultValue : ConfigKey.parseNumber(qualify(prefix, key), raw.trim(), min, max);
    }

    public int intValue(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    public boolean bool(String key, boolean defaultValue) {
        String raw = values.get(key);
        return raw == null ? defaultValue : ConfigKey.parseBoolean(qualify(prefix, key), raw.trim());
    }

    @Override
    public String toString() {
        return prefix + "." + values;
    }
}
