package io.mynode.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.mynode.kernel.config.NodeConfig;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layering rules (the kernel's package docs: plugins import only the kernel, clients reach a
 * node only through the kernel's client contract) and the house style, checked on the
 * compiled main classes of every module. The module lists are derived ({@link Modules}): a new
 * plugin or client is checked without an edit here. A violation fails the build, so layers cannot
 * erode one convenient import at a time.
 */
class ArchitectureTests {

    static JavaClasses mynode;

    @BeforeAll
    static void importClasses() {
        mynode = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mynode");
    }

    static Stream<String> plugins() {
        return Modules.of(Modules.Kind.PLUGIN).stream().map(Modules.Module::name);
    }

    static Stream<String> clients() {
        return Modules.of(Modules.Kind.CLIENT).stream().map(Modules.Module::name);
    }

    static String[] plugins(Modules.Kind kind) {
        return Modules.of(kind).stream().map(Modules.Module::packages).toArray(String[]::new);
    }

    /** Every mynode module but {@code name} and the kernel. */
    static String[] othersThanKernelAnd(String name) {
        return Stream.of(Modules.allBut(Modules.ALL.get(name)))
                .filter(p -> !p.equals(Modules.KERNEL + "..")).toArray(String[]::new);
    }

    /** A plugin imports only the kernel, the JDK and its own libraries: never another mynode module. */
    static ArchRule pluginIsolation(String pluginPackages, String[] others) {
        return noClasses().that().resideInAPackage(pluginPackages)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .as("plugin " + pluginPackages + " depends on no other mynode module but the kernel");
    }

    /** A plugin reads its own settings from its context, never another's from the node's configuration. */
    static final ArchRule PLUGINS_READ_ONLY_THEIR_OWN_SETTINGS = noClasses()
            .that().resideInAnyPackage(plugins(Modules.Kind.PLUGIN))
            .should().callMethod(NodeConfig.class, "settings", String.class)
            .as("plugins take their settings from their context, not NodeConfig.settings(prefix)");

    /** Wire formats stay inside their module: protobuf and gRPC types only in the gRPC transport. */
    static final ArchRule PROTOBUF_STAYS_IN_TRANSPORT = noClasses()
            .that().resideOutsideOfPackage("io.mynode.transport.grpc..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.protobuf..", "io.grpc..")
            .as("protobuf and gRPC types never leave grpc-transport");

    @Test
    void thereArePluginsAndClientsToCheck() {
        assertTrue(plugins().count() >= 6, "plugins found: " + plugins().toList());
        assertTrue(clients().count() >= 2, "clients found: " + clients().toList());
    }

    @ParameterizedTest
    @MethodSource("plugins")
    void pluginsDependOnTheKernelAlone(String plugin) {
        pluginIsolation(plugin + "..", othersThanKernelAnd(plugin)).check(mynode);
    }

    @Test
    void pluginsReadOnlyTheirOwnSettings() {
        PLUGINS_READ_ONLY_THEIR_OWN_SETTINGS.check(mynode);
    }

    @Test
    void theKernelImportsNoPluginAndOnlyTheJdk() {
        classes().that().resideInAPackage(Modules.KERNEL + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(Modules.KERNEL + "..", "java..", "javax..")
                .check(mynode);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void clientsReachANodeOnlyThroughTheKernel(String client) {
        noClasses().that().resideInAPackage(client + "..")
                .should().dependOnClassesThat().resideInAnyPackage(othersThanKernelAnd(client))
                .check(mynode);
    }

    @Test
    void protobufTypesNeverLeaveTheTransport() {
        PROTOBUF_STAYS_IN_TRANSPORT.check(mynode);
    }

    @Test
    void messagePackIsNeverPartOfTheKernel() {
        noClasses().that().resideInAPackage(Modules.KERNEL + "..")
                .should().dependOnClassesThat().resideInAPackage("org.msgpack..")
                .check(mynode);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.mynode.(**)").should().beFreeOfCycles().check(mynode);
    }

    @Test
    void libraryCodeDoesNotPrintToStandardStreams() {
        noClasses().that().resideInAnyPackage(plugins(Modules.Kind.PLUGIN))
                .or().resideInAPackage(Modules.KERNEL + "..")
                .should(ACCESS_STANDARD_STREAMS)
                .check(mynode);
    }

    @Test
    void noCatchAllExceptionsAreThrown() {
        NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(mynode);
    }

    @Test
    void classNamesAreDomainNouns() {
        noClasses().should().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils")
                .check(mynode);
    }

    /** The rules must be able to fail: each is run on a deliberately bad class and must object. */
    @Nested
    class TheRulesCatchViolations {
        final JavaClasses fixtures = new ClassFileImporter().importPackages("io.mynode.sql.archfixture");

        @Test
        void aPluginImportingAnotherPluginFails() {
            assertThrows(AssertionError.class,
                    () -> pluginIsolation("io.mynode.sql..", othersThanKernelAnd("io.mynode.sql")).check(fixtures));
        }

        @Test
        void aPluginReadingAnotherPluginsSettingsFails() {
            assertThrows(AssertionError.class, () -> PLUGINS_READ_ONLY_THEIR_OWN_SETTINGS.check(fixtures));
        }

        @Test
        void aRuleOverAPackageWithNoClassesFails() {
            // What allowEmptyShould(true) used to hide: a mistyped or missing module checks nothing.
            assertThrows(AssertionError.class,
                    () -> pluginIsolation("io.mynode.no.such.module..", othersThanKernelAnd("io.mynode.sql")).check(mynode));
        }

        @Test
        void protobufOutsideTheTransportFails() {
            assertThrows(AssertionError.class, () -> PROTOBUF_STAYS_IN_TRANSPORT.check(fixtures));
        }
    }
}
