package io.mynode.kernel.config;

import io.mynode.kernel.error.ConfigException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The keys of one module's prefix ({@code btree.cache.pages=1024} is {@code cache.pages} under
 * prefix {@code btree}). A provider reads what it knows with typed getters and calls
 * {@link #requireOnly} first so that a misspelt key is an error naming it, not silently ignored.
 */
public final class Settings {
    private final String prefix;
    private final Map<String, String> values;

    public Settings(String prefix, Map<String, String> values) {
        this.prefix = prefix;
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Settings with no keys, as a test or an embedded engine uses. */
    public static Settings empty(String prefix) {
        return new Settings(prefix, Map.of());
    }

    public String prefix() {
        return prefix;
    }

    /** Keys without the prefix, sorted. */
    public Map<String, String> values() {
        return values;
    }

    /** Fails naming the first key that is not in {@code known}. */
    public Settings requireOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new ConfigException("unknown configuration key '" + prefix + "." + key
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
        if (raw == null) {
            return defaultValue;
        }
        long v;
        try {
            v = parseSize(raw.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(prefix + "." + key + ": '" + raw + "' is not a number");
        }
        if (v < min || v > max) {
            throw new ConfigException(prefix + "." + key + ": " + v + " is outside " + min + ".." + max);
        }
        return v;
    }

    public int intValue(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    public boolean bool(String key, boolean defaultValue) {
        String raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(prefix + "." + key + ": '" + raw + "' is not true or false");
        };
    }

    /** Accepts plain numbers and binary size suffixes: {@code 64k}, {@code 16m}, {@code 1g}. */
    private static long parseSize(String raw) {
        if (raw.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        char last = Character.toLowerCase(raw.charAt(raw.length() - 1));
        long unit = switch (last) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? raw : raw.substring(0, raw.length() - 1);
        return Math.multiplyExact(Long.parseLong(digits), unit);
    }

    @Override
    public String toString() {
        return prefix + "." + values;
    }
}
