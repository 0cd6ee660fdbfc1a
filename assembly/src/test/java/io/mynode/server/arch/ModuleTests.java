package io.mynode.server.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks every mynode module's {@code module-info.class} (as compiled into its jar) and its source
 * tree: names, exports, services, and the documentation every package owes its reader.
 */
class ModuleTests {
    /** Module directory by JPMS module name (DESIGN.md §2). */
    static final Map<String, String> MODULES = Map.of(
            "io.mynode.kernel", "kernel-api",
            "io.mynode.storage.btree", "btree-engine",
            "io.mynode.storage.lsm", "lsm-engine",
            "io.mynode.txn", "txn-module",
            "io.mynode.raft", "raft-module",
            "io.mynode.sql", "sql-module",
            "io.mynode.transport.grpc", "grpc-transport",
            "io.mynode.repl", "repl",
            "io.mynode.jepsen", "jepsen",
            "io.mynode.server", "assembly");

    static final Set<String> PLUGINS = Set.of(
            "io.mynode.storage.btree", "io.mynode.storage.lsm", "io.mynode.txn",
            "io.mynode.raft", "io.mynode.sql", "io.mynode.transport.grpc");

    /** Compiled descriptor and the class-path root it was found in, by module name. */
    static final Map<String, ModuleDescriptor> descriptors = new TreeMap<>();
    static final Map<String, Path> roots = new TreeMap<>();
    static final List<FileSystem> jars = new ArrayList<>();

    @BeforeAll
    static void findModules() throws IOException {
        var urls = Collections.list(ModuleTests.class.getClassLoader().getResources("module-info.class"));
        for (URL url : urls) {
            ModuleDescriptor descriptor;
            try (InputStream in = url.openStream()) {
                descriptor = ModuleDescriptor.read(in);
            }
            if (!descriptor.name().startsWith("io.mynode.")) {
                continue;
            }
            descriptors.put(descriptor.name(), descriptor);
            roots.put(descriptor.name(), rootOf(url));
        }
    }

    private static Path rootOf(URL moduleInfo) throws IOException {
        String s = moduleInfo.toString();
        if (s.startsWith("jar:")) {
            URI jar = URI.create(s.substring(0, s.indexOf("!/") + 2));
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(jar, Map.of());
                jars.add(fs);
            } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(jar);
            }
            return fs.getPath("/");
        }
        return Path.of(URI.create(s)).getParent();
    }

    @Test
    void everyModuleOfTheDesignIsBuilt() {
        TreeSet<String> expected = new TreeSet<>(MODULES.keySet());
        expected.remove("io.mynode.server"); // assembly is the module running this test, as test classes
        assertTrue(descriptors.keySet().containsAll(expected), "found " + descriptors.keySet());
    }

    @Test
    void everyPackageStartsWithItsModuleName() {
        descriptors.forEach((name, d) -> d.packages().forEach(p ->
                assertTrue(p.equals(name) || p.startsWith(name + "."), name + " holds foreign package " + p)));
    }

    @Test
    void pluginsExportNothingAndOnlyProvide() {
        for (String plugin : PLUGINS) {
            ModuleDescriptor d = descriptors.get(plugin);
            assertTrue(d.exports().isEmpty(), plugin + " exports " + d.exports());
        }
    }

    @Test
    void providesMatchesMetaInfServices() {
        descriptors.forEach((name, d) -> {
            Map<String, Set<String>> declared = new TreeMap<>();
            d.provides().forEach(p -> declared.put(p.service(), new TreeSet<>(p.providers())));
            Map<String, Set<String>> listed = new TreeMap<>();
            Path services = roots.get(name).resolve("META-INF/services");
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

    /** The repository root, found from this module's working directory. */
    static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("kernel-api")) ? here : here.getParent();
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String dir : MODULES.values()) {
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
        for (String dir : MODULES.values()) {
            Path info = repository().resolve(dir).resolve("src/main/java/module-info.java");
            String text = Files.readString(info);
            assertTrue(text.strip().startsWith("/**"), dir + "/module-info.java needs a Javadoc paragraph");
        }
    }

    private static final Pattern BARE_DISABLED = Pattern.compile("(?m)^\\s*@Disabled\\b(?!\\s*\\(\\s*\"[^\"])");

    @Test
    void aDisabledTestSaysWhy() throws IOException {
        List<String> bare = new ArrayList<>();
        for (String dir : MODULES.values()) {
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
