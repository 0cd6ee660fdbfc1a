package io.mynode.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of DESIGN.md §2 (and STYLE.md), checked on the compiled main classes of every module.
 * A violation fails the build, so layers cannot erode one convenient import at a time.
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
        return Layers.PLUGINS.stream();
    }

    static Stream<String> clients() {
        return Layers.CLIENTS.stream();
    }

    /** A plugin imports only the kernel, the JDK and its own libraries: never another mynode module. */
    static ArchRule pluginIsolation(String plugin) {
        return noClasses().that().resideInAPackage(plugin)
                .should().dependOnClassesThat().resideInAnyPackage(
                        Stream.of(Layers.allBut(plugin)).filter(p -> !p.equals(Layers.KERNEL)).toArray(String[]::new))
                .as("plugin " + plugin + " depends on no other mynode module but the kernel");
    }

    /** Wire formats stay inside their module: protobuf and gRPC types only in the gRPC transport. */
    static final ArchRule PROTOBUF_STAYS_IN_TRANSPORT = noClasses()
            .that().resideOutsideOfPackage("io.mynode.transport.grpc..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.protobuf..", "io.grpc..")
            .as("protobuf and gRPC types never leave grpc-transport");

    @ParameterizedTest
    @MethodSource("plugins")
    void pluginsDependOnTheKernelAlone(String plugin) {
        pluginIsolation(plugin).allowEmptyShould(true).check(mynode);
    }

    @Test
    void theKernelImportsNoPluginAndOnlyTheJdk() {
        classes().that().resideInAPackage(Layers.KERNEL)
                .should().onlyDependOnClassesThat().resideInAnyPackage(Layers.KERNEL, "java..", "javax..")
                .check(mynode);
    }

    @ParameterizedTest
    @MethodSource("clients")
    void clientsReachANodeOnlyThroughTheKernel(String client) {
        noClasses().that().resideInAPackage(client)
                .should().dependOnClassesThat().resideInAnyPackage(
                        Stream.of(Layers.allBut(client)).filter(p -> !p.equals(Layers.KERNEL)).toArray(String[]::new))
                .allowEmptyShould(true)
                .check(mynode);
    }

    @Test
    void protobufTypesNeverLeaveTheTransport() {
        PROTOBUF_STAYS_IN_TRANSPORT.check(mynode);
    }

    @Test
    void messagePackIsNeverPartOfTheKernel() {
        noClasses().that().resideInAPackage(Layers.KERNEL)
                .should().dependOnClassesThat().resideInAPackage("org.msgpack..")
                .check(mynode);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.mynode.(**)").should().beFreeOfCycles().check(mynode);
    }

    @Test
    void libraryCodeDoesNotPrintToStandardStreams() {
        noClasses().that().resideInAnyPackage(Layers.PLUGINS.toArray(String[]::new))
                .or().resideInAPackage(Layers.KERNEL)
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
            assertThrows(AssertionError.class, () -> pluginIsolation("io.mynode.sql..").check(fixtures));
        }

        @Test
        void protobufOutsideTheTransportFails() {
            assertThrows(AssertionError.class, () -> PROTOBUF_STAYS_IN_TRANSPORT.check(fixtures));
        }
    }
}
