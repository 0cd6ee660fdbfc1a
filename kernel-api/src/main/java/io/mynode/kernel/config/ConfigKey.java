package io.mynode.kernel.config;

import io.mynode.kernel.error.ConfigException;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of {@code node.properties}: its name (under its owner's prefix), the type and range a
 * written value must have, the value used when none is written, and a one-line description for
 * {@code mynode-server --help-config}. Keys are made by the factory methods of
 * {@link ConfigKeys}, which also register them with their owner, and are read with
 * {@link Settings#get(ConfigKey)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type of the parsed value
 */
public final class ConfigKey<T> {

    /** Turns the written text of a key into its value; fails with a message that names the key. */
    @FunctionalInterface
    public interface Parser<T> {
        /**
         * Parses {@code raw} (already trimmed) written for the key named {@code qualifiedName}
         * ({@code btree.cache.pages}); a malformed or out-of-range value is a {@link ConfigException}
         * whose message starts with {@code qualifiedName}.
         */
        T parse(String qualifiedName, String raw);
    }

    private final String name;
    private final String type;
    private final Optional<T> defaultValue;
    private final String defaultText;
    private final String doc;
    private final Parser<T> parser;

    ConfigKey(String name, String type, Optional<T> defaultValue, String defaultText, String doc, Parser<T> parser) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = Objects.requireNonNull(defaultValue);
        this.defaultText = Objects.requireNonNull(defaultText);
        this.doc = Objects.requireNonNull(doc);
        this.parser = Objects.requireNonNull(parser);
    }

    /** The key under its owner's prefix: {@code cache.pages} for {@code btree.cache.pages}. */
    public String name() {
        return name;
    }

    /** What a value must look like, for people: {@code integer 16..16777216}, {@code boolean}. */
    public String type() {
        return type;
    }

    /**
     * The value when the file does not set the key; empty when the owner computes it at run time
     * (from the heap size, or from another key) and reads the key with
     * {@link Settings#get(ConfigKey, Object)}, or when the key is required.
     */
    public Optional<T> defaultValue() {
        return defaultValue;
    }

    /** The default as {@code --help-config} shows it: {@code 16k}, {@code 1/16 of the heap}. */
    public String defaultText() {
        return defaultText;
    }

    /** One line saying what the key changes. */
    public String doc() {
        return doc;
    }

    /** Parses a written value; the message of a failure names {@code qualifiedName}. */
    public T parse(String qualifiedName, String raw) {
        return parser.parse(qualifiedName, raw.trim());
    }

    /**
     * The same key with its default shown as {@code text} and computed by the owner at run time:
     * for defaults that depend on the heap or on another key (read with
     * {@link Settings#get(ConfigKey, Object)}).
     */
    ConfigKey<T> computedDefault(String text) {
        return new ConfigKey<>(name, type, Optional.empty(), text, doc, parser);
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- parsers shared by the factory methods of ConfigKeys ------------------------------------

    /** A whole number, with an optional binary suffix: {@code 64k}, {@code 16m}, {@code 1g}. */
    static long parseNumber(String qualifiedName, String raw, long min, long max) {
        long v;
        try {
            v = parseSize(raw);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(qualifiedName + ": '" + raw + "' is not a number");
        }
        if (v < min || v > max) {
            throw new ConfigException(qualifiedName + ": " + v + " is outside " + min + ".." + max);
        }
        return v;
    }

    static long parseSize(String raw) {
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

    static boolean parseBoolean(String qualifiedName, String raw) {
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException(qualifiedName + ": '" + raw + "' is not true or false");
        };
    }

    /** {@code 16384} as {@code 16k}, {@code 33554432} as {@code 32m}: how sizes are written. */
    static String sizeText(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + "g";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + "m";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return bytes / (1L << 10) + "k";
        }
        return Long.toString(bytes);
    }
}
