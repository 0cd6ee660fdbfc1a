package io.mynode.kernel;

import io.mynode.kernel.error.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds providers with {@link ServiceLoader}: on the module path through {@code provides} in
 * each {@code module-info.java}, on the class path through {@code META-INF/services}. Choosing is
 * by {@link NamedProvider#name()}; two providers with one name are refused, since which of them
 * would run is up to class-path order.
 */
public final class Providers {
    private Providers() {}

    /** Every provider of {@code service}, by name; fails if two share a name. */
    public static <P extends NamedProvider> TreeMap<String, P> all(Class<P> service) {
        TreeMap<String, P> byName = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        for (P provider : ServiceLoader.load(service, Providers.class.getClassLoader())) {
            P previous = byName.put(provider.name(), provider);
            if (previous != null && previous.getClass() != provider.getClass()) {
                duplicates.add(provider.name() + " (" + previous.getClass().getName() + " and "
                        + provider.getClass().getName() + ")");
            }
        }
        if (!duplicates.isEmpty()) {
            throw new ConfigException("more than one " + service.getSimpleName() + " is named "
                    + String.join(", ", duplicates));
        }
        return byName;
    }

    /** The provider of {@code service} named {@code name}; an unknown name lists those found. */
    public static <P extends NamedProvider> P select(Class<P> service, String name) {
        TreeMap<String, P> byName = all(service);
        P provider = byName.get(name);
        if (provider == null) {
            throw new ConfigException("no " + service.getSimpleName() + " named '" + name + "'; found: "
                    + (byName.isEmpty() ? "none" : String.join(", ", new TreeSet<>(byName.keySet()))));
        }
        return provider;
    }
}
