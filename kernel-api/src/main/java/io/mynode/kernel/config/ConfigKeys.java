package io.mynode.kernel.config;

import io.mynode.kernel.error.ConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The keys one owner (a provider, or the kernel itself) reads from {@code node.properties},
 * declared in one place. Each factory method makes a {@link ConfigKey} and registers it here, so
 * a new key is one line in the owning module:
 *
 * <pre>
 *   static final ConfigKeys KEYS = new ConfigKeys();
 *   static final ConfigKey&lt;Integer&gt; CACHE_PAGES =
 *           KEYS.integer("cache.pages", 8192, 16, 1 &lt;&lt; 24, "leaves the page cache holds");
 *
 *   public ConfigKeys configKeys() { return KEYS; }          // in the provider
 *   int pages = context.settings().get(CACHE_PAGES);          // where it is read
 * </pre>
 *
 * <p>The kernel then refuses a file that misspells the key, checks its value's type and range
 * before anything starts, lets {@code MYNODE_BTREE_CACHE_PAGES} override it, and lists it with
 * its default and description in {@code mynode-server --help-config}. Declare {@code KEYS}
 * above the keys: static fields initialise in order.
 *
 * <p>Keys are declared while a class initialises and only read afterwards; a declaration is not
 * meant to change at run time. Names are lower case words and digits joined by dots.
 */
