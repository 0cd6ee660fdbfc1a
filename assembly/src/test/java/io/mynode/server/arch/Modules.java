package io.mynode.server.arch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * mynode's modules, derived rather than listed: every directory of the repository that holds a
 * {@code src/main/java/module-info.java}, with the descriptor compiled from it as found on this
 * class path. A module's kind follows from its descriptor: one that provides a kernel service is
 * a plugin, the kernel and the server are themselves, anything else (the REPL, Jepsen, a driver,
 * test support) is a client. So a new module is checked by every rule the day it is built, and one
 * missing from this class path fails {@code ModuleTests} instead of going unchecked.
 */
final class Modules {
    static final String KERNEL = "io.mynode.kernel";
    static final String SERVER = "io.mynode.server";

    enum Kind { KERNEL, PLUGIN, CLIENT, SERVER }

    /**
     * One module.
     *
     * @param name its JPMS name, which is also its root package
     * @param directory its directory in the repository
     * @param descriptor the compiled descriptor, if this class path holds it
     * @param root where its classes were found (a jar or a directory), if they were
     */
    record Module(String name, String directory, Optional<ModuleDescriptor> descriptor, Optional<Path> root) {
        Kind kind() {
            if (name.equals(KERNEL)) {
                return Kind.KERNEL;
            }
            if (name.equals(SERVER)) {
                return Kind.SERVER;
            }
            boolean providesKernelService = descriptor.stream().flatMap(d -> d.provides().stream())
                    .anyMatch(p -> p.service().startsWith(KERNEL + "."));
            return providesKernelService ? Kind.PLUGIN : Kind.CLIENT;
        }

        /** Its classes as an ArchUnit package pattern: {@code io.mynode.txn..}. */
        String packages() {
            return name + "..";
        }
    }

    private static final Pattern MODULE_DECLARATION = Pattern.compile("(?m)^\\s*(?:open\\s+)?module\\s+([\\w.]+)\\s*\\{");

    /** Every module of the repository, by name. */
    static final Map<String, Module> ALL = load();

    private Modules() {}

    /** The modules of {@code kind}, by name. */
    static List<Module> of(Kind kind) {
        return ALL.values().stream().filter(m -> m.kind() == kind).toList();
    }

    /** Package patterns of every module but {@code module}. */
    static String[] allBut(Module module) {
        return ALL.values().stream().filter(m -> !m.equals(module)).map(Module::packages).toArray(String[]::new);
    }

    /** The repository root, found from this module's working directory. */
    static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("kernel-api")) ? here : here.getParent();
    }

    private static Map<String, Module> load() {
        Map<String, ModuleDescriptor> descriptors = new TreeMap<>();
        Map<String, Path> roots = new TreeMap<>();
        try {
            for (URL url : Collections.list(Modules.class.getClassLoader().getResources("module-info.class"))) {
                ModuleDescriptor d;
                try (InputStream in = url.openStream()) {
                    d = ModuleDescriptor.read(in);
                }
                if (d.name().startsWith("io.mynode.")) {
                    descriptors.put(d.name(), d);
                    roots.put(d.name(), rootOf(url));
                }
            }
            Map<String, Module> modules = new TreeMap<>();
            try (Stream<Path> dirs = Files.list(repository())) {
                for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                    Path info = dir.resolve("src/main/java/module-info.java");
                    if (!Files.isRegularFile(info)) {
                        continue;
                    }
                    Matcher m = MODULE_DECLARATION.matcher(Files.readString(info));
                    if (!m.find()) {
                        throw new IllegalStateException(info + " declares no module");
                    }
                    String name = m.group(1);
                    modules.put(name, new Module(name, dir.getFileName().toString(),
                            Optional.ofNullable(descriptors.get(name)), Optional.ofNullable(roots.get(name))));
                }
            }
            return Collections.unmodifiableMap(modules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path rootOf(URL moduleInfo) throws IOException {
        String s = moduleInfo.toString();
        if (s.startsWith("jar:")) {
            URI jar = URI.create(s.substring(0, s.indexOf("!/") + 2));
            FileSystem fs;
            try {
                fs = FileSystems.newFileSystem(jar, Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(jar);
            }
            return fs.getPath("/");
        }
        return Path.of(URI.create(s)).getParent();
    }
}
