package io.mynode.server.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks every mynode module's {@code module-info.class} (as compiled into its jar) and its source
 * tree: names, exports, services, and the documentation every package owes its reader. The
 * modules are those of the repository ({@link Modules}), not a list kept here.
 */
class ModuleTests {
    @Test
    void everyModuleOfTheRepositoryIsOnThisClassPath() {
        List<String> missing = new ArrayList<>();
        Modules.ALL.values().stream().filter(m -> m.descriptor().isEmpty()).forEach(m -> missing.add(m.name() + " ("
                + m.directory() + "/): add the directory to the root pom's <modules> and to assembly/pom.xml's "
                + "dependencies (scope runtime to ship it in lib/, test to have it checked only)"));
        assertEquals(List.of(), missing, "modules the architecture tests cannot see");
        assertTrue(Modules.ALL.keySet().containsAll(List.of(Modules.KERNEL, Modules.SERVER, "io.mynode.storage.btree",
                "io.mynode.raft", "io.mynode.repl")), "found " + Modules.ALL.keySet());
    }

    @Test
    void everyModuleIsNamedForItsRootPackageAndEveryCompiledOneIsInTheRepository() {
        descriptors().forEach((name, d) -> assertTrue(Modules.ALL.containsKey(name),
                name + " is on the class path but no directory of the repository declares it"));
    }

    static Map<String, ModuleDescriptor> descriptors() {
        Map<String, ModuleDescriptor> all = new TreeMap<>();
        Modules.ALL.values().forEach(m -> m.descriptor().ifPresent(d -> all.put(m.name(), d)));
        return all;
    }

    @Test
    void everyPackageStartsWithItsModuleName() {
        descriptors().forEach((name, d) -> d.packages().forEach(p ->
                assertTrue(p.equals(name) || p.startsWith(name + "."), name + " holds foreign package " + p)));
    }

    @Test
    void pluginsExportNothingAndOnlyProvide() {
        List<Modules.Module> plugins = Modules.of(Modules.Kind.PLUGIN);
        assertTrue(plugins.size() >= 6, "plugins found: " + plugins);
        for (Modules.Module plugin : plugins) {
            ModuleDescriptor d = plugin.descriptor().orElseThrow();
            assertTrue(d.exports().isEmpty(), plugin.name() + " exports " + d.exports());
        }
    }

    @Test
    void providesMatchesMetaInfServices() {
        descriptors().forEach((name, d) -> {
            Map<String, Set<String>> declared = new TreeMap<>();
            d.provides().forEach(p -> declared.put(p.service(), new TreeSet<>(p.providers())));
            Map<String, Set<String>> listed = new TreeMap<>();
            Path services = Modules.ALL.get(name).root().orElseThrow().resolve("META-INF/services");
            if (Files.isDirectory(services)) {
                try (Stream<Path> files = Files.list(services)) {
                    for (Path f : files.toList()) {
                        Set<String> impls = new TreeSet<>();
                        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                            String l = line.replaceAll("#.*", "").trim();
                            if (!l.isEmpty()) {
                                impls.add(l);
                            }
                        }
                        listed.put(f.getFileName().toString(), impls);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            assertEquals(declared, listed, name + ": module-info provides vs META-INF/services");
        });
    }

    static Path repository() {
        return Modules.repository();
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String dir : Modules.ALL.values().stream().map(Modules.Module::directory).toList()) {
            Path src = repository().resolve(dir).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path d : walk.filter(Files::isDirectory).toList()) {
                    boolean hasJava;
                    try (Stream<Path> files = Files.list(d)) {
                        hasJava = files.anyMatch(f -> f.toString().endsWith(".java")
                                && !f.getFileName().toString().equals("module-info.java"));
                    }
                    if (hasJava && !Files.exists(d.resolve("package-info.java"))) {
                        missing.add(repository().relativize(d).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "packages without package-info.java");
    }

    @Test
    void everyModuleInfoIsDocumented() throws IOException {
        for (String dir : Modules.ALL.values().stream().map(Modules.Module::directory).toList()) {
            Path info = repository().resolve(dir).resolve("src/main/java/module-info.java");
            String text = Files.readString(info);
            assertTrue(text.strip().startsWith("/**"), dir + "/module-info.java needs a Javadoc paragraph");
        }
    }

    private static final Pattern BARE_DISABLED = Pattern.compile("(?m)^\\s*@Disabled\\b(?!\\s*\\(\\s*\"[^\"])");

    @Test
    void aDisabledTestSaysWhy() throws IOException {
        List<String> bare = new ArrayList<>();
        for (String dir : Modules.ALL.values().stream().map(Modules.Module::directory).toList()) {
            Path src = repository().resolve(dir).resolve("src/test/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    if (BARE_DISABLED.matcher(text).find()) {
                        bare.add(repository().relativize(f).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), bare, "@Disabled without a reason");
    }
}
