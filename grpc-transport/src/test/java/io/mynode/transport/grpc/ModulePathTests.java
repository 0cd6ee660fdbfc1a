package io.mynode.transport.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The node's launcher runs everything on the module path ({@code --add-modules ALL-MODULE-PATH});
 * tests run on the class path. This checks the module path once, in a child JVM: the gRPC and
 * protobuf jars resolve as modules without split packages, the transport is found through the
 * kernel's ServiceLoader, and a client and two peers work, with no JVM warning given the one flag
 * the launcher must pass ({@code --enable-native-access=io.grpc.netty.shaded}).
 */
class ModulePathTests {

    /**
     * This module's runtime: its classes and its runtime dependencies, as Maven resolved them
     * into {@code target/runtime-classpath.txt} (kernel-api among them).
     */
    static List<Path> runtimeModulePath() throws IOException {
        Path target = Path.of("target");
        List<Path> path = new ArrayList<>();
        path.add(target.resolve("classes").toAbsolutePath());
        for (String entry : Files.readString(target.resolve("runtime-classpath.txt")).trim().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                path.add(Path.of(entry));
            }
        }
        return path;
    }

    @Test
    void everyJarResolvesAsAModuleWithoutSplitPackages() throws IOException {
        ModuleFinder finder = ModuleFinder.of(runtimeModulePath().toArray(Path[]::new));
        Set<String> names = finder.findAll().stream()
                .map(r -> r.descriptor().name())
                .collect(Collectors.toCollection(TreeSet::new));
        for (String required : List.of("io.mynode.kernel", "io.mynode.transport.grpc", "io.grpc", "io.grpc.stub",
                "io.grpc.protobuf", "io.grpc.netty.shaded", "com.google.protobuf", "com.google.common")) {
            assertTrue(names.contains(required), required + " missing from " + names);
        }
        List<String> split = new ArrayList<>();
        java.util.Map<String, String> owner = new java.util.HashMap<>();
        for (ModuleReference r : finder.findAll()) {
            for (String pkg : r.descriptor().packages()) {
                String previous = owner.put(pkg, r.descriptor().name());
                if (previous != null) {
                    split.add(pkg + " in " + previous + " and " + r.descriptor().name());
                }
            }
        }
        assertEquals(List.of(), split, "split packages");
    }

    @Test
    void aClientAndTwoPeersWorkOnTheModulePath() throws IOException, InterruptedException {
        var ports = TestNodes.freePorts("a", "b");
        String modulePath = runtimeModulePath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
        Path log = Files.createTempFile("module-path-probe", ".log");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath,
                "--add-modules", "ALL-MODULE-PATH",
                "--enable-native-access=io.grpc.netty.shaded",
                "-Xmx256m",
                "-Djava.util.logging.config.file=/dev/null",
                "-cp", testClasses,
                "io.mynode.transport.grpc.probe.ModulePathProbe",
                String.valueOf(ports.get("a")), String.valueOf(ports.get("b")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            boolean exited = child.waitFor(90, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(exited, "the probe did not finish:\n" + output);
            assertEquals(0, child.exitValue(), output);
            assertTrue(output.contains("transport module: io.mynode.transport.grpc"), output);
            assertTrue(output.contains("PROBE OK"), output);
            assertTrue(output.lines().noneMatch(l -> l.startsWith("WARNING")), "JVM warnings:\n" + output);
        } finally {
            child.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
