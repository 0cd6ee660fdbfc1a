package io.mynode.kernel.boot;

import io.mynode.kernel.NamedProvider;
import io.mynode.kernel.Providers;
import io.mynode.kernel.config.ConfigSchema;
import io.mynode.kernel.config.NodeConfig;
import io.mynode.kernel.consensus.ConsensusProvider;
import io.mynode.kernel.sql.SqlFrontendProvider;
import io.mynode.kernel.storage.StorageEngineProvider;
import io.mynode.kernel.transport.TransportProvider;
import io.mynode.kernel.txn.TransactionEngineProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The plugins a node can use: every provider of every kernel service that {@link
 * java.util.ServiceLoader} finds on the module path (or, in tests, the class path). Everything
 * that lists plugins is derived from here, so a new plugin module is found without an edit
 * anywhere else: configuration ({@link #configSchema}), {@code --help-config}, the launchers'
 * {@code --engine} choices.
 */
public final class Plugins {

    /**
     * A kernel service a plugin may provide.
     *
     * @param type the provider interface
     * @param role what its providers are, for people
     * @param selectedBy the key that picks one provider by name, if any ({@code storage.engine})
     */
    public record Service(Class<? extends NamedProvider> type, String role, Optional<String> selectedBy) {}

    /** One provider found: its service and the provider itself. */
    public record Found(Service service, NamedProvider provider) {
        /** The provider's name, which is also its configuration prefix. */
        public String name() {
            return provider.name();
        }

        /** {@code storage engine 'btree' (io.mynode.storage.btree)}: what it is and where it comes from. */
        public String description() {
            Module module = provider.getClass().getModule();
            String origin = module.isNamed() ? module.getName() : provider.getClass().getName();
            return service.role() + " '" + name() + "' (" + origin + ")";
        }
    }

    /**
     * Every kernel service, in boot order. A new kind of plugin (a second client frontend,
     * say) is one entry here plus its provider interface.
     */
    public static final List<Service> SERVICES = List.of(
            new Service(StorageEngineProvider.class, "storage engine", Optional.of(NodeConfig.STORAGE_ENGINE)),
            new Service(TransactionEngineProvider.class, "transactions", Optional.empty()),
            new Service(TransportProvider.class, "transport", Optional.of(NodeConfig.TRANSPORT)),
            new Service(ConsensusProvider.class, "consensus", Optional.of(NodeConfig.CONSENSUS)),
            new Service(SqlFrontendProvider.class, "SQL frontend", Optional.empty()));

    private Plugins() {}

    /** Every provider of every service, in service order then by name. Fails if two of one service share a name. */
    public static List<Found> found() {
        List<Found> all = new ArrayList<>();
        for (Service service : SERVICES) {
            Providers.all(service.type()).values().forEach(p -> all.add(new Found(service, p)));
        }
        return all;
    }

    /** The names of the providers of {@code type} found, sorted: the values its selecting key accepts. */
    public static List<String> names(Class<? extends NamedProvider> type) {
        return List.copyOf(Providers.all(type).keySet());
    }

    /**
     * The keys a node accepts: the kernel's, and under each provider's name the keys it declares.
     * Two providers with one name (of different services) are refused, since their keys would mix.
     */
    public static ConfigSchema configSchema() {
        List<ConfigSchema.Owner> owners = new ArrayList<>();
        Map<String, List<String>> choices = new TreeMap<>();
        for (Found f : found()) {
            owners.add(new ConfigSchema.Owner(f.name(), f.description(), f.provider().configKeys()));
        }
        for (Service s : SERVICES) {
            s.selectedBy().ifPresent(key -> choices.put(key, names(s.type())));
        }
        return ConfigSchema.of(owners, choices);
    }
}
