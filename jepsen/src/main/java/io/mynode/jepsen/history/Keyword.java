package io.mynode.jepsen.history;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An EDN keyword such as {@code :invoke} or {@code :valid?}. Interned, so keywords compare with
 * {@code ==} as well as {@code equals}; the name is kept without the leading colon.
 */
public final class Keyword implements Comparable<Keyword> {
    private static final ConcurrentHashMap<String, Keyword> INTERNED = new ConcurrentHashMap<>();

    private final String name;

    private Keyword(String name) {
        this.name = name;
    }

    /** The keyword named {@code name} (without the colon). */
    public static Keyword of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.startsWith(":")) {
            throw new IllegalArgumentException("keyword name must be non-empty and without ':' prefix: " + name);
        }
        return INTERNED.computeIfAbsent(name, Keyword::new);
    }

    public String name() {
        return name;
    }

    @Override
    public int compareTo(Keyword other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return ":" + name;
    }
}