public final class ConfigKeys {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9]+)*");

    private static final ConfigKeys NONE = new ConfigKeys(true);

    private final Map<String, ConfigKey<?>> keys = Collections.synchronizedMap(new LinkedHashMap<>());
    private final boolean frozen;

    /** An owner with no keys yet; declare them with the factory methods. */
    public ConfigKeys() {
        this(false);
    }

    private ConfigKeys(boolean frozen) {
        this.frozen = frozen;
    }

    /** The declaration of an owner without keys; declaring one on it is refused. */
    public static ConfigKeys none() {
        return NONE;
    }

    /** Every key, in the order declared (the order {@code --help-config} lists them). */
    public List<ConfigKey<?>> list() {
        synchronized (keys) {
            return List.copyOf(keys.values());
        }
    }

    /** The key named {@code name} (without prefix), if declared. */
    public Optional<ConfigKey<?>> find(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /** The declared names, sorted. */
    public Set<String> names() {
        synchronized (keys) {
            return Collections.unmodifiableSet(new TreeSet<>(keys.keySet()));
        }
    }

    /**
     * Checked settings for the owner whose prefix is {@code prefix}: a key not declared here is
     * a {@link ConfigException} listing the known ones, and every value is parsed now, so a
     * malformed one fails before anything starts.
     */
    public Settings settings(String prefix, Map<String, String> values) {
        for (var e : values.entrySet()) {
            ConfigKey<?> key = keys.get(e.getKey());
            String qualified = Settings.qualify(prefix, e.getKey());
            if (key == null) {
                throw new ConfigException("unknown configuration key '" + qualified + "'; known keys under '"
                        + prefix + ".': " + (keys.isEmpty() ? "none" : String.join(", ", names())));
            }
            key.parse(qualified, e.getValue());
        }
        return new Settings(prefix, values, this);
    }

    // ---- factories: each makes a key and registers it -------------------------------------------

    /** A whole number in {@code min..max}; {@code 64k}-style suffixes are accepted. */
    public ConfigKey<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
        check(defaultValue, min, max, name);
        return add(new ConfigKey<>(name, "integer " + min + ".." + max, Optional.of(defaultValue),
                Integer.toString(defaultValue), doc, (q, raw) -> (int) ConfigKey.parseNumber(q, raw, min, max)));
    }

    /** A whole number whose default the owner computes ({@link Settings#get(ConfigKey, Object)}). */
    public ConfigKey<Integer> computedInteger(String name, String defaultText, int min, int max, String doc) {
        return add(new ConfigKey<>(name, "integer " + min + ".." + max, Optional.<Integer>empty(), defaultText, doc,
                (q, raw) -> (int) ConfigKey.parseNumber(q, raw, min, max)));
    }

    /** A 64-bit whole number in {@code min..max} (milliseconds, counts); suffixes are accepted. */
    public ConfigKey<Long> number(String name, long defaultValue, long min, long max, String doc) {
        check(defaultValue, min, max, name);
        return add(new ConfigKey<>(name, "integer " + min + ".." + max, Optional.of(defaultValue),
                Long.toString(defaultValue), doc, (q, raw) -> ConfigKey.parseNumber(q, raw, min, max)));
    }

    /** A size in bytes: {@code 4096}, {@code 64k}, {@code 16m}, {@code 1g}. */
    public ConfigKey<Long> size(String name, long defaultValue, long min, long max, String doc) {
        check(defaultValue, min, max, name);
        return add(new ConfigKey<>(name, sizeType(min, max), Optional.of(defaultValue), ConfigKey.sizeText(defaultValue),
                doc, (q, raw) -> ConfigKey.parseNumber(q, raw, min, max)));
    }

    /** A size in bytes whose default the owner computes (a share of the heap, say). */
    public ConfigKey<Long> computedSize(String name, String defaultText, long min, long max, String doc) {
        return add(new ConfigKey<>(name, sizeType(min, max), Optional.<Long>empty(), defaultText, doc,
                (q, raw) -> ConfigKey.parseNumber(q, raw, min, max)));
    }

    /** {@code true}/{@code false} ({@code yes}/{@code no}, {@code on}/{@code off} also read). */
    public ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
        return add(new ConfigKey<>(name, "boolean", Optional.of(defaultValue), Boolean.toString(defaultValue), doc,
                ConfigKey::parseBoolean));
    }

    /** Free text; an empty {@code defaultValue} shows as {@code (none)}. */
    public ConfigKey<String> string(String name, String defaultValue, String doc) {
        return add(new ConfigKey<>(name, "string", Optional.of(defaultValue),
                defaultValue.isEmpty() ? "(none)" : defaultValue, doc, (q, raw) -> raw));
    }

    /** One of {@code choices}, written exactly. */
    public ConfigKey<String> choice(String name, String defaultValue, List<String> choices, String doc) {
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException(name + ": default '" + defaultValue + "' is not one of " + choices);
        }
        List<String> allowed = List.copyOf(choices);
        return add(new ConfigKey<>(name, String.join(" | ", allowed), Optional.of(defaultValue), defaultValue, doc,
                (q, raw) -> {
                    if (!allowed.contains(raw)) {
                        throw new ConfigException(q + ": '" + raw + "' is not one of " + String.join(", ", allowed));
                    }
                    return raw;
                }));
    }

    /** A {@code host:port} address, unset unless written (a listener that is off by default). */
    public ConfigKey<Optional<HostPort>> address(String name, String doc) {
        return add(new ConfigKey<>(name, "host:port", Optional.of(Optional.<HostPort>empty()), "(none)", doc,
                (q, raw) -> raw.isEmpty() ? Optional.<HostPort>empty() : Optional.of(HostPort.parse(raw, q))));
    }

    /**
     * Any other type: {@code type} says what a value looks like, {@code defaultValue} is empty
     * for a required key or one whose default is computed, {@code defaultText} shows it.
     */
    public <T> ConfigKey<T> key(String name, String type, Optional<T> defaultValue, String defaultText, String doc,
            ConfigKey.Parser<T> parser) {
        return add(new ConfigKey<>(name, type, defaultValue, defaultText, doc, parser));
    }

    private <T> ConfigKey<T> add(ConfigKey<T> key) {
        if (frozen) {
            throw new UnsupportedOperationException("ConfigKeys.none() takes no keys; declare a ConfigKeys of your own");
        }
        if (!NAME.matcher(key.name()).matches()) {
            throw new IllegalArgumentException("configuration key '" + key.name()
                    + "' must be lower-case words and digits joined by dots");
        }
        if (key.doc().isBlank()) {
            throw new IllegalArgumentException("configuration key '" + key.name() + "' needs a one-line description");
        }
        if (keys.putIfAbsent(key.name(), key) != null) {
            throw new IllegalArgumentException("configuration key '" + key.name() + "' is declared twice");
        }
        return key;
    }

    private static void check(long value, long min, long max, String name) {
        if (min > max || value < min || value > max) {
            throw new IllegalArgumentException(name + ": default " + value + " is outside " + min + ".." + max);
        }
    }

    private static String sizeType(long min, long max) {
        return "size " + ConfigKey.sizeText(min) + ".." + ConfigKey.sizeText(max);
    }
}
